// selfcheck-widget: the self-assessment widget for pages of the province's portal and the
// bureau's website. `mount(element, options)`, or the <selfcheck-widget> custom element.
// Everything runs in the page; the only requests are for this package's own files.
import { UnsupportedError, classify, hasReferenceTypes, unsupportedMessage } from './selfcheck-unsupported.js';

export { UnsupportedError, hasReferenceTypes, unsupportedMessage };

const stylesheet = new URL('./selfcheck.css', import.meta.url).href;
let loading = null;
let exports = null;
/** `mountWidget` of the build the browser runs. */
let mountWidget = null;

/** Loads the WebAssembly once per page: the build with reference types, or the fallback. */
function load() {
  if (!loading) {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return Promise.reject(new UnsupportedError('no-wasm', 'typeof WebAssembly: ' + typeof globalThis.WebAssembly));
    }
    const modern = hasReferenceTypes();
    // Imported here, not at the top: this file then runs (and the element shows its first
    // screen) without waiting for the 60 KB of glue, which arrives beside the first screen.
    const glue = modern ? import('./selfcheck_web.js') : import('./selfcheck_web_fallback.js');
    const wasm = new URL(modern ? './selfcheck_web_bg.wasm' : './selfcheck_web_fallback_bg.wasm', import.meta.url);
    loading = glue
      .then((module) =>
        module.default({ module_or_path: wasm }).then((instance) => {
          exports = instance;
          mountWidget = module.mountWidget;
        }),
      )
      .catch((error) => {
        loading = null;
        throw classify(error);
      });
  }
  return loading;
}

let signing = null;
/** Loads of the signing module that failed: a module whose fetch failed stays failed under its URL. */
let signingFailures = 0;

/**
 * Loads the second WebAssembly module once: key files, signing, verifying imported results and
 * the QR code (`selfcheck_web_sign`), of the same build as the widget's. The widget calls this
 * when one of those is first asked for; `prefetchSigning` may call it before.
 */
function loadSigning() {
  if (!signing) {
    const modern = hasReferenceTypes();
    // After a failure, a new URL: the browser keeps a failed module import failed for its URL.
    const retry = signingFailures ? `?retry=${signingFailures}` : '';
    const glue = new URL(modern ? './selfcheck_web_sign.js' : './selfcheck_web_sign_fallback.js', import.meta.url);
    const wasm = new URL(modern ? './selfcheck_web_sign_bg.wasm' : './selfcheck_web_sign_fallback_bg.wasm', import.meta.url);
    signing = import(glue.href + retry)
      .then((module) => module.default({ module_or_path: wasm }).then(() => module))
      .catch((error) => {
        signing = null;
        signingFailures += 1;
        throw error;
      });
  }
  return signing;
}

/**
 * Fetches the signing module before it is asked for: as soon as the key or import section comes
 * near the view, or after a while when the page is idle. Not at once: on a slow PC, compiling it
 * beside the widget's first moments would slow the answers given then.
 */
function prefetchSigning(shadow) {
  let started = false;
  let observer = null;
  const fetchIt = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    loadSigning().catch(() => {
      // Tried again when it is needed, and said there next to the control.
    });
  };
  if (typeof IntersectionObserver === 'function') {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) fetchIt();
    }, { rootMargin: '600px 0px' });
    for (const id of ['selfcheck-key', 'selfcheck-import']) {
      const section = shadow.getElementById(id);
      if (section) observer.observe(section);
    }
  }
  let idle = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fetchIt, { timeout: 5000 });
    else fetchIt();
  }, 5000);
  // Stops it when the widget is destroyed first: nothing of a widget outlives it.
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
    observer?.disconnect();
  };
}

/** Calls `callback` in a task of its own, after the current task and all its microtasks. */
function inNextTask(callback) {
  // A message channel, not setTimeout: no clamping, and no throttling in a background tab.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
}

/** Bytes of WebAssembly memory in use by all widgets of the page (for measurements). */
export function wasmMemoryBytes() {
  return exports?.memory?.buffer.byteLength ?? 0;
}

