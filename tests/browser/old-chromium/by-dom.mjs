// Helpers of the smoke tests in old Chromium (88, 109) and Debian's: the browsers `cargo xtask`
// lists in SELFCHECK_BROWSERS, and driving the widget through the DOM, since Playwright's own
// actions (click, check, fill, waitFor) run a script of Playwright's that calls
// `element.checkVisibility()`, which Chromium has only from 105, and its download event never
// comes in Chromium 88 (which announces downloads only with the DevTools protocol's older events).
//
// What works in every listed browser, and is used here: `evaluate` and `waitForFunction` (so the
// shared helpers' `until`, `waitSaved`, `draftSnapshot`, …), `setInputFiles`, `emulateMedia`,
// `reload`, routes and init scripts. Clicks are `element.click()` in the page, typing sets `.value`
// and sends the `input` and `change` events a user's typing sends, and a download is read from the
// file the browser itself wrote, named by the DevTools protocol's `Page.downloadWillBegin`.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

import { PROFILE, PROFILE_FIELDS, SLOW, Widget, answeredOfTotal, criteria, inputSelectors, launchChromium, sel, until } from '../helpers.mjs';

/**
 * The browsers to test, as `cargo xtask test` lists them: `{ name, major, executable, libraries }`,
 * where `major` is the version the build must report (null: Debian's, whatever is current) and
 * `libraries` the folder of shared libraries a serverless build brings along (null: none).
 */
export const BROWSERS = (() => {
  const listed = process.env.SELFCHECK_BROWSERS;
  if (!listed) throw new Error('SELFCHECK_BROWSERS is not set: run these tests with `cargo xtask test --only old`');
  return JSON.parse(listed);
})();

/** The first Chromium that understands 'wasm-unsafe-eval' in a Content-Security-Policy. */
export const WASM_UNSAFE_EVAL_SINCE = 97;

/**
 * What a browser older than 'wasm-unsafe-eval' reports about the pages' policy (which names that
 * keyword for current browsers beside 'unsafe-eval' for older ones) that is no violation: that it
 * ignores the keyword it does not know, and a `securitypolicyviolation` of script-src ('eval') for
 * each WebAssembly module compiled, which Chromium 88 sends even when 'unsafe-eval' allows it (and
 * the module runs). Any other report is still a violation; and current Chromium, which sends
 * neither, still fails on any eval.
 */
export function toleratedCspReports(major) {
  if (major === null || major >= WASM_UNSAFE_EVAL_SINCE) return { console: [], events: [] };
  return { console: [/invalid source: ''wasm-unsafe-eval''/], events: [{ effective: 'script-src', blocked: 'eval' }] };
}

/** Where the browsers write downloads (each file named by its DevTools id); removed at the end. */
const DOWNLOADS = mkdtempSync(join(tmpdir(), 'selfcheck-old-chromium-'));
after(() => rmSync(DOWNLOADS, { recursive: true, force: true }));

/**
 * Launches a listed browser. `--no-zygote`: the serverless builds cannot start Chromium's zygote
 * process without the sandbox; Debian's runs the same way, so that all three are launched alike.
 */
export function launchListed(browser) {
  return launchChromium({
    executablePath: browser.executable,
    libraries: browser.libraries ?? undefined,
    args: ['--no-zygote'],
    downloadsPath: DOWNLOADS,
  });
}

/** The major version a launched browser reports ("88.0.4298.0" gives 88). */
export function majorVersion(launched) {
  return Number(launched.version().split('.')[0]);
}

// ---------------------------------------------------------------------------------------------
// Waiting and reading

/**
 * A page without a widget (the desk) as a `Widget` whose queries go to the document: its `body`
 * has no shadow root, so `__selfcheckTest.root` falls back to the document.
 */
export function wholePage(page) {
  return new Widget(page, { host: 'body' });
}

/** The page's own words when the widget did not come (its failure text, or a message of why it cannot run). */
function whatThePageSays(w) {
  return w.frame.evaluate((host) => {
    const root = __selfcheckTest.root(host);
    const unsupported = root.querySelector('[data-testid=unsupported]') ?? document.querySelector('[data-testid=unsupported]');
    return {
      unsupported: unsupported ? { reason: unsupported.dataset.reason, text: unsupported.textContent.trim() } : null,
      page: document.body.innerText.trim().slice(0, 400),
    };
  }, w.host);
}

/**
 * Waits until the widget (a `Widget`) has rendered every criterion, after a load or a reload: the
 * first area comes first and the others in a later task, and a restored draft is only seen whole
 * once they are there.
 */
export async function rendered(w) {
  await until(w, `the widget in ${w.host} has rendered its ${criteria.length} criteria`, ([host, n]) => __selfcheckTest.$$('fieldset[data-criterion]', host).length === n, [w.host, criteria.length], {
    timeout: SLOW,
    describe: whatThePageSays,
  });
}

/**
 * Whether the element matched by `selector` in the shadow root under `host` is rendered as a user
 * sees it: laid out (no `display: none` on it or above it) and not hidden. Evaluated in the page;
 * Chromium before 105 has no `checkVisibility()`.
 */
const SHOWN_IN_PAGE = ([selector, host]) => {
  const el = __selfcheckTest.$(selector, host);
  return Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
};

