// The plain "cannot run here" messages (issue 22). In Debian's Chromium: where the page's
// Content-Security-Policy blocks WebAssembly, the message names the keyword the site's
// administrator must add; where the browser has no WebAssembly, it names the browsers that work.
// In Chromium 88, which does not know 'wasm-unsafe-eval': under a policy with that keyword only,
// the message names 'unsafe-eval', the one that browser needs. Each in Chinese on a Chinese page,
// with no engine error text but in a <details> element, in the standalone page itself, in the
// portal's custom element (inside its shadow root) and in the portal's iframe. The contract: the
// message's container has `data-testid="unsupported"` and `data-reason` (`no-wasm`, `csp`,
// `old-browser` or `ie`).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { Session, TIMEOUT, isOwnUrl, pageUrl, until } from '../helpers.mjs';
import { BROWSERS, WASM_UNSAFE_EVAL_SINCE, launchListed } from './by-dom.mjs';

/** Words only an engine's error says; a user is shown none of them. */
const ENGINE_WORDS = /Error\b|disallowed|embedder|WebAssembly\.|instantiate|is not defined|undefined|null/;

/** Chinese characters: a Chinese page's message is in Chinese. */
const CHINESE = /[\u4e00-\u9fff]/;

/** Browsers a message can name as ones that work. */
const BROWSER_NAMES = /Chrome|Chromium|Edge|Firefox|Safari|360|极速/;

/**
 * Waits until the message of why the widget cannot run is shown in `frame`: in the document, or in
 * the shadow root of `host` (a custom element shows it in its own box); returns `{ reason, text,
 * inShadowRoot }` where `text` leaves out <details> (the engine's words may be there, for support).
 */
async function unsupportedMessage(frame, host, what) {
  const handle = await until(
    frame,
    `${what} shows [data-testid=unsupported]`,
    (host) => {
      const shown = (root) => [...(root?.querySelectorAll('[data-testid=unsupported]') ?? [])].find((el) => el.getClientRects().length > 0);
      // The page's own static message (for browsers that run no module) is there too, hidden.
      const inHost = shown(document.querySelector(host)?.shadowRoot);
      const el = inHost ?? shown(document);
      if (!el) return null;
      const copy = el.cloneNode(true);
      for (const details of copy.querySelectorAll('details')) details.remove();
      return { reason: el.dataset.reason ?? null, text: copy.textContent.replace(/\s+/g, ' ').trim(), inShadowRoot: Boolean(inHost) };
    },
    host,
    { describe: (f) => f.evaluate(() => document.body.innerText.slice(0, 400)) },
  );
  return handle.jsonValue();
}

/** Fails unless `message` is a plain Chinese message for `reason`, without the engine's words. */
function expectPlainMessage(message, reason, what) {
  assert.equal(message.reason, reason, `${what}: data-reason`);
  assert.match(message.text, CHINESE, `${what}: the message is in Chinese: ${message.text}`);
  assert.doesNotMatch(message.text, ENGINE_WORDS, `${what}: no engine error text outside <details>: ${message.text}`);
}

/**
 * Declares a test of a page that cannot run the widget: a fresh context of Debian's Chromium (or of
 * the browser `launch()` gives), prepared by `prepare(session)` (a route, an init script), then
 * `body(session)`. After it: no uncaught error (the failure is handled, and said), no native
 * dialog, no request off the site.
 */
function cannotRunTest(name, prepare, body, { launch } = {}) {
  test(name, { timeout: TIMEOUT }, async () => {
    const session = await Session.create({}, { launch });
    try {
      await prepare(session);
      await body(session);
      assert.deepEqual(session.errors, [], `uncaught errors in the page (console errors: ${JSON.stringify(session.console)})`);
      assert.deepEqual(session.dialogs, [], 'native dialogs opened by the page');
      assert.deepEqual(session.requests.filter((url) => !isOwnUrl(url)), [], 'requests that left the site');
    } finally {
      await session.close();
    }
  });
}

/** The standalone page, the portal's element and the portal's iframe, each with its message. */
async function messagesOfEveryPage(session) {
  const page = await session.context.newPage();
  await page.goto(pageUrl());
  const standalone = await unsupportedMessage(page, '#selfcheck', 'the standalone page');
  const portal = await session.context.newPage();
  await portal.goto(pageUrl('portal.html'));
  const element = await unsupportedMessage(portal, '#portal-widget', 'the portal\'s <selfcheck-widget>');
  assert.ok(element.inShadowRoot, 'the custom element shows the message in its own box (its shadow root)');
  const iframe = await unsupportedMessage(await (await portal.$('iframe#portal-iframe')).contentFrame(), '#selfcheck', 'the portal\'s iframe');
  return { standalone, element, iframe };
}

/**
 * Serves every page with its policy changed by `edit`, as a site whose administrator wrote that
 * policy. Fails if the served policy did not allow WebAssembly (with 'wasm-unsafe-eval', or, to
 * Chromium before 97, 'unsafe-eval': the test would then not be taking away what it means to).
 */