const themeProperties = {
  accent: '--selfcheck-accent',
  accentText: '--selfcheck-accent-text',
  text: '--selfcheck-text',
  background: '--selfcheck-bg',
  page: '--selfcheck-page',
  font: '--selfcheck-font',
  radius: '--selfcheck-radius',
};

function applyTheme(element, theme) {
  if (theme == null) return [];
  const set = [];
  for (const [name, value] of Object.entries(theme)) {
    const property = themeProperties[name];
    if (!property) throw new TypeError(`theme.${name} is not a theme property (${Object.keys(themeProperties).join(', ')})`);
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    element.style.setProperty(property, String(value));
    set.push(property);
  }
  return set;
}

// --- The first screen -------------------------------------------------------------------------
// The widget's first screen (toolbar, navigation, profile, the first area, results) is rendered at
// build time from the widget's own components (web/src/first_screen.rs) and shown at once, in the
// shadow root, while the WebAssembly downloads and compiles: from `selfcheck-first-LANG.js`, or
// already there when the page carries it (the standalone page does, in a declarative shadow root).
// Its controls are plain form controls. When the widget has rendered, it replaces the first
// screen in one task (no frame shows both, or neither), and what was answered and typed there is
// laid over the draft (web/src/early.rs): the stored draft, then the person's changes.

/** The first screen's element in a shadow root: the widget's root as pre-rendered, in a wrapper. */
const FIRST = '[data-selfcheck-first]';

/** The language of the first screen to show: the one the person chose last time, else the page's. */
function firstScreenLang(options) {
  let tag = options.lang || document.documentElement.lang || 'zh-CN';
  if (options.namespace !== null) {
    // The widget keeps the person's choice under this key (web/src/storage.rs, `Keys`).
    try {
      tag = localStorage.getItem(`selfcheck:${options.namespace ?? 'default'}:lang`) || tag;
    } catch {
      // Storage refused: the page's language.
    }
  }
  return /^en\b/i.test(tag) ? 'en' : 'zh';
}

/** The stylesheet link of a shadow root, added first when missing. */
function stylesheetOf(shadow) {
  let link = [...shadow.children].find((child) => child.localName === 'link' && child.rel === 'stylesheet');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = stylesheet;
    shadow.prepend(link);
  }
  return link;
}

/** The profile's inputs by the wire name of their field. */
const PROFILE_INPUTS = {
  name: 'selfcheck-profile-name',
  credit_code: 'selfcheck-profile-credit-code',
  'contact.person': 'selfcheck-profile-person',
  'contact.phone': 'selfcheck-profile-phone',
  'contact.email': 'selfcheck-profile-email',
  'period.from': 'selfcheck-profile-from',
  'period.to': 'selfcheck-profile-to',
};

/** Shows the host's values (and its fixed fields, as the widget shows them) on the first screen. */
function prefill(wrapper, module, options) {
  for (const field of options.locked ?? []) {
    const id = PROFILE_INPUTS[field.replace('-', '_')];
    const variant = module.locked?.[field.replace('-', '_')];
    const open = id && variant && wrapper.querySelector(`#${id}`)?.closest('.selfcheck-field');
    if (!open) continue;
    const template = document.createElement('template');
    template.innerHTML = variant;
    open.replaceWith(template.content);
  }
  const profile = options.profile ?? {};
  for (const [path, id] of Object.entries(PROFILE_INPUTS)) {
    const value = path.split('.').reduce((object, key) => object?.[key], profile);
    const input = wrapper.querySelector(`#${id}`);
    // As its default value too: it is the host's, not something the person typed.
    if (input && typeof value === 'string') input.defaultValue = input.value = value;
  }
}

/** Puts the first screen into the shadow root, shown once its stylesheet is there. */
function showFirstScreen(shadow, module, lang, options) {
  const link = stylesheetOf(shadow);
  const wrapper = document.createElement('div');
  wrapper.dataset.selfcheckFirst = lang;
  wrapper.innerHTML = module.html;
  prefill(wrapper, module, options);
  if (!link.sheet) {
    wrapper.hidden = true;
    const show = () => { wrapper.hidden = false; };
    link.addEventListener('load', show, { once: true });
    link.addEventListener('error', show, { once: true });
  }
  shadow.append(wrapper);
  return wrapper;
}

