// Shared helpers of the browser tests of the selfcheck widget. `cargo xtask test` builds the widget,
// serves it and runs `node --test tests/browser/` with SELFCHECK_URL (the page), SELFCHECK_BIN (the
// selfcheck CLI) and CHROMIUM (the browser binary) set.
//
// Every test is declared with `widgetTest`, which gives it a fresh browser context (empty storage)
// and, when the test body has finished, checks what held during all of it: every request stayed on
// SELFCHECK_URL (or was a blob:/data: URL), no page threw an uncaught error, and no native dialog
// (alert/confirm/prompt) was opened.
//
// The selectors of the widget's DOM contract are collected in `sel` and `PROFILE_FIELDS` below.
//
// The widget renders inside an open shadow root (on the standalone page its host is `#selfcheck`).
// Playwright's locators pierce open shadow roots, but `document.querySelector` in page JavaScript
// does not: code evaluated in a page reaches the widget through `__selfcheckTest.root(host)`, an
// in-page helper every context installs (see `IN_PAGE`). Helpers that read the widget take either a
// page (the standalone page's widget) or a `Widget` (a page or frame and the selector of a host).

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { chromium } from 'playwright-core';

export const { SELFCHECK_URL, SELFCHECK_BIN, CHROMIUM } = process.env;
for (const [name, value] of Object.entries({ SELFCHECK_URL, SELFCHECK_BIN, CHROMIUM })) {
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
}

/** Per-test limit; the whole suite should stay under three minutes. */
export const TIMEOUT = 60_000;
/** How long a Playwright action (click, fill, …) waits for its element. */
export const ACTION_TIMEOUT = 10_000;
/** How long a DOM expectation waits before failing. */
export const WAIT = 10_000;
/** Upper bound of the widget's storage debounce (documented: ≤ 0.5 s), plus scheduling slack. */
export const DEBOUNCE = 600;
/** Key derivation (600,000 PBKDF2 rounds) and signing take about a second each in wasm. */
export const SLOW = 20_000;

/** Selectors of the widget's DOM contract. */
export const sel = {
  root: '.selfcheck',
  lang: 'button[data-action=lang]',
  criterion: (id) => `fieldset[data-criterion="${id}"]`,
  anyCriterion: 'fieldset[data-criterion]',
  storageStatus: '[data-testid=storage-status]',
  storageError: '[data-testid=storage-error]',
  downloadDraft: 'button[data-action=download-draft]',
  draftFile: 'input[type=file][data-draft-file]',
  conflict: '[data-testid=conflict]',
  startOver: 'button[data-action=start-over]',
  newPassphrase: 'input[type=password][data-passphrase=new]',
  repeatPassphrase: 'input[type=password][data-passphrase=repeat]',
  unlockPassphrase: 'input[type=password][data-passphrase=unlock]',
  createKey: 'button[data-action=create-key]',
  downloadKey: 'button[data-action=download-key]',
  keyFile: 'input[type=file][data-key-file]',
  fingerprint: '[data-testid=fingerprint]',
  did: '[data-testid=did]',
  exportButton: 'button[data-action=export]',
  resultFile: 'input[type=file][data-result-file]',
  importMessage: '[data-testid=import-message]',
  importContinue: 'button[data-action=import-continue]',
  confirmImport: 'button[data-action=confirm-import]',
  importCompare: 'button[data-action=import-compare]',
  compare: 'table[data-testid=compare]',
  dialog: '[role=dialog]',
  confirmExport: '[role=dialog] button[data-action=confirm-export]',
  nextUnanswered: 'button[data-action=next-unanswered]',
};

/** The profile fields, by the key used in `PROFILE`. */
export const PROFILE_FIELDS = {
  name: '#selfcheck-profile-name',
  credit_code: '#selfcheck-profile-credit-code',
  person: '#selfcheck-profile-person',
  phone: '#selfcheck-profile-phone',
  email: '#selfcheck-profile-email',
  from: '#selfcheck-profile-from',
  to: '#selfcheck-profile-to',
};