async function servedWithPolicy(session, edit) {
  await session.context.route(
    (url) => url.href.startsWith(pageUrl()),
    async (route) => {
      // The policy comes with the pages (documents); everything else is left as it is.
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      const headers = response.headers();
      const policy = headers['content-security-policy'];
      if (policy === undefined) return route.fulfill({ response });
      assert.match(policy, /'(?:wasm-)?unsafe-eval'/, `the site's policy allows WebAssembly: ${policy}`);
      headers['content-security-policy'] = edit(policy);
      return route.fulfill({ response, headers });
    },
  );
}

cannotRunTest(
  "cannot-run message [data-reason=csp]: under a policy without 'wasm-unsafe-eval', the page, the portal's element and iframe say in Chinese which keyword the site's administrator must add",
  (session) => servedWithPolicy(session, (policy) => policy.replace(/\s*'(?:wasm-)?unsafe-eval'/g, '')),
  async (session) => {
    for (const [where, message] of Object.entries(await messagesOfEveryPage(session))) {
      expectPlainMessage(message, 'csp', where);
      assert.match(message.text, /wasm-unsafe-eval/, `${where}: the message names the keyword to add: ${message.text}`);
    }
  },
);

cannotRunTest(
  'cannot-run message [data-reason=no-wasm]: in a browser without WebAssembly, the page, the portal\'s element and iframe say in Chinese which browsers work',
  (session) =>
    session.context.addInitScript(() => {
      delete globalThis.WebAssembly;
    }),
  async (session) => {
    for (const [where, message] of Object.entries(await messagesOfEveryPage(session))) {
      expectPlainMessage(message, 'no-wasm', where);
      assert.match(message.text, BROWSER_NAMES, `${where}: the message names browsers that work: ${message.text}`);
    }
  },
);

for (const browser of BROWSERS.filter((listed) => listed.major !== null && listed.major < WASM_UNSAFE_EVAL_SINCE)) {
  let launching;
  const launch = () => (launching ??= launchListed(browser));
  after(async () => {
    if (launching) await (await launching).close();
  });
  cannotRunTest(
    `cannot-run message [data-reason=csp] in ${browser.name}: under a policy with 'wasm-unsafe-eval' but not 'unsafe-eval', the page, the portal's element and iframe say in Chinese that the site's administrator must add 'unsafe-eval'`,
    // A site that wrote only today's keyword, as most guides say.
    (session) => servedWithPolicy(session, (policy) => policy.replace(/'unsafe-eval'/g, "'wasm-unsafe-eval'")),
    async (session) => {
      for (const [where, message] of Object.entries(await messagesOfEveryPage(session))) {
        expectPlainMessage(message, 'csp', where);
        assert.match(message.text, /(?<!wasm-)unsafe-eval/, `${where}: the message names 'unsafe-eval', which this browser needs: ${message.text}`);
      }
    },
    { launch },
  );
}

// Internet Explorer, and the 兼容模式 of dual-engine browsers, run no module script at all, and no
// IE runs here: what they show is checked in what they are sent. The message is in the HTML itself
// (Chinese first), the style sheet hides it only inside @supports, which they do not know, and the
// nomodule script, which only browsers without module scripts run, shows it.
test('cannot-run message [data-reason=ie]: Internet Explorer and 兼容模式 read, from the HTML itself, to switch to 极速模式', async () => {
  for (const page of ['', 'desk.html']) {
    const html = await (await fetch(pageUrl(page))).text();
    const box = html.match(/<div id="unsupported"[^>]*data-reason="ie"[^>]*>([\s\S]*?)<\/div>/);
    assert.ok(box, `/${page} carries the message in its HTML`);
    const [chinese] = box[1].match(/<p lang="zh-CN">[\s\S]*?<\/p>/) ?? [];
    assert.ok(chinese && /极速模式/.test(chinese) && CHINESE.test(chinese), `/${page}: the Chinese message says to switch to 极速模式: ${box[1]}`);
    assert.ok(box[1].indexOf('lang="zh-CN"') < box[1].indexOf('lang="en"'), `/${page}: Chinese first`);
    assert.match(html, /<script nomodule[^>]*src="\.\/unsupported\.js"/, `/${page}: the nomodule script that shows it`);
  }
  const css = await (await fetch(pageUrl('unsupported.css'))).text();
  const outside = css.replace(/@supports[^{]*\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, '');
  assert.doesNotMatch(outside, /#unsupported\s*\{[^}]*display:\s*none/, 'outside @supports nothing hides the message');
  assert.match(css, /@supports[^{]*\{\s*#unsupported\s*\{\s*display:\s*none/, 'inside @supports (which IE does not know) it is hidden');
  const script = await (await fetch(pageUrl('unsupported.js'))).text();
  assert.match(script, /getElementById\('unsupported'\)/, 'the nomodule script finds the message');
  assert.doesNotMatch(script, /=>|\blet\b|\bconst\b|`/, 'the nomodule script is plain ES5, which IE runs');
});