/**
 * What the person answered and typed on the first screen, as JSON for the widget
 * (web/src/early.rs), or null: only what differs from the first screen as it was shown.
 */
function readFirstScreen(wrapper) {
  const profile = {};
  for (const input of wrapper.querySelectorAll('input[id^="selfcheck-profile-"]')) {
    if (!input.readOnly && input.value !== input.defaultValue) profile[input.id] = input.value;
  }
  const criteria = [];
  for (const fieldset of wrapper.querySelectorAll('fieldset[data-criterion]')) {
    const entry = { id: fieldset.dataset.criterion };
    const boxes = [...fieldset.querySelectorAll('input[type=radio], input[type=checkbox]')];
    if (boxes.some((box) => box.checked !== box.defaultChecked)) {
      const radio = boxes.find((box) => box.type === 'radio' && box.checked);
      const ticked = (attribute) => boxes.some((box) => box.checked && box.hasAttribute(attribute));
      entry.answer = radio
        ? radio.value
        : { items: boxes.filter((box) => box.checked && box.dataset.item).map((box) => box.dataset.item), none: ticked('data-none'), na: ticked('data-na') };
    }
    const note = fieldset.querySelector('textarea[data-note]');
    if (note && note.value !== note.defaultValue) entry.note = note.value;
    if ('answer' in entry || 'note' in entry) criteria.push(entry);
  }
  return Object.keys(profile).length || criteria.length ? JSON.stringify({ profile, criteria }) : null;
}

/** A selector that finds, in the widget's tree, the control focused on the first screen. */
function focusedControl(shadow, wrapper) {
  const active = shadow.activeElement;
  if (!active || !wrapper.contains(active)) return null;
  if (active.id) return { selector: `#${CSS.escape(active.id)}`, active };
  const fieldset = active.closest('fieldset[data-criterion]');
  if (!fieldset) return null;
  const within = `fieldset[data-criterion="${CSS.escape(fieldset.dataset.criterion)}"] `;
  if (active.type === 'radio') return { selector: `${within}input[type=radio][value="${CSS.escape(active.value)}"]`, active };
  for (const attribute of ['data-item', 'data-none', 'data-na']) {
    if (active.hasAttribute(attribute)) {
      return { selector: `${within}input[${attribute}="${CSS.escape(active.getAttribute(attribute))}"]`, active };
    }
  }
  if (active.localName === 'summary') return { selector: `${within}summary`, active };
  return null;
}

/** Replaces the first screen with the widget's tree, in one task: focus, caret and open guidance kept. */
function takeOver(shadow, wrapper, container) {
  const focused = focusedControl(shadow, wrapper);
  const opened = [...wrapper.querySelectorAll('fieldset[data-criterion] details[open]')].map(
    (details) => details.closest('fieldset').dataset.criterion,
  );
  wrapper.remove();
  container.hidden = false;
  for (const id of opened) {
    const details = container.querySelector(`fieldset[data-criterion="${CSS.escape(id)}"] details`);
    if (details) details.open = true;
  }
  const target = focused && container.querySelector(focused.selector);
  if (target) {
    target.focus({ preventScroll: true });
    try {
      target.setSelectionRange(focused.active.selectionStart, focused.active.selectionEnd, focused.active.selectionDirection);
    } catch {
      // Not a text field.
    }
  }
}

/** Resolves when no text is being composed with an input method on the first screen. */
function afterComposition(shadow, composing) {
  if (!composing()) return Promise.resolve();
  return new Promise((resolve) => shadow.addEventListener('compositionend', () => setTimeout(resolve, 0), { once: true }));
}