/** A complete profile (the credit code is valid under GB 32100-2015). */
export const PROFILE = {
  name: '广东省示例行业协会',
  credit_code: '514400005000031282',
  person: '陈晓明',
  phone: '020-83000000',
  email: 'xiehui@example.org.cn',
  from: '2026-10-01',
  to: '2026-10-31',
};

/** A passphrase good enough for the widget and the CLI (at least 8 characters). */
export const PASSPHRASE = 'correct horse battery staple';

/** A valid signed result (signed with a published test key). */
export const GOLDEN_RESULT = new URL('../data/golden/result-complete.json', import.meta.url);

const require = createRequire(import.meta.url);
/** The source of axe-core, injected into pages for the accessibility checks. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The shadow host of the widget on the standalone page. */
export const HOST = '#selfcheck';

// ---------------------------------------------------------------------------------------------
// What every page and frame of a test gets before its own scripts run

/**
 * Installed in every frame by `context.addInitScript` (evaluated through the DevTools protocol, so
 * the pages' Content-Security-Policy does not apply to it), as `globalThis.__selfcheckTest`:
 * - `root(host)`: the widget's shadow root under `host` (default `#selfcheck`), or the document
 *   when that element has no shadow root;
 * - `$(selector, host)`, `$$(selector, host)`, `byId(id, host)`: queries in that root;
 * - `active()`: the focused element, following open shadow roots down;
 * - `csp`: every `securitypolicyviolation` event of the frame;
 * - `messages`: every `message` event the window received: `{origin, data, from}` where `from` is
 *   the id of the iframe that sent it, `parent`, `self` or `other`;
 * - `events`: every `selfcheck:*` event that reached the document: `{type, target, detail}` with
 *   the id of the element it was dispatched on.
 */
function IN_PAGE() {
  if (globalThis.__selfcheckTest) return;
  const csp = [];
  const messages = [];
  const events = [];
  const copy = (value) => {
    try {
      return JSON.parse(JSON.stringify(value));
    } catch {
      return String(value);
    }
  };
  const api = {
    csp,
    messages,
    events,
    root(host = '#selfcheck') {
      return document.querySelector(host)?.shadowRoot ?? document;
    },
    $(selector, host) {
      return api.root(host).querySelector(selector);
    },
    $$(selector, host) {
      return [...api.root(host).querySelectorAll(selector)];
    },
    byId(id, host) {
      return api.root(host).getElementById(id);
    },
    active() {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el;
    },
  };
  Object.defineProperty(globalThis, '__selfcheckTest', { value: api });
  document.addEventListener(
    'securitypolicyviolation',
    (e) =>
      csp.push({
        url: location.href,
        directive: e.violatedDirective,
        effective: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        sample: e.sample,
      }),
    true,
  );
  window.addEventListener('message', (e) => {
    let from = 'other';
    if (e.source === window) from = 'self';
    else if (e.source === window.parent && window.parent !== window) from = 'parent';
    else {
      const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
      if (frame) from = frame.id || '(an iframe without id)';
    }
    messages.push({ origin: e.origin, data: copy(e.data), from });
  });
  for (const type of ['selfcheck:change', 'selfcheck:exported', 'selfcheck:error']) {
    document.addEventListener(type, (e) => events.push({ type, target: e.target?.id ?? null, detail: copy(e.detail) }), true);
  }
}

/**
 * A widget to test: the page (downloads, events), the frame it lives in (the page itself, or an
 * iframe's frame) and the selector of its shadow host in that frame. `locator` pierces into it.
 */
export class Widget {
  constructor(page, { frame = page, host = HOST } = {}) {
    this.page = page;
    this.frame = frame;
    this.host = host;
  }

  locator(selector) {
    return this.frame.locator(this.host).locator(selector);
  }
}

/** A `Widget` for a page (the standalone page's widget) or a `Widget`. */
export function asWidget(target) {
  return target instanceof Widget ? target : new Widget(target);
}

// ---------------------------------------------------------------------------------------------
// The catalogue and the CLI

