// selfcheck-widget: the self-assessment widget for pages of the province's portal and the
// bureau's website. `mount(element, options)`, or the <selfcheck-widget> custom element.
// Everything runs in the page; the only requests are for this package's own files.
import init, { mountWidget } from './selfcheck_web.js';

const stylesheet = new URL('./selfcheck.css', import.meta.url).href;
const wasm = new URL('./selfcheck_web_bg.wasm', import.meta.url);
let loading = null;
let exports = null;

/** Loads the WebAssembly once per page. */
function load() {
  if (!loading) {
    loading = init({ module_or_path: wasm }).then(
      (instance) => {
        exports = instance;
      },
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
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
  const emit = (kind, detail) => {
    const data = JSON.parse(detail);
    if (kind === 'exported' && handle) data.report = JSON.parse(handle.reportJson() || 'null');
    element.dispatchEvent(new CustomEvent(`selfcheck:${kind}`, { detail: data, bubbles: true, composed: true }));
  };
  try {
    handle = mountWidget(container, shadow, JSON.stringify(payload), emit);
  } catch (error) {
    shadow.replaceChildren();
    for (const property of themed) element.style.removeProperty(property);
    throw error instanceof Error ? error : new Error(String(error));
  }
  element.__selfcheck = true;
  let destroyed = false;
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
 */
export class SelfcheckWidget extends HTMLElement {
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
        return handle;
      },
      (error) => {
        const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        const message = document.createElement('p');
        message.setAttribute('role', 'alert');
        message.textContent = `自查工具无法加载 / The self-assessment cannot load: ${error.message}`;
        shadow.replaceChildren(message);
        this.dispatchEvent(new CustomEvent('selfcheck:error', { detail: { message: error.message }, bubbles: true, composed: true }));
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
