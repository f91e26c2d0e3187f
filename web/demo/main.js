// The standalone page: the bureau's website, or the iframe of a portal page.
// Query: lang=en, namespace=NAME, storage=off, addressee=TEXT, submission=TEXT,
// bureau-fingerprint=FINGERPRINT, parent-origin=ORIGIN (iframe mode).
import { mount, unsupportedMessage } from './pkg/selfcheck-widget.js';

const params = new URLSearchParams(location.search);
const root = document.getElementById('selfcheck');
const options = { lang: params.get('lang') || document.documentElement.lang };
if (params.get('storage') === 'off') options.namespace = null;
else if (params.has('namespace')) options.namespace = params.get('namespace');
for (const name of ['addressee', 'submission']) {
  if (params.has(name)) options[name] = params.get(name);
}
if (params.has('bureau-fingerprint')) options.bureau_fingerprint = params.get('bureau-fingerprint');

// Messages go only to the origin the host names; '*' only when it says so literally.
const parentOrigin = params.get('parent-origin');
const bridged = window.parent !== window && Boolean(parentOrigin);

// The bridge listens before the widget is mounted, so that the parent hears every report from
// the first one on, and a request that comes while the widget loads is answered once it is there.
let handle = null;
let requested = false;
const post = (message) => window.parent.postMessage(message, parentOrigin);
const reply = () => post({ type: 'selfcheck:report', report: handle.report() });
if (bridged) {
  root.addEventListener('selfcheck:change', (event) => post({ type: 'selfcheck:change', report: event.detail }));
  root.addEventListener('selfcheck:exported', (event) =>
    post({ type: 'selfcheck:exported', fileName: event.detail.fileName, result: event.detail.result }));
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    if (parentOrigin !== '*' && event.origin !== parentOrigin) return;
    if (event.data?.type !== 'selfcheck:request-report') return;
    if (handle) reply();
    else requested = true;
  });
}

mount(root, options).then(
  (mounted) => {
    handle = mounted;
    if (requested) reply();
  },
  (error) => {
    root.replaceChildren(unsupportedMessage(error, options.lang));
  },
);