/** The built-in catalogue as `selfcheck catalog --format json` prints it. */
export const catalogue = JSON.parse(execFileSync(SELFCHECK_BIN, ['catalog', '--format', 'json'], { encoding: 'utf8' }));
/** Its criteria, in catalogue order. */
export const criteria = catalogue.areas.flatMap((area) => area.criteria);
/** Criteria by id. */
export const criterionById = new Map(criteria.map((c) => [c.id, c]));

/** Runs the CLI; returns its exit status and output. */
export function cli(args, { env = {}, input } = {}) {
  const run = spawnSync(SELFCHECK_BIN, args, { encoding: 'utf8', env: { ...process.env, ...env }, input });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, command: `selfcheck ${args.join(' ')}` };
}

/** Runs the CLI and fails unless it exits with `status`. */
export function cliExpect(status, args, options) {
  const run = cli(args, options);
  assert.equal(run.status, status, `\`${run.command}\` exited ${run.status}, expected ${status}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return run;
}

/** A temporary directory removed after the test. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-browser-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `content` (string, Buffer or a value to serialize as JSON) to `dir/name`; returns the path. */
export function writeTemp(dir, name, content) {
  const path = join(dir, name);
  const data = typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2);
  writeFileSync(path, data);
  return path;
}

/** Scores an answers document with `selfcheck score --format json` and returns the report. */
export function scoreWithCli(t, document) {
  const file = writeTemp(tempDir(t), 'answers.json', document);
  const run = cliExpect(0, ['score', file, '--format', 'json']);
  return JSON.parse(run.stdout);
}

export function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Answers

/** The radio values a scale or binary criterion allows. */
export function allowedValues(criterion) {
  const values = criterion.kind === 'scale' ? ['yes', 'partly', 'no'] : ['yes', 'no'];
  return criterion.not_applicable ? [...values, 'na'] : values;
}

/**
 * A deterministic, varied answer for every criterion (i is its catalogue position):
 * scale criteria cycle through their allowed values, binary ones are yes except every 7th (which
 * makes B4, a veto gate, "no"), and checklists have their even-indexed sub-items checked; but every
 * other criterion that allows it (the 1st, 3rd, …) is marked not applicable, so that `na` is
 * exercised too.
 */
export function plannedAnswers() {
  let allowingNa = 0;
  return criteria.map((criterion, i) => {
    if (criterion.not_applicable && allowingNa++ % 2 === 0) {
      return { id: criterion.id, value: 'na' };
    }
    switch (criterion.kind) {
      case 'scale': {
        const values = allowedValues(criterion);
        return { id: criterion.id, value: values[i % values.length] };
      }
      case 'binary':
        return { id: criterion.id, value: (i + 1) % 7 === 0 ? 'no' : 'yes' };
      case 'checklist':
        return { id: criterion.id, checked: criterion.items.filter((_, j) => j % 2 === 0).map((item) => item.id) };
      default:
        throw new Error(`criterion ${criterion.id} has an unknown kind ${criterion.kind}`);
    }
  });
}

/** An answers document for the CLI from a list of `{id, value}` / `{id, checked}`. */
export function answersDocument(answers, profile) {
  const document = {
    format: 'selfcheck-answers/1',
    catalogue: { id: catalogue.id, version: catalogue.version },
    answers: Object.fromEntries(
      answers.map((answer) => [answer.id, answer.value ? { value: answer.value } : { checked: answer.checked }]),
    ),
  };
  if (profile) document.profile = wireProfile(profile);
  return document;
}

/** `PROFILE` in the wire format of answers documents. */
export function wireProfile(profile) {
  return {
    name: profile.name,
    credit_code: profile.credit_code,
    contact: { person: profile.person, phone: profile.phone, email: profile.email },
    period: { from: profile.from, to: profile.to },
  };
}

/**
 * What the page's checked inputs should be for these answers (a list of `{id, value|checked}` or
 * an answers map of a document), in the form `checkedInputs` reads them: `ID:value` for a radio,
 * `ID:na` for the not-applicable checkbox, `ID:ID.n` for a sub-item, `ID:none` for "none of the
 * above" (a checklist answered with no sub-item met); sorted.
 */
export function expectedChecked(answers) {
  const list = Array.isArray(answers) ? answers : Object.entries(answers).map(([id, entry]) => ({ id, ...entry }));
  const keys = [];
  for (const answer of list) {
    if (answer.value) keys.push(`${answer.id}:${answer.value}`);
    else if (answer.checked?.length === 0) keys.push(`${answer.id}:none`);
    else if (answer.checked) keys.push(...answer.checked.map((item) => `${answer.id}:${item}`));
  }
  return keys.sort();
}

/**
 * The selectors of the inputs that give an answer: a radio, the not-applicable checkbox, sub-items,
 * or "none of the above" for `checked: []`.
 */
export function inputSelectors(answer) {
  const fieldset = sel.criterion(answer.id);
  if (answer.checked?.length === 0) return [`${fieldset} input[type=checkbox][data-none]`];
  if (answer.checked) {
    return answer.checked.map((item) => `${fieldset} input[type=checkbox][data-item="${item}"]`);
  }
  if (answer.value === 'na' && criterionById.get(answer.id).kind === 'checklist') {
    return [`${fieldset} input[type=checkbox][data-na]`];
  }
  return [`${fieldset} input[type=radio][value="${answer.value}"]`];
}

/** The locators of the inputs that give an answer (see `inputSelectors`). */
export function inputsFor(page, answer) {
  return inputSelectors(answer).map((selector) => page.locator(selector));
}

/** Answers with the mouse (Playwright's check(), which clicks). */
export async function answer(page, answers) {
  for (const a of Array.isArray(answers) ? answers : [answers]) {
    for (const input of inputsFor(page, a)) await input.check();
  }
}

/** Fills the profile form (all fields given in `profile`). */
export async function fillProfile(page, profile = PROFILE) {
  for (const [key, value] of Object.entries(profile)) {
    await page.locator(PROFILE_FIELDS[key]).fill(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the page

/**
 * The state of the draft as the page shows it: checked inputs (see `expectedChecked`), note
 * values, evidence items, profile values, and the live results' texts.
 */
export async function draftSnapshot(target) {
  const w = asWidget(target);
  return w.frame.evaluate(([fields, host]) => {
    const root = __selfcheckTest.root(host);
    const fieldsets = [...root.querySelectorAll('fieldset[data-criterion]')];
    const checked = [];
    const notes = {};
    const evidence = {};
    for (const fieldset of fieldsets) {
      const id = fieldset.dataset.criterion;
      for (const input of fieldset.querySelectorAll('input:checked')) {
        if (input.type === 'radio') checked.push(`${id}:${input.value}`);
        else if (input.hasAttribute('data-na')) checked.push(`${id}:na`);
        else if (input.hasAttribute('data-none')) checked.push(`${id}:none`);
        else if (input.dataset.item) checked.push(`${id}:${input.dataset.item}`);
      }
      const note = fieldset.querySelector('textarea[data-note]');
      if (note && note.value !== '') notes[id] = note.value;
      const items = [...fieldset.querySelectorAll('li[data-evidence]')].map((li) => ({
        sha256: li.getAttribute('data-sha256'),
        text: li.textContent.replace(/\s+/g, ' ').trim(),
      }));
      if (items.length > 0) evidence[id] = items;
    }
    const text = (id) => root.querySelector(`[data-testid=${id}]`)?.textContent.trim() ?? null;
    const profile = Object.fromEntries(
      Object.entries(fields).map(([key, selector]) => [key, root.querySelector(selector)?.value ?? null]),
    );
    return {
      checked: checked.sort(),
      notes,
      evidence,
      profile,
      results: { total: text('total'), maximum: text('maximum'), score: text('score'), answered: text('answered') },
    };
  }, [PROFILE_FIELDS, w.host]);
}

/** The sorted checked inputs (see `expectedChecked`). */
export async function checkedInputs(target) {
  return (await draftSnapshot(target)).checked;
}

/** The live results, numbers parsed strictly. */
export async function results(target) {
  const w = asWidget(target);
  const shown = await w.frame.evaluate((host) => {
    const find = (id) => __selfcheckTest.$(`[data-testid=${id}]`, host);
    const text = (id) => find(id)?.textContent.trim() ?? null;
    return {
      total: text('total'),
      maximum: text('maximum'),
      score: text('score'),
      answered: text('answered'),
      grade: find('grade')?.getAttribute('data-grade') ?? null,
    };
  }, w.host);
  const integer = (name) => {
    assert.match(shown[name] ?? '', /^\d+$/, `[data-testid=${name}] should show an integer, shows ${shown[name]}`);
    return Number(shown[name]);
  };
  return {
    total: integer('total'),
    maximum: integer('maximum'),
    score: integer('score'),
    answered: integer('answered'),
    grade: shown.grade,
  };
}

/** Every localStorage entry of the page's origin. */
export async function storageDump(target) {
  return asWidget(target).frame.evaluate(() => {
    const entries = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      entries[key] = localStorage.getItem(key);
    }
    return entries;
  });
}

/** The localStorage entries whose value contains `marker` (a unique text the test typed). */
export async function storedWith(target, marker) {
  const dump = await storageDump(target);
  return Object.fromEntries(Object.entries(dump).filter(([, value]) => value.includes(marker)));
}

// ---------------------------------------------------------------------------------------------
// Waiting on the DOM

/**
 * Waits until `predicate(arg)` is truthy in the page (a page, a frame or a `Widget`'s frame); on
 * timeout fails with `what` and, when given, `describe(page)`'s report of the current state.
 * Predicates reach the widget through `__selfcheckTest` (see `IN_PAGE`).
 */
export async function until(page, what, predicate, arg, { timeout = WAIT, describe } = {}) {
  const frame = page instanceof Widget ? page.frame : page;
  try {
    return await frame.waitForFunction(predicate, arg, { timeout, polling: 50 });
  } catch (error) {
    let state = '';
    if (describe) {
      try {
        state = `\n  now: ${JSON.stringify(await describe(page))}`;
      } catch {
        state = '';
      }
    }
    throw new Error(`timed out after ${timeout} ms waiting until ${what}${state}\n  (${error.message.split('\n')[0]})`);
  }
}

/** Waits until the element matched by `selector` (in the widget) is visible. */
export async function visible(target, selector, { timeout = WAIT } = {}) {
  const w = target instanceof Widget ? target : null;
  const locator = w ? w.locator(selector) : target.locator(selector);
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    const count = await locator.count();
    throw new Error(`expected ${selector} to be visible within ${timeout} ms (${count} matching element(s))\n  (${error.message.split('\n')[0]})`);
  }
  return locator.first();
}

/** Waits until nothing matching `selector` in the widget is visible. */
export async function hidden(target, selector, { timeout = WAIT } = {}) {
  const w = asWidget(target);
  await until(
    w,
    `${selector} is hidden`,
    ([s, host]) => __selfcheckTest.$$(s, host).every((el) => !el.checkVisibility({ visibilityProperty: true })),
    [selector, w.host],
    { timeout },
  );
}

/** Waits until the attribute of the element (in the widget) has this value. */
export async function attribute(target, selector, name, value, { timeout = WAIT } = {}) {
  const w = asWidget(target);
  await until(
    w,
    `${selector} has ${name}="${value}"`,
    ([s, n, v, host]) => __selfcheckTest.$(s, host)?.getAttribute(n) === v,
    [selector, name, value, w.host],
    {
      timeout,
      describe: () =>
        w.frame.evaluate(([s, n, host]) => __selfcheckTest.$(s, host)?.getAttribute(n) ?? '(no such element or attribute)', [selector, name, w.host]),
    },
  );
}

/** The storage status (`data-state` of `[data-testid=storage-status]`). */
export async function storageState(target) {
  const w = asWidget(target);
  return w.frame.evaluate(([s, host]) => __selfcheckTest.$(s, host)?.getAttribute('data-state') ?? null, [sel.storageStatus, w.host]);
}

/**
 * Waits until the storage status says saved and a stored value contains `marker` (a text the test
 * typed last, so that the stored draft is known to be the latest one).
 */
export async function waitSaved(target, marker, { timeout = WAIT } = {}) {
  const w = asWidget(target);
  await until(
    w,
    `the storage status is "saved" and a stored value contains ${JSON.stringify(marker)}`,
    ([status, m, host]) => {
      if (__selfcheckTest.$(status, host)?.getAttribute('data-state') !== 'saved') return false;
      for (let i = 0; i < localStorage.length; i++) {
        if ((localStorage.getItem(localStorage.key(i)) ?? '').includes(m)) return true;
      }
      return false;
    },
    [sel.storageStatus, marker, w.host],
    {
      timeout,
      describe: async () => ({ status: await storageState(w), storageKeys: Object.keys(await storageDump(w)) }),
    },
  );
}

/** Waits until the widget shows this many answered criteria. */
export async function waitAnswered(target, count) {
  const w = asWidget(target);
  await until(
    w,
    `[data-testid=answered] shows ${count}`,
    ([n, host]) => __selfcheckTest.$('[data-testid=answered]', host)?.textContent.trim() === String(n),
    [count, w.host],
    { describe: () => w.frame.evaluate((host) => __selfcheckTest.$('[data-testid=answered]', host)?.textContent ?? null, w.host) },
  );
}

/** What the widget shows as 已作答 N / 46: `{ answered, total }`. */
export async function answeredOfTotal(target) {
  const w = asWidget(target);
  const [answered, total] = await w.frame.evaluate((host) => {
    const shown = __selfcheckTest.$('[data-testid=answered]', host)?.parentElement?.textContent ?? '';
    return shown.split('/').map((n) => Number(n.trim()));
  }, w.host);
  return { answered, total };
}

/**
 * Signs and exports (the unlock passphrase filled in, the button enabled) and returns the download.
 * With criteria still open the widget asks first, saying how many: the question is checked and
 * confirmed.
 */
export async function exportResult(target) {
  const w = asWidget(target);
  const { answered, total } = await answeredOfTotal(w);
  return download(w, async () => {
    await w.locator(sel.exportButton).click();
    if (answered < total) {
      const dialog = await visible(w, sel.dialog);
      const question = (await dialog.textContent()).replace(/\s+/g, ' ');
      assert.ok(question.includes(String(total - answered)), `the question before signing says how many criteria are open (${total - answered}): ${question}`);
      await w.locator(sel.confirmExport).click();
    }
  });
}

/**
 * Makes a new key with PASSPHRASE, downloads its backup (which export waits for), signs and
 * exports; returns the download of the result.
 */
export async function newKeyAndExport(target) {
  const w = asWidget(target);
  await w.locator(sel.newPassphrase).fill(PASSPHRASE);
  await w.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await w.locator(sel.createKey).click();
  await visible(w, sel.downloadKey, { timeout: SLOW });
  await download(w, () => w.locator(sel.downloadKey).click());
  await w.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  await until(w, 'the export button is enabled', ([s, host]) => __selfcheckTest.$(s, host)?.disabled === false, [sel.exportButton, w.host]);
  return exportResult(w);
}

/** Runs `action` (e.g. a click) and returns the download it starts, with its content. */
export async function download(target, action, { timeout = SLOW } = {}) {
  const page = target instanceof Widget ? target.page : target;
  const [started] = await Promise.all([page.waitForEvent('download', { timeout }), action()]);
  const path = await started.path();
  assert.ok(path, `the download ${started.suggestedFilename()} failed: ${await started.failure()}`);
  const content = readFileSync(path);
  return { name: started.suggestedFilename(), url: started.url(), content, text: content.toString('utf8') };
}

/** A file payload for setInputFiles. */
export function file(name, content, mimeType = 'application/json') {
  return { name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) };
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/** Runs axe-core on the whole page (WCAG 2.0/2.1 A and AA) and fails on any violation, listed in full. */
export async function expectAccessible(page, view) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated through the DevTools protocol, so a Content-Security-Policy cannot block it.
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      // No preload: it copies the style sheets into <style> elements of its own, which the pages'
      // strict Content-Security-Policy refuses (a violation of the test's making). Only the
      // experimental css-orientation-lock rule, not run here, reads them.
      preload: false,
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  const shown = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.html}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
  assert.equal(violations.length, 0, `axe-core: ${violations.length} violation(s) on ${view}:\n${shown}`);
}

// ---------------------------------------------------------------------------------------------
// Browser, contexts and pages

/**
 * The switches every test browser runs with: headless, no sandbox (CI runs as root), no GPU, and
 * nothing that talks to Google (the tests check that every request stays on the page's origin).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches a Chromium: `executablePath` (default CHROMIUM), `libraries` a folder of shared
 * libraries the build brings along (put on LD_LIBRARY_PATH), `args` switches beside the usual ones,
 * `downloadsPath` where downloads are written (default: a folder of Playwright's). Playwright never
 * downloads a browser of its own: it runs the one named.
 */
export function launchChromium({ executablePath = CHROMIUM, libraries, args = [], downloadsPath } = {}) {
  const env = libraries ? { ...process.env, LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } : undefined;
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...args], env, downloadsPath });
}

let browserPromise;

function browser() {
  browserPromise ??= launchChromium();
  return browserPromise;
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

/** The URL of a page of the site (`''` the standalone page, `'portal.html'` the mock portal) with query parameters. */
export function pageUrl(path = '', query = {}) {
  const url = new URL(path, SELFCHECK_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

/** Whether a request URL is the page's own (or an in-page blob:/data: URL). */
export function isOwnUrl(url) {
  return url.startsWith(SELFCHECK_URL) || url.startsWith('blob:') || url.startsWith('data:');
}

/** One fresh browser context with its recorders. */
export class Session {
  /** `tolerated`: what a browser reports about the Content-Security-Policy that is no violation (see `create`). */
  constructor(context, tolerated = { console: [], events: [] }) {
    this.context = context;
    this.tolerated = tolerated;
    /** Every request URL of every page of the context. */
    this.requests = [];
    /** Uncaught errors of any page. */
    this.errors = [];
    /** Native dialogs opened (alert, confirm, prompt, beforeunload): the widget uses none. */
    this.dialogs = [];
    /** Console errors, shown with a failure to help diagnose it. */
    this.console = [];
    /** Console messages (any level) about the Content-Security-Policy. */
    this.cspConsole = [];
    context.on('request', (request) => this.requests.push(request.url()));
    context.on('page', (page) => this.watch(page));
  }

  /**
   * A new context of the browser `launch()` gives (default: CHROMIUM's, launched once) with
   * `options`. `tolerated` is what that browser reports about the policy that is no violation:
   * `console`, patterns of console messages (a browser older than a keyword of the policy says it
   * ignores it), and `events`, the fields of `securitypolicyviolation` events it sends for what the
   * policy allows (e.g. `{ effective: 'script-src', blocked: 'eval' }`).
   */
  static async create(options = {}, { launch = browser, tolerated = { console: [], events: [] } } = {}) {
    const context = await (await launch()).newContext({ acceptDownloads: true, ...options });
    // Fail an action on a missing element within seconds, not Playwright's default 30 s.
    context.setDefaultTimeout(ACTION_TIMEOUT);
    await context.addInitScript(IN_PAGE);
    return new Session(context, tolerated);
  }

  watch(page) {
    page.on('pageerror', (error) => this.errors.push(`${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.console.push(message.text());
      if (/content[- ]security[- ]policy/i.test(message.text()) && !this.tolerated.console.some((pattern) => pattern.test(message.text()))) {
        const { url, lineNumber } = message.location();
        this.cspConsole.push(`${message.type()}: ${message.text()} (${url}:${lineNumber})`);
      }
    });
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  }

  /**
   * Opens the widget in a new page of this context and waits until it has rendered the criteria.
   * `lang` adds `?lang=…` (the demo page reads it), `query` more parameters (e.g. `{ namespace:
   * 'x', storage: 'off' }`); `viewport` sets the page size.
   */
  async open({ lang, query = {}, viewport } = {}) {
    const page = await this.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(pageUrl('', { ...(lang ? { lang } : {}), ...query }));
    await ready(page);
    return page;
  }

  /**
   * Every Content-Security-Policy violation seen so far: the `securitypolicyviolation` events of
   * every frame of every open page, and the console messages about the policy.
   */
  async cspViolations() {
    const events = [];
    for (const page of this.context.pages()) {
      for (const frame of page.frames()) {
        try {
          events.push(...(await frame.evaluate(() => globalThis.__selfcheckTest?.csp ?? [])));
        } catch {
          // A frame that went away meanwhile.
        }
      }
    }
    const tolerated = (event) => this.tolerated.events.some((fields) => Object.entries(fields).every(([key, value]) => event[key] === value));
    return { events: events.filter((event) => !tolerated(event)), console: [...this.cspConsole] };
  }

  /** Fails on any Content-Security-Policy violation so far (`what` says when). */
  async expectNoCspViolations(what = 'so far') {
    const found = await this.cspViolations();
    assert.deepEqual(found, { events: [], console: [] }, `Content-Security-Policy violations ${what}`);
  }

  /**
   * Fails on a request that left SELFCHECK_URL, an uncaught page error, a native dialog or a
   * Content-Security-Policy violation (the pages are served with a strict policy).
   */
  async check() {
    assert.ok(this.requests.length > 0, 'the request recorder saw no request at all');
    const foreign = this.requests.filter((url) => !isOwnUrl(url));
    assert.deepEqual(foreign, [], `requests that left ${SELFCHECK_URL} (only the page's own files, blob: and data: are allowed)`);
    assert.deepEqual(this.errors, [], `uncaught errors in the page (console errors: ${JSON.stringify(this.console)})`);
    assert.deepEqual(this.dialogs, [], 'native dialogs opened by the page');
    await this.expectNoCspViolations('during the test');
  }

  async close() {
    await this.context.close();
  }
}