/** Waits until the element matched by `selector` in the widget is shown; see `SHOWN_IN_PAGE`. */
export async function shown(w, selector, { timeout = SLOW } = {}) {
  await until(w, `${selector} is shown in ${w.host}`, SHOWN_IN_PAGE, [selector, w.host], {
    timeout,
    describe: () => w.frame.evaluate(([s, host]) => __selfcheckTest.$(s, host)?.outerHTML.slice(0, 200) ?? '(no such element)', [selector, w.host]),
  });
}

/** Whether the element matched by `selector` in the widget is shown now; see `SHOWN_IN_PAGE`. */
export function isShown(w, selector) {
  return w.frame.evaluate(SHOWN_IN_PAGE, [selector, w.host]);
}

/** The text of the element matched by `selector` in the widget, spaces collapsed. */
export async function textIn(w, selector) {
  const text = await w.frame.evaluate(([s, host]) => __selfcheckTest.$(s, host)?.textContent ?? null, [selector, w.host]);
  assert.notEqual(text, null, `${selector} is in ${w.host}`);
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Acting as a user

/**
 * Waits until the element matched by `selector` in the widget is there and enabled, as a user waits
 * for a control before using it (the widget draws some parts after its first render, e.g. the key
 * forms once it knows whether a key is stored).
 */
async function usable(w, selector) {
  await until(w, `${selector} is in ${w.host} and enabled`, ([s, host]) => {
    const el = __selfcheckTest.$(s, host);
    return Boolean(el) && !el.disabled;
  }, [selector, w.host], { timeout: SLOW });
}

/** Clicks the element matched by `selector` in the widget (`element.click()`: the events a mouse click sends). */
export async function click(w, selector) {
  await usable(w, selector);
  await w.frame.evaluate(([s, host]) => __selfcheckTest.$(s, host).click(), [selector, w.host]);
}

/** Types `value` into the field matched by `selector`: focus, the value, `input` and `change`, as typing and leaving the field do. */
export async function type(w, selector, value) {
  await usable(w, selector);
  await w.frame.evaluate(([s, host, v]) => {
    const el = __selfcheckTest.$(s, host);
    el.focus();
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, [selector, w.host, value]);
}

/** Gives the file input matched by `selector` these files (paths, or `{ name, mimeType, buffer }`), as choosing them does. */
export async function chooseFiles(w, selector, files) {
  await usable(w, selector);
  await w.frame.setInputFiles(`${w.host} ${selector}`, files);
}

/** Fills the profile form, field by field. */
export async function fillProfile(w, profile = PROFILE) {
  for (const [key, value] of Object.entries(profile)) await type(w, PROFILE_FIELDS[key], value);
}

/** Answers by clicking each input an answer needs (see `inputSelectors`) that is not checked yet. */
export async function answer(w, answers) {
  for (const selector of answers.flatMap(inputSelectors)) {
    await usable(w, selector);
    await w.frame.evaluate(([s, host]) => {
      const input = __selfcheckTest.$(s, host);
      if (!input.checked) input.click();
    }, [selector, w.host]);
  }
}

/** The DevTools session of each page, on which it announces its downloads. */
const devtools = new WeakMap();

async function devtoolsOf(page) {
  if (!devtools.has(page)) {
    devtools.set(page, (async () => {
      const session = await page.context().newCDPSession(page);
      await session.send('Page.enable');
      return session;
    })());
  }
  return devtools.get(page);
}

/**
 * Runs `action` (a click) and returns the download it starts, as the browser wrote it: `{ name,
 * content, text }`. The page (of `w`) announces the download on the DevTools protocol, and the file
 * is read once the browser says it is complete.
 */
export async function download(w, action, { timeout = SLOW } = {}) {
  const session = await devtoolsOf(w.page);
  let begun = null;
  let settle;
  const finished = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Awaited below, after the action: a failure that comes while the action runs is not unhandled.
  finished.catch(() => {});
  const onBegin = (event) => {
    begun ??= event;
  };
  const onProgress = (event) => {
    if (event.guid !== begun?.guid || event.state === 'inProgress') return;
    if (event.state === 'completed') settle.resolve();
    else settle.reject(new Error(`the download ${begun.suggestedFilename} was ${event.state}`));
  };
  session.on('Page.downloadWillBegin', onBegin);
  session.on('Page.downloadProgress', onProgress);
  const timer = setTimeout(() => settle.reject(new Error(`no download completed within ${timeout} ms (${begun ? `${begun.suggestedFilename} begun` : 'none begun'})`)), timeout);
  try {
    await action();
    await finished;
  } finally {
    clearTimeout(timer);
    session.off('Page.downloadWillBegin', onBegin);
    session.off('Page.downloadProgress', onProgress);
  }
  const content = readFileSync(join(DOWNLOADS, begun.guid));
  return { name: begun.suggestedFilename, content, text: content.toString('utf8') };
}

/**
 * Signs and exports (the unlock passphrase filled in) and returns the download. With criteria
 * still open the widget asks first, saying how many: the question is checked and confirmed.
 */
export async function exportResult(w) {
  const { answered, total } = await answeredOfTotal(w);
  return download(w, async () => {
    await click(w, sel.exportButton);
    if (answered < total) {
      await shown(w, sel.dialog);
      const question = await textIn(w, sel.dialog);
      assert.ok(question.includes(String(total - answered)), `the question before signing says how many criteria are open (${total - answered}): ${question}`);
      await click(w, sel.confirmExport);
    }
  });
}