/**
 * Mounts the widget in `element` (inside its shadow root) and resolves to a handle with
 * `report()` and `destroy()`. The element receives `selfcheck:change` and `selfcheck:exported`.
 * The first screen is shown at once, before the WebAssembly has arrived.
 *
 * The promise resolves once the questionnaire has rendered (`report()` then gives its report).
 * Guarantee: no event is lost to a listener added as soon as the promise resolves (right after
 * `await mount(…)`, or in its `.then`). What the widget emits before then is held, and delivered
 * in the first task after the promise resolves: the current report as one `selfcheck:change`,
 * whether the first render came before or after the promise resolved.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount(element, options): element must be a DOM element');
  if (element.__selfcheck) throw new Error('a selfcheck widget is already mounted in this element; destroy() it first');
  const { theme, catalogue, ...rest } = options ?? {};
  const payload = { ...rest };
  if (catalogue !== undefined) payload.catalogue = typeof catalogue === 'string' ? catalogue : JSON.stringify(catalogue);
  // The download starts now; the first screen shows meanwhile.
  const loaded = load();
  loaded.catch(() => {});
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const themed = applyTheme(element, theme);
  // A custom catalogue is not the one the first screen was rendered from.
  const lang = firstScreenLang(rest);
  const shown = [...shadow.children].filter((child) => child.matches(FIRST));
  let wrapper = catalogue === undefined ? shown.find((child) => child.dataset.selfcheckFirst === lang) ?? null : null;
  for (const other of shown) if (other !== wrapper) other.remove();
  let settled = false;
  if (!wrapper && catalogue === undefined) {
    // The stylesheet is asked for beside the first screen's module, not after it.
    stylesheetOf(shadow);
    import(`./selfcheck-first-${lang}.js`).then(
      (module) => {
        if (!settled) wrapper = showFirstScreen(shadow, module, lang, rest);
      },
      () => {
        // Without its first screen the widget still comes, a moment later.
      },
    );
  } else if (wrapper) {
    prefill(wrapper, {}, rest);
  }
  let composing = false;
  const compositionStarted = () => { composing = true; };
  const compositionEnded = () => { composing = false; };
  shadow.addEventListener('compositionstart', compositionStarted);
  shadow.addEventListener('compositionend', compositionEnded);
  try {
    await loaded;
  } catch (error) {
    settled = true;
    // The page's own message (in the element's light DOM) shows in place of the first screen.
    shadow.replaceChildren(document.createElement('slot'));
    for (const property of themed) element.style.removeProperty(property);
    throw error;
  }
  // A word being composed with an input method is finished first: replacing its field would break it.
  await afterComposition(shadow, () => composing);
  shadow.removeEventListener('compositionstart', compositionStarted);
  shadow.removeEventListener('compositionend', compositionEnded);
  settled = true;
  stylesheetOf(shadow);
  const container = document.createElement('div');
  const first = wrapper;
  const early = first ? readFirstScreen(first) : null;
  if (first) container.hidden = true;
  shadow.append(container);
  let handle = null;
  let destroyed = false;
  let stopPrefetch = () => {};
  // Settled once the widget's first render is in place (and the first screen gone): the promise
  // mount() returns resolves then, with the current report there for `report()`.
  let rendered;
  const firstRender = new Promise((resolve) => { rendered = resolve; });
  const dispatch = ({ kind, data }) =>
    element.dispatchEvent(new CustomEvent(`selfcheck:${kind}`, { detail: data, bubbles: true, composed: true }));
  // Events held until the host has had its chance to listen (null once delivered). Of the
  // reports, only the latest is kept: it is the current one.
  let held = [];
  const emit = (kind, detail) => {
    if (kind === 'rendered') {
      // The widget's first render is in the DOM (hidden): swap it in, outside the wasm's call.
      queueMicrotask(() => {
        if (first) {
          // What was done on the first screen while the widget rendered.
          const late = readFirstScreen(first);
          if (late !== early && late) handle?.carryOver(late);
          takeOver(shadow, first, container);
        }
        rendered();
        stopPrefetch = prefetchSigning(shadow);
      });
      return;
    }
    const data = JSON.parse(detail);
    if (kind === 'exported' && handle) data.report = JSON.parse(handle.reportJson() || 'null');
    if (held === null) {
      dispatch({ kind, data });
      return;
    }
    if (kind === 'change') held = held.filter((event) => event.kind !== 'change');
    held.push({ kind, data });
  };
  try {
    handle = mountWidget(container, shadow, JSON.stringify(payload), emit, early, loadSigning);
  } catch (error) {
    shadow.replaceChildren();
    for (const property of themed) element.style.removeProperty(property);
    throw error instanceof Error ? error : new Error(String(error));
  }
  element.__selfcheck = true;
  await firstRender;
  // Scheduled now, run after the promise this function returns has resolved and after every
  // microtask that follows it: the host's listeners are in place by then.
  inNextTask(() => {
    const events = held;
    held = null;
    if (!destroyed) events.forEach(dispatch);
  });
  return {
    /** The current report (selfcheck-report/1) as a plain object, or null once destroyed. */
    report() {
      const json = destroyed ? '' : handle.reportJson();
      return json ? JSON.parse(json) : null;
    },
    /** Saves what is pending, unmounts, and leaves no listener or timer behind. */
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopPrefetch();
      handle.destroy();
      handle.free();
      shadow.replaceChildren();
      for (const property of themed) element.style.removeProperty(property);
      delete element.__selfcheck;
    },
  };
}

