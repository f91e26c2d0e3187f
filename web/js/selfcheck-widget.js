// selfcheck-widget: the self-assessment widget for pages of the province's portal and the
// bureau's website. `mount(element, options)`, or the <selfcheck-widget> custom element.
// Everything runs in the page; the only requests are for this package's own files.
import init, { mountWidget as mountWithReferenceTypes } from './selfcheck_web.js';
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
    const glue = modern
      ? Promise.resolve({ default: init, mountWidget: mountWithReferenceTypes })
      : import('./selfcheck_web_fallback.js');
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

/**
 * Mounts the widget in `element` (inside its shadow root) and resolves to a handle with
 * `report()` and `destroy()`. The element receives `selfcheck:change` and `selfcheck:exported`.
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
  await load();
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = stylesheet;
  const container = document.createElement('div');
  shadow.replaceChildren(link, container);
  const themed = applyTheme(element, theme);
  let handle = null;
  let destroyed = false;
  const dispatch = ({ kind, data }) =>
    element.dispatchEvent(new CustomEvent(`selfcheck:${kind}`, { detail: data, bubbles: true, composed: true }));
  // Events held until the host has had its chance to listen (null once delivered). Of the
  // reports, only the latest is kept: it is the current one.
  let held = [];
  // mount() resolves once the first render has made the first report: report() is never null
  // while the widget is mounted.
  let firstReport = null;
  const reported = new Promise((resolve) => {
    firstReport = resolve;
  });
  const emit = (kind, detail) => {
    if (kind === 'change') firstReport();
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
    handle = mountWidget(container, shadow, JSON.stringify(payload), emit);
  } catch (error) {
    shadow.replaceChildren();
    for (const property of themed) element.style.removeProperty(property);
    throw error instanceof Error ? error : new Error(String(error));
  }
  element.__selfcheck = true;
  await reported;
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
 * addressee submission>`
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
