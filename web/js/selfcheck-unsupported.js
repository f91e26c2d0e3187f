// What a page shows where selfcheck cannot run, and how it tells: the browser's WebAssembly (with
// or without reference types, which decides which build is loaded), a page policy that forbids
// WebAssembly, a browser too old. Shared by the widget's package and the review desk's page.

/**
 * A module whose one type returns an `externref`: valid only where WebAssembly has reference
 * types (Chromium 96+, Firefox 79+, Safari 15+). Elsewhere (Chromium 88 to 95: 360 极速模式 13, the
 * 信创 browsers) the fallback build, made without them, is loaded instead.
 */
const REFERENCE_TYPES = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 111]);

/** Whether this browser's WebAssembly has reference types. */
export function hasReferenceTypes() {
  try {
    return WebAssembly.validate(REFERENCE_TYPES);
  } catch {
    return false;
  }
}

/** Why the widget cannot run here: `reason` is one of `no-wasm`, `csp`, `old-browser`, `load-failed`. */
export class UnsupportedError extends Error {
  constructor(reason, detail) {
    super(detail || reason);
    this.name = 'UnsupportedError';
    this.reason = reason;
    this.detail = detail || '';
  }
}

// A page whose Content-Security-Policy forbids compiling WebAssembly reports it as a violation of
// `script-src` with the blocked URI `wasm-eval` (Chromium) or `eval`; the error itself varies by engine.
let wasmBlockedByPolicy = false;
document.addEventListener('securitypolicyviolation', (event) => {
  if (/eval/.test(event.blockedURI) || /wasm|eval/i.test(event.sample || '')) wasmBlockedByPolicy = true;
});

/** The plain reason a load failed, from the engine's error. */
export function classify(error) {
  const text = String(error?.message ?? error);
  const engine = typeof WebAssembly === 'object' ? WebAssembly : {};
  const compile = engine.CompileError && error instanceof engine.CompileError;
  // Chromium before 97 reports a violation for every module it compiles, even one its policy
  // allows: the event alone decides only together with a failed compilation.
  if ((wasmBlockedByPolicy && compile) || /disallowed by embedder|Content.Security.Policy|\bCSP\b|unsafe-eval/i.test(text)) {
    return new UnsupportedError('csp', text);
  }
  if (compile || (engine.LinkError && error instanceof engine.LinkError)) {
    return new UnsupportedError('old-browser', text);
  }
  return new UnsupportedError('load-failed', text);
}

/** The association's questionnaire, as the messages name it. */
export const WIDGET = { zh: '自查工具', en: 'the self-assessment' };
/** The bureau's review desk, as the messages name it. */
export const DESK = { zh: '审核台', en: 'the review desk' };

/** What the person reads when selfcheck cannot run, by reason: Chinese, then English. */
const UNSUPPORTED = {
  csp: {
    zh: '{tool}无法在本页运行：本页的内容安全策略不允许运行 WebAssembly。请网站管理员在本页“Content-Security-Policy”的“script-src”中加入“\'wasm-unsafe-eval\'”；为 Chromium 97 以前的浏览器（如 360 安全浏览器 13 的极速模式）还须加入“\'unsafe-eval\'”。',
    en: "{Tool} cannot run on this page: the page's Content-Security-Policy does not allow WebAssembly. The site's administrator must add 'wasm-unsafe-eval' to its script-src, and 'unsafe-eval' for browsers on Chromium before 97 (such as 360 Secure Browser 13 in its fast mode).",
  },
  'no-wasm': {
    zh: '本浏览器无法运行{tool}：它没有 WebAssembly（版本过旧，或已被关闭）。请使用以下浏览器之一：Chromium 88 及以上内核的浏览器（如 360 安全浏览器 13 及以上的极速模式、QQ 浏览器、统信 UOS 和银河麒麟自带的浏览器、Chrome 或 Edge 88 及以上），Firefox 115 及以上，Safari 15 及以上。',
    en: 'This browser cannot run {tool}: it has no WebAssembly (too old, or turned off). Use one of these: a browser on Chromium 88 or later (360 Secure Browser 13 or later in its fast mode, QQ Browser, the browsers of UOS and Kylin, Chrome or Edge 88 or later), Firefox 115 or later, Safari 15 or later.',
  },
  'old-browser': {
    zh: '本浏览器版本过旧，无法运行{tool}。请使用以下浏览器之一：Chromium 88 及以上内核的浏览器（如 360 安全浏览器 13 及以上的极速模式、QQ 浏览器、统信 UOS 和银河麒麟自带的浏览器、Chrome 或 Edge 88 及以上），Firefox 115 及以上，Safari 15 及以上。',
    en: 'This browser is too old for {tool}. Use one of these: a browser on Chromium 88 or later (360 Secure Browser 13 or later in its fast mode, QQ Browser, the browsers of UOS and Kylin, Chrome or Edge 88 or later), Firefox 115 or later, Safari 15 or later.',
  },
  setup: {
    zh: '{tool}未能启动：本页给它的设置有误。请网站管理员查看下方的技术信息。',
    en: "{Tool} could not start: the page set it up wrongly. The site's administrator will find why in the details below.",
  },
  'load-failed': {
    zh: '{tool}未能载入（网络中断，或网站上缺少它的文件）。请检查网络后刷新本页；仍不行时，请联系网站管理员。',
    en: "{Tool} did not load (the network failed, or the site lacks its files). Check the network and reload the page; if that does not help, tell the site's administrator.",
  },
};

/**
 * The message shown where the widget cannot run: one plain paragraph in Chinese (English below it
 * when the page is English), and the engine's words only in a details line for the site's
 * technician. `error` is an `UnsupportedError` (or any error: then the load failed).
 */
export function unsupportedMessage(error, lang = document.documentElement.lang, tool = WIDGET) {
  // An error that is not about the browser is the embedding page's: options it set wrongly.
  const reason = error instanceof UnsupportedError && error.reason in UNSUPPORTED ? error.reason : 'setup';
  const box = document.createElement('div');
  box.className = 'selfcheck-unsupported';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'unsupported';
  box.dataset.reason = reason;
  const paragraph = (text, tag) => {
    const p = document.createElement('p');
    p.lang = tag;
    p.textContent = text;
    box.append(p);
  };
  const named = (text, name) =>
    text.replace('{tool}', name).replace('{Tool}', name.charAt(0).toUpperCase() + name.slice(1));
  paragraph(named(UNSUPPORTED[reason].zh, tool.zh), 'zh-CN');
  if (/^en\b/i.test(lang || '')) paragraph(named(UNSUPPORTED[reason].en, tool.en), 'en');
  const detail = error?.detail ?? error?.message;
  if (detail) {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = /^en\b/i.test(lang || '') ? 'For the site’s technician' : '技术信息（供网站技术人员）';
    const code = document.createElement('code');
    code.textContent = String(detail);
    details.append(summary, code);
    box.append(details);
  }
  return box;
}

