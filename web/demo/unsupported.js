// Run only by browsers that cannot run module scripts (nomodule): Internet Explorer and the
// 兼容模式 of dual-engine browsers, and browsers too old for selfcheck. Shows the page's plain
// message of what to do. Plain ES5, for those browsers.
(function () {
  var box = document.getElementById('unsupported');
  if (box) box.className += ' unsupported-shown';
})();