/**
 * `<selfcheck-widget lang namespace storage="off" name credit-code locked="name credit-code"
 * addressee submission bureau-fingerprint>`
 *
 * Listeners added to the element before it is shown, or as soon as `element.ready` resolves,
 * hear the current report as their first `selfcheck:change` (the guarantee of `mount()`).
 */
export class SelfcheckWidget extends HTMLElement {
  constructor() {
    super();
    this._ready = new Promise((resolve, reject) => {
      this._settleReady = { resolve, reject };
    });
    // Awaiting it is optional: a failure is also shown in the element and sent as selfcheck:error.
    this._ready.catch(() => {});
  }

  /** Resolves with the current report once the questionnaire is shown; rejects if it cannot load. */
  get ready() {
    return this._ready;
  }

  connectedCallback() {
    // Moved within the page: disconnected and connected again at once; keep the widget.
    if (this._pending) return;
    const options = { lang: this.getAttribute('lang') || document.documentElement.lang || 'zh-CN' };
    if (this.getAttribute('storage') === 'off') options.namespace = null;
    else if (this.hasAttribute('namespace')) options.namespace = this.getAttribute('namespace');
    const profile = {};
    if (this.hasAttribute('name')) profile.name = this.getAttribute('name');
    if (this.hasAttribute('credit-code')) profile.credit_code = this.getAttribute('credit-code');
    if (Object.keys(profile).length) options.profile = profile;
    for (const name of ['addressee', 'submission']) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    if (this.hasAttribute('bureau-fingerprint')) options.bureau_fingerprint = this.getAttribute('bureau-fingerprint');
    const locked = (this.getAttribute('locked') || '').split(/\s+/).filter(Boolean);
    if (locked.length) options.locked = locked.map((field) => field.replace('-', '_'));
    this._pending = mount(this, options).then(
      (handle) => {
        if (!this.isConnected) {
          handle.destroy();
          return null;
        }
        this._handle = handle;
        this._settleReady.resolve(handle.report());
        return handle;
      },
      (error) => {
        const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = stylesheet;
        shadow.replaceChildren(link, unsupportedMessage(error, options.lang));
        this.dispatchEvent(new CustomEvent('selfcheck:error', { detail: { message: error.message }, bubbles: true, composed: true }));
        this._settleReady.reject(error);
        return null;
      },
    );
  }

  disconnectedCallback() {
    // Wait a moment: a move reconnects the element before this runs, and then nothing is lost.
    queueMicrotask(() => {
      if (this.isConnected) return;
      const pending = this._pending;
      this._pending = null;
      this._handle = null;
      pending?.then((handle) => handle?.destroy());
    });
  }

  /** The current report as a plain object, or null before the widget is ready. */
  report() {
    return this._handle?.report() ?? null;
  }
}

if (!customElements.get('selfcheck-widget')) customElements.define('selfcheck-widget', SelfcheckWidget);
