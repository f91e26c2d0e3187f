// The desk page's entry: loads the desk's wasm module (the build with reference types, or the
// fallback for browsers without them) and mounts the desk in #desk; where it cannot run, the page
// says why in plain words. The worker (desk-worker.js) loads the same build for the verification.
import { DESK, UnsupportedError, classify, hasReferenceTypes, unsupportedMessage } from './selfcheck-unsupported.js';

const root = document.getElementById('desk');
const fail = (error) => root.replaceChildren(unsupportedMessage(error, document.documentElement.lang, DESK));

if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
  fail(new UnsupportedError('no-wasm', `typeof WebAssembly: ${typeof globalThis.WebAssembly}`));
} else {
  (hasReferenceTypes() ? import('./selfcheck_desk.js') : import('./selfcheck_desk_fallback.js'))
    .then((glue) => glue.default().then(() => glue.start_desk('desk')))
    .catch((error) => fail(classify(error)));
}