/**
 * Waits until the widget (a page's, or a `Widget`) has rendered its criteria (after a load or
 * reload): the widget itself, not the first screen pre-rendered before it arrives (see
 * `firstScreen`).
 */
export async function ready(target, { timeout = 15_000 } = {}) {
  await target.locator(`${sel.root}:not([data-first-screen]) ${sel.anyCriterion}`).first().waitFor({ timeout });
}

/** Waits until the first screen, pre-rendered and shown before the WebAssembly arrives, is there. */
export async function firstScreen(target, { timeout = 15_000 } = {}) {
  await target.locator(`${sel.root}[data-first-screen] ${sel.anyCriterion}`).first().waitFor({ timeout });
}

/**
 * Declares a test that gets a fresh browser context: `body(session, t)`. A body that needs another
 * fresh context calls `await session.newSession()`. After the body, every session's recorders are
 * checked (see `Session.check`) and its context is closed. `context` are options of the browser
 * context (e.g. the viewport); `launch` and `tolerated` are those of `Session.create`.
 */
export function widgetTest(name, body, { timeout = TIMEOUT, context = {}, launch, tolerated } = {}) {
  test(name, { timeout }, async (t) => {
    const sessions = [];
    const newSession = async (options = context) => {
      const session = await Session.create(options, { launch, tolerated });
      sessions.push(session);
      return session;
    };
    try {
      const session = await newSession();
      session.newSession = newSession;
      await body(session, t);
      for (const s of sessions) await s.check();
    } catch (error) {
      // What the pages threw meanwhile often says why (e.g. a script an old browser cannot parse).
      const thrown = sessions.flatMap((s) => s.errors);
      if (thrown.length > 0 && error instanceof Error) error.message += `\n  uncaught errors in the page meanwhile: ${JSON.stringify(thrown)}`;
      throw error;
    } finally {
      for (const s of sessions) await s.close().catch(() => {});
    }
  });
}
