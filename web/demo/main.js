// Entry point of the standalone page: loads the widget's wasm and renders it.
import init, { run } from './pkg/selfcheck_web.js';

const root = document.getElementById('selfcheck');
const lang = new URLSearchParams(location.search).get('lang') || document.documentElement.lang;
init().then(() => run(root, lang), (error) => {
  root.textContent = '自查工具加载失败，请刷新页面重试。The self-assessment failed to load; reload the page. (' + error + ')';
});
