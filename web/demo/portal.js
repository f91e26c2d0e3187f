// The mock portal: embeds the widget as a custom element and as an iframe, and shows what the
// widget tells it. No inline script, so that its strict Content-Security-Policy holds.
import './pkg/selfcheck-widget.js';

const events = document.getElementById('portal-events');
const result = document.getElementById('portal-result');

function log(source, type, text) {
  const item = document.createElement('li');
  item.dataset.eventSource = source;
  item.dataset.eventType = type;
  item.textContent = `${new Date().toLocaleTimeString()} ${source} ${type}: ${text}`;
  events.append(item);
  events.scrollTop = events.scrollHeight;
}

const widget = document.getElementById('portal-widget');
widget.addEventListener('selfcheck:change', (event) => log('element', 'change', `score ${event.detail.score}, grade ${event.detail.grade}`));
widget.addEventListener('selfcheck:exported', (event) => {
  log('element', 'exported', event.detail.fileName);
  result.textContent = event.detail.result;
});

// The iframe posts to this page's origin only, and only because the page asks it to.
const iframe = document.getElementById('portal-iframe');
const params = new URLSearchParams({ 'parent-origin': location.origin, namespace: 'iframe', lang: 'zh-CN' });
iframe.src = `./?${params}`;
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.source !== iframe.contentWindow) return;
  const data = event.data ?? {};
  if (data.type === 'selfcheck:change' || data.type === 'selfcheck:report') {
    log('iframe', data.type.slice('selfcheck:'.length), `score ${data.report?.score}, grade ${data.report?.grade}`);
  } else if (data.type === 'selfcheck:exported') {
    log('iframe', 'exported', data.fileName);
    result.textContent = data.result;
  }
});
