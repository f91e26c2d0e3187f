// The standalone page's first screen, pre-rendered into the page (a declarative shadow root in
// index.html, written by `cargo xtask` from web/src/first_screen.rs). A classic script right after
// the widget's element, so that it runs as the page is parsed, before the first paint: in a
// browser without declarative shadow roots (Chromium before 111, Firefox before 123, Safari before
// 16.4) it attaches the shadow root itself; where the page will be in another language (?lang=, or
// the person's choice kept by the widget) it takes the first screen out, and the widget shows its
// own. Plain ES5: Internet Explorer runs it too, and there it only removes the template.
(function () {
  var host = document.getElementById('selfcheck');
  if (!host) return;
  var template = host.querySelector('template');
  var shadow = host.shadowRoot;
  if (!shadow && template) {
    if (typeof host.attachShadow === 'function' && template.content) {
      shadow = host.attachShadow({ mode: 'open' });
      shadow.appendChild(template.content);
    }
    template.parentNode.removeChild(template);
  }
  if (!shadow) return;
  var first = shadow.querySelector('[data-selfcheck-first]');
  if (first && first.getAttribute('data-selfcheck-first') !== wantedLang()) first.parentNode.removeChild(first);

  function parameter(name) {
    var match = new RegExp('[?&]' + name + '=([^&#]*)').exec(location.search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, ' ')) : null;
  }

  // As main.js and the widget decide it: the person's choice kept under this key
  // (web/src/storage.rs, `Keys`), else ?lang=, else the page's.
  function wantedLang() {
    var tag = parameter('lang') || document.documentElement.lang || 'zh-CN';
    if (parameter('storage') !== 'off') {
      try {
        tag = localStorage.getItem('selfcheck:' + (parameter('namespace') || 'default') + ':lang') || tag;
      } catch (refused) {
        // Storage refused: the page's language.
      }
    }
    return /^en/i.test(tag) ? 'en' : 'zh';
  }
})();
