// Embedding: the widget on other pages, each way in — the <selfcheck-widget> element, an iframe of
// the standalone page, and `mount()` — on the mock portal (/portal.html), which has a strict
// Content-Security-Policy (no violation is allowed in any test: see `Session.check`) and aggressive
// global CSS. Also the standalone page's query parameters.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  DEBOUNCE,
  GOLDEN_RESULT,
  PASSPHRASE,
  PROFILE,
  PROFILE_FIELDS,
  SELFCHECK_URL,
  SLOW,
  Widget,
  answer,
  answersDocument,
  attribute,
  catalogue,
  cliExpect,
  criteria,
  download,
  draftSnapshot,
  expectedChecked,
  exportResult,
  file,
  fillProfile,
  pageUrl,
  plannedAnswers,
  ready,
  scoreWithCli,
  sel,
  storageDump,
  tempDir,
  until,
  waitAnswered,
  waitSaved,
  widgetTest,
  wireProfile,
  writeTemp,
} from './helpers.mjs';

const ORIGIN = new URL(SELFCHECK_URL).origin;

/** The policy both pages are served with. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

/** The profile fields a host can lock. */
const LOCKABLE = ['name', 'credit_code'];

/** The profile without the lockable fields (what a test still fills in when they are locked). */
const UNLOCKED_PROFILE = Object.fromEntries(Object.entries(PROFILE).filter(([key]) => !LOCKABLE.includes(key)));

// ---------------------------------------------------------------------------------------------
// The portal and its widgets

/** The portal's custom element `#portal-widget`. */
function portalElement(page) {
  return new Widget(page, { host: '#portal-widget' });
}

/** A widget mounted by the test in `div#id` of the portal. */
function mounted(page, id) {
  return new Widget(page, { host: `#${id}` });
}

/** Opens the portal and waits until its custom element has rendered the criteria. */
async function openPortal(s) {
  const page = await s.context.newPage();
  await page.goto(pageUrl('portal.html'));
  await ready(portalElement(page));
  return page;
}

/** The widget of the standalone page inside the iframe `#id` of `page`, once it has rendered. */
async function framed(page, id = 'portal-iframe') {
  const handle = await page.locator(`iframe#${id}`).elementHandle();
  const frame = await handle.contentFrame();
  assert.ok(frame, `iframe#${id} has a frame`);
  const widget = new Widget(page, { frame });
  await ready(widget);
  return widget;
}

/** Adds an iframe `#id` of the standalone page with these query parameters to the portal. */
async function addIframe(page, id, query) {
  await page.evaluate(
    ([id, src]) => {
      const iframe = document.createElement('iframe');
      iframe.id = id;
      iframe.title = id;
      iframe.src = src;
      iframe.width = '1000';
      iframe.height = '600';
      document.querySelector('main').append(iframe);
    },
    [id, pageUrl('', query)],
  );
  return framed(page, id);
}

/**
 * Mounts the widget with `mount(element, options)` into `div#id` (created in the portal's main if
 * missing); the handle is kept as `__handles[id]`. Resolves to null, or to `{message, isError}` when
 * `mount` rejected.
 */
async function mountInto(page, id, options = {}) {
  return page.evaluate(
    async ([id, options]) => {
      const { mount } = await import('/pkg/selfcheck-widget.js');
      let element = document.getElementById(id);
      if (!element) {
        element = document.createElement('div');
        element.id = id;
        document.querySelector('main').append(element);
      }
      globalThis.__handles ??= {};
      try {
        globalThis.__handles[id] = await mount(element, options);
        return null;
      } catch (error) {
        return { isError: error instanceof Error, message: String(error?.message ?? error) };
      }
    },
    [id, options],
  );
}

/** Mounts and waits until the widget has rendered; fails if `mount` rejected. */
async function mountReady(page, id, options) {
  const failed = await mountInto(page, id, options);
  assert.equal(failed, null, `mount(#${id}, ${JSON.stringify(options).slice(0, 200)}) rejected`);
  const widget = mounted(page, id);
  await ready(widget);
  return widget;
}

/** `handle.report()` of the widget mounted in `#id`. */
function handleReport(page, id) {
  return page.evaluate((id) => globalThis.__handles[id].report(), id);
}

/** `handle.destroy()` of the widget mounted in `#id`. */
function destroy(page, id) {
  return page.evaluate((id) => globalThis.__handles[id].destroy(), id);
}

/** The `selfcheck:*` events of `type` dispatched on the widget's host element, oldest first. */
function hostEvents(widget, type) {
  return widget.frame.evaluate(
    ([type, id]) => __selfcheckTest.events.filter((e) => e.type === type && e.target === id),
    [type, widget.host.slice(1)],
  );
}

/** Waits until the latest `selfcheck:change` of the widget reports `answered` answers; returns its detail. */
async function waitChange(widget, answered) {
  await until(
    widget,
    `a selfcheck:change event on ${widget.host} reports ${answered} answered`,
    ([id, n]) => __selfcheckTest.events.filter((e) => e.type === 'selfcheck:change' && e.target === id).at(-1)?.detail?.completeness?.answered === n,
    [widget.host.slice(1), answered],
    { describe: async () => (await hostEvents(widget, 'selfcheck:change')).map((e) => e.detail?.completeness?.answered) },
  );
  return (await hostEvents(widget, 'selfcheck:change')).at(-1).detail;
}

/** The messages the portal window received from the iframe `#from` (or `parent`, `other`). */
function messagesFrom(page, from) {
  return page.evaluate((f) => __selfcheckTest.messages.filter((m) => m.from === f), from);
}

/** Waits until the portal has received a message of `type` from iframe `#from`, at least `count` in all; returns the latest. */
async function waitMessage(page, from, type, { count = 1, answered } = {}) {
  await until(
    page,
    `the portal received ${count} ${type} message(s) from #${from}${answered === undefined ? '' : `, the latest reporting ${answered} answered`}`,
    ([f, t, c, n]) => {
      const found = __selfcheckTest.messages.filter((m) => m.from === f && m.data?.type === t);
      return found.length >= c && (n === null || found.at(-1).data.report?.completeness?.answered === n);
    },
    [from, type, count, answered ?? null],
    { describe: async () => (await messagesFrom(page, from)).map((m) => `${m.origin} ${m.data?.type} ${m.data?.report?.completeness?.answered ?? ''}`) },
  );
  return (await messagesFrom(page, from)).filter((m) => m.data?.type === type).at(-1);
}

/** The `li` items of `#portal-events` for this source and type. */
function portalLogged(page, source, type) {
  return page.locator(`#portal-events li[data-event-source="${source}"][data-event-type="${type}"]`).count();
}

/** Creates a key in the widget, downloads its backup, and exports; returns the exported download. */
async function createKeyAndExport(widget) {
  await widget.locator(sel.newPassphrase).fill(PASSPHRASE);
  await widget.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await widget.locator(sel.createKey).click();
  await until(
    widget,
    `${widget.host} shows a key fingerprint`,
    ([s, host]) => /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/.test(__selfcheckTest.$(s, host)?.textContent.replace(/\s+/g, ' ').trim() ?? ''),
    [sel.fingerprint, widget.host],
    { timeout: SLOW },
  );
  await download(widget, () => widget.locator(sel.downloadKey).click());
  await widget.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  await until(widget, `the export button of ${widget.host} is enabled`, ([s, host]) => __selfcheckTest.$(s, host)?.disabled === false, [sel.exportButton, widget.host], {
    describe: () => widget.locator('[data-testid=notice]').evaluateAll((nodes) => nodes.map((n) => n.textContent.trim())),
  });
  return exportResult(widget);
}

/** Checks a result with `selfcheck verify` and returns what `selfcheck report` says of it. */
function verifyResult(t, name, content) {
  const file = writeTemp(tempDir(t), name, content);
  cliExpect(0, ['verify', file]);
  return JSON.parse(cliExpect(0, ['report', file, '--format', 'json']).stdout);
}

/**
 * Fails unless the signed result a host received is the downloaded file's text (the file may end
 * with one newline more).
 */
function expectSameResult(received, exported, what) {
  assert.equal(typeof received, 'string', `${what} is the result's JSON text`);
  assert.equal(received.replace(/\n$/, ''), exported.text.replace(/\n$/, ''), `${what} (actual) against the downloaded file ${exported.name} (expected)`);
}

/** The report figures compared with a signed result's. */
function figures(report) {
  return { total: report.total, maximum: report.maximum, score: report.score, grade: report.grade, vetoes: report.vetoes };
}

/** Whether the locked profile inputs of the widget are read-only, with their values. */
function lockedInputs(widget) {
  return widget.frame.evaluate(([host, fields]) => {
    const read = (id) => {
      const input = __selfcheckTest.$(id, host);
      return input ? { value: input.value, readOnly: input.readOnly } : null;
    };
    return { name: read(fields.name), credit_code: read(fields.credit_code) };
  }, [widget.host, PROFILE_FIELDS]);
}

/** The stored entries under a storage namespace. */
async function storedUnder(target, namespace) {
  const dump = await storageDump(target);
  return Object.fromEntries(Object.entries(dump).filter(([key]) => key.startsWith(`selfcheck:${namespace}:`)));
}

// ---------------------------------------------------------------------------------------------
// The three ways in

widgetTest('the <selfcheck-widget> element: renders, reports each change as `selfcheck score` does, exports to the portal a result `selfcheck verify` accepts', async (s, t) => {
  const page = await openPortal(s);
  await s.expectNoCspViolations('while the portal loads');
  const widget = portalElement(page);
  const attributes = await page.locator('#portal-widget').evaluate((el) => ({
    mode: el.shadowRoot?.mode ?? null,
    namespace: el.getAttribute('namespace'),
    name: el.getAttribute('name'),
    credit_code: el.getAttribute('credit-code'),
    locked: el.getAttribute('locked'),
  }));
  assert.equal(attributes.mode, 'open', '#portal-widget renders in an open shadow root');
  assert.deepEqual(
    [attributes.namespace, attributes.locked],
    ['portal', 'name credit-code'],
    'the portal\'s element has namespace="portal" and locked="name credit-code" (this test relies on them)',
  );
  assert.deepEqual(
    await lockedInputs(widget),
    { name: { value: attributes.name, readOnly: true }, credit_code: { value: attributes.credit_code, readOnly: true } },
    'the locked name and credit code: read-only, with the element\'s name and credit-code attributes',
  );

  const plan = plannedAnswers().filter((a) => /^[AB]/.test(a.id));
  await answer(widget, plan);
  const detail = await waitChange(widget, plan.length);
  const expected = scoreWithCli(t, answersDocument(plan));
  assert.ok(expected.vetoes.includes('B4'), 'the answers trigger the B4 veto');
  assert.deepEqual(detail, expected, 'the last selfcheck:change detail (actual) against `selfcheck score` (expected)');
  assert.deepEqual(await page.locator('#portal-widget').evaluate((el) => el.report()), expected, 'el.report() (actual) against `selfcheck score` (expected)');
  assert.ok((await portalLogged(page, 'element', 'change')) >= 1, 'the portal logged #portal-events li[data-event-source=element][data-event-type=change]');

  const marker = 'portal-element-note-6d0e';
  await widget.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(marker);
  await waitSaved(widget, marker);
  assert.ok((await storedUnder(page, 'portal'))['selfcheck:portal:draft']?.includes(marker), 'the draft is stored under selfcheck:portal:draft');

  await fillProfile(widget, UNLOCKED_PROFILE);
  const exported = await createKeyAndExport(widget);
  const events = await hostEvents(widget, 'selfcheck:exported');
  assert.equal(events.length, 1, 'one selfcheck:exported event on #portal-widget');
  const { fileName, result, report } = events[0].detail;
  assert.equal(fileName, exported.name, 'selfcheck:exported detail.fileName is the downloaded file\'s name');
  expectSameResult(result, exported, 'selfcheck:exported detail.result');
  assert.deepEqual(report, expected, 'selfcheck:exported detail.report (actual) against `selfcheck score` (expected)');
  await until(page, '#portal-result holds the exported result', (text) => document.querySelector('#portal-result')?.textContent.replace(/\n$/, '') === text, exported.text.replace(/\n$/, ''));
  assert.equal(await portalLogged(page, 'element', 'exported'), 1, 'the portal logged one element exported event');

  const signed = verifyResult(t, exported.name, exported.content);
  assert.deepEqual(figures(signed.report), figures(expected), 'the signed report (actual) against `selfcheck score` (expected)');
  assert.deepEqual(
    [signed.profile.name, signed.profile.credit_code],
    [attributes.name, attributes.credit_code],
    'the signed profile has the element\'s locked name and credit code',
  );
});

widgetTest('the iframe: posts each change to the portal\'s origin as `selfcheck score` reports it, answers request-report, posts the export `selfcheck verify` accepts', async (s, t) => {
  const page = await openPortal(s);
  const widget = await framed(page);
  const src = new URL(await page.locator('#portal-iframe').getAttribute('src'), SELFCHECK_URL);
  assert.deepEqual(
    [src.pathname, src.searchParams.get('parent-origin'), src.searchParams.get('namespace')],
    ['/', ORIGIN, 'iframe'],
    'the portal\'s iframe is the standalone page with parent-origin = the portal\'s origin and namespace=iframe',
  );

  const plan = plannedAnswers().filter((a) => /^[CE]/.test(a.id));
  await answer(widget, plan);
  const message = await waitMessage(page, 'portal-iframe', 'selfcheck:change', { answered: plan.length });
  const expected = scoreWithCli(t, answersDocument(plan));
  assert.deepEqual(message.data.report, expected, 'the last selfcheck:change message\'s report (actual) against `selfcheck score` (expected)');
  const origins = [...new Set((await messagesFrom(page, 'portal-iframe')).map((m) => m.origin))];
  assert.deepEqual(origins, [ORIGIN], 'every message from the iframe comes from the portal\'s origin');
  assert.ok((await portalLogged(page, 'iframe', 'change')) >= 1, 'the portal logged #portal-events li[data-event-source=iframe][data-event-type=change]');

  await page.evaluate((origin) => document.querySelector('#portal-iframe').contentWindow.postMessage({ type: 'selfcheck:request-report' }, origin), ORIGIN);
  const reply = await waitMessage(page, 'portal-iframe', 'selfcheck:report');
  assert.deepEqual(reply.data.report, expected, 'the selfcheck:report reply (actual) against `selfcheck score` (expected)');

  const marker = 'portal-iframe-note-2b7a';
  await widget.locator(`${sel.criterion('C1')} textarea[data-note]`).fill(marker);
  await waitSaved(widget, marker);
  assert.ok((await storedUnder(page, 'iframe'))['selfcheck:iframe:draft']?.includes(marker), 'the draft is stored under selfcheck:iframe:draft');

  await fillProfile(widget, PROFILE);
  const exported = await createKeyAndExport(widget);
  const posted = await waitMessage(page, 'portal-iframe', 'selfcheck:exported');
  assert.equal(posted.origin, ORIGIN, 'the selfcheck:exported message comes from the portal\'s origin');
  assert.equal(posted.data.fileName, exported.name, 'the message\'s fileName is the downloaded file\'s name');
  expectSameResult(posted.data.result, exported, 'the selfcheck:exported message\'s result');
  await until(page, '#portal-result holds the exported result', (text) => document.querySelector('#portal-result')?.textContent.replace(/\n$/, '') === text, exported.text.replace(/\n$/, ''));
  assert.equal(await portalLogged(page, 'iframe', 'exported'), 1, 'the portal logged one iframe exported event');
  const signed = verifyResult(t, exported.name, exported.content);
  assert.deepEqual(figures(signed.report), figures(expected), 'the signed report (actual) against `selfcheck score` (expected)');
  assert.deepEqual(signed.profile, wireProfile(PROFILE), 'the signed profile');
});

widgetTest('mount(): options lang, profile and locked (over a stored draft), handle.report() and events as `selfcheck score`, export to the host', async (s, t) => {
  const page = await openPortal(s);

  // A draft stored under the namespace, with another name and credit code.
  const first = await mountReady(page, 't-mount', { namespace: 'mounted' });
  const stale = { name: '旧协会名称 stored-name-4e1a', credit_code: '51440000500003128X' };
  await fillProfile(first, stale);
  await waitSaved(first, 'stored-name-4e1a');
  await destroy(page, 't-mount');

  const profile = wireProfile(PROFILE);
  const widget = await mountReady(page, 't-mount', { lang: 'en', namespace: 'mounted', profile, locked: LOCKABLE });
  await attribute(widget, sel.root, 'lang', 'en');
  const legend = await widget.locator(`${sel.criterion('D1')} legend`).textContent();
  assert.ok(legend.includes(criteria.find((c) => c.id === 'D1').title.en), `lang: 'en' shows English legends: ${legend}`);
  assert.deepEqual(
    await lockedInputs(widget),
    { name: { value: PROFILE.name, readOnly: true }, credit_code: { value: PROFILE.credit_code, readOnly: true } },
    'locked fields are read-only and show the host\'s values, not the stored draft\'s',
  );
  await widget.locator(PROFILE_FIELDS.name).focus();
  await page.keyboard.type('改');
  assert.equal(await widget.locator(PROFILE_FIELDS.name).inputValue(), PROFILE.name, 'typing into the locked name changes nothing');

  const plan = plannedAnswers().filter((a) => /^[DE]/.test(a.id));
  await answer(widget, plan);
  const detail = await waitChange(widget, plan.length);
  const expected = scoreWithCli(t, answersDocument(plan));
  assert.deepEqual(detail, expected, 'the last selfcheck:change detail (actual) against `selfcheck score` (expected)');
  assert.deepEqual(await handleReport(page, 't-mount'), expected, 'handle.report() (actual) against `selfcheck score` (expected)');

  await fillProfile(widget, UNLOCKED_PROFILE);
  const exported = await createKeyAndExport(widget);
  const events = await hostEvents(widget, 'selfcheck:exported');
  assert.equal(events.length, 1, 'one selfcheck:exported event on #t-mount');
  assert.equal(events[0].detail.fileName, exported.name, 'detail.fileName is the downloaded file\'s name');
  expectSameResult(events[0].detail.result, exported, 'selfcheck:exported detail.result');
  assert.deepEqual(events[0].detail.report, expected, 'detail.report (actual) against `selfcheck score` (expected)');
  const signed = verifyResult(t, exported.name, exported.content);
  assert.deepEqual(figures(signed.report), figures(expected), 'the signed report (actual) against `selfcheck score` (expected)');
  assert.deepEqual(signed.profile, profile, 'the signed profile is the host\'s (locked name and credit code)');
});

widgetTest('a <selfcheck-widget> made by script: storage="off" keeps nothing, lang="en"; moved in the page it still works; removed, it is destroyed', async (s) => {
  const page = await openPortal(s);
  await page.evaluate(() => {
    const element = document.createElement('selfcheck-widget');
    element.id = 't-element';
    element.setAttribute('lang', 'en');
    element.setAttribute('storage', 'off');
    document.querySelector('main').append(element);
  });
  const widget = new Widget(page, { host: '#t-element' });
  await ready(widget);
  await attribute(widget, sel.root, 'lang', 'en');
  await attribute(widget, sel.storageStatus, 'data-state', 'off');
  const keys = Object.keys(await storageDump(page)).sort();
  const marker = 'element-storage-off-41aa';
  await answer(widget, { id: 'A1', value: 'yes' });
  await widget.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(marker);
  await waitChange(widget, 1);
  assert.equal((await page.locator('#t-element').evaluate((el) => el.report())).completeness.answered, 1, 'el.report() after one answer');
  await page.waitForTimeout(DEBOUNCE * 2);
  const dump = await storageDump(page);
  assert.deepEqual(Object.keys(dump).filter((k) => dump[k].includes(marker)), [], 'with storage="off" nothing typed is stored');
  assert.deepEqual(Object.keys(dump).sort(), keys, 'with storage="off" no storage key is added');

  // Moved elsewhere in the page (disconnected and connected again in one task).
  await page.evaluate(() => document.querySelector('.portal-panel').before(document.getElementById('t-element')));
  await page.waitForTimeout(DEBOUNCE);
  const moved = await page.locator('#t-element').evaluate((el) => ({
    criteria: el.shadowRoot?.querySelectorAll('fieldset[data-criterion]').length ?? 0,
    alert: el.shadowRoot?.querySelector('[role=alert]')?.textContent ?? null,
  }));
  assert.deepEqual(moved, { criteria: criteria.length, alert: null }, 'after being moved in the page the element still shows the questionnaire');
  const before = (await hostEvents(widget, 'selfcheck:change')).length;
  await answer(widget, { id: 'A2', value: 'no' });
  await until(widget, 'a selfcheck:change after answering in the moved element', (n) => __selfcheckTest.events.filter((e) => e.type === 'selfcheck:change' && e.target === 't-element').length > n, before);

  // Removed: destroyed, nothing more happens.
  const changes = (await hostEvents(widget, 'selfcheck:change')).length;
  await page.evaluate(() => {
    globalThis.__removed = document.getElementById('t-element');
    globalThis.__removed.remove();
  });
  await until(
    page,
    'the removed element is destroyed: its shadow root is empty and el.report() is null',
    () => __removed.shadowRoot?.childElementCount === 0 && __removed.report() === null,
    undefined,
    { describe: () => page.evaluate(() => ({ children: __removed.shadowRoot?.childElementCount, report: __removed.report() !== null })) },
  );
  await page.waitForTimeout(DEBOUNCE);
  assert.equal((await hostEvents(widget, 'selfcheck:change')).length, changes, 'no selfcheck:change after removal');
});

// ---------------------------------------------------------------------------------------------
// Styles: the portal's CSS stays out, the widget's stays in, the theme gets through

/** Computed styles of some widget elements (the properties the portal's CSS would change). */
function widgetStyles(host) {
  const picks = {
    root: '.selfcheck',
    legend: 'fieldset[data-criterion="A1"] legend',
    fieldset: 'fieldset[data-criterion="A1"]',
    radio: 'fieldset[data-criterion="A1"] input[type=radio]',
    checkbox: 'fieldset[data-criterion="A4"] input[type=checkbox][data-item]',
    note: 'fieldset[data-criterion="A1"] textarea[data-note]',
    link: 'fieldset[data-criterion="A1"] input[type=url][data-evidence-link]',
    person: '#selfcheck-profile-person',
    button: 'button[data-action=next-unanswered]',
    addLink: 'fieldset[data-criterion="A1"] button[data-action=add-link]',
    navLink: 'a[data-area-link]',
    heading: 'h2',
    score: '[data-testid=score]',
  };
  const properties = [
    'font-family', 'font-size', 'font-weight', 'font-style', 'color', 'background-color', 'line-height', 'letter-spacing',
    'text-transform', 'text-align', 'text-decoration-line', 'box-sizing', 'border-top-width', 'border-top-style',
    'border-top-color', 'border-left-width', 'border-left-style', 'border-left-color', 'border-radius', 'padding-top',
    'padding-left', 'margin-top', 'margin-left',
  ];
  const sized = new Set(['radio', 'checkbox', 'person', 'link']);
  const out = {};
  for (const [name, selector] of Object.entries(picks)) {
    const el = __selfcheckTest.$(selector, host);
    if (!el) {
      out[name] = `(no ${selector})`;
      continue;
    }
    const style = getComputedStyle(el);
    const values = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
    if (sized.has(name)) values.height = style.height;
    if (name === 'radio' || name === 'checkbox') values.width = style.width;
    out[name] = values;
  }
  return out;
}

/** The differences between two `widgetStyles` results, one line each. */
function styleDifferences(expected, actual) {
  const lines = [];
  for (const [name, values] of Object.entries(expected)) {
    if (typeof values === 'string' || typeof actual[name] === 'string') {
      if (values !== actual[name]) lines.push(`${name}: ${JSON.stringify(values)} vs ${JSON.stringify(actual[name])}`);
      continue;
    }
    for (const [property, value] of Object.entries(values)) {
      if (actual[name][property] !== value) lines.push(`${name} ${property}: standalone ${value}, here ${actual[name][property]}`);
    }
  }
  return lines;
}

/** Computed styles of the portal's own elements (outside every widget and the events list), by path. */
function portalStyles() {
  const properties = ['font-family', 'font-size', 'font-weight', 'color', 'background-color', 'line-height', 'letter-spacing', 'text-transform', 'text-align', 'box-sizing', 'border-top-width', 'border-top-style', 'border-top-color', 'padding-top', 'margin-top'];
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const same = [...(node.parentElement?.children ?? [])].filter((c) => c.tagName === node.tagName);
      parts.unshift(node.id ? `#${node.id}` : `${node.tagName.toLowerCase()}:nth-of-type(${same.indexOf(node) + 1})`);
      if (node.id) break;
    }
    return parts.join(' > ');
  };
  const out = {};
  for (const el of [document.documentElement, ...document.body.querySelectorAll('*')]) {
    if (el.closest('selfcheck-widget, iframe, script, #portal-events, [id^="t-"]')) continue;
    const style = getComputedStyle(el);
    out[path(el)] = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
  }
  return out;
}

/** The document's own style sheets, and the document-level rules (not for print) naming a selfcheck class or id that match something in the document. */
function documentSheets() {
  const sheets = [...document.styleSheets].map((sheet) => sheet.href ?? '(inline)');
  const adopted = document.adoptedStyleSheets?.length ?? 0;
  const matching = [];
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule instanceof CSSMediaRule && /print/.test(rule.conditionText) && !/screen|all/.test(rule.conditionText)) continue;
      if (rule.cssRules) walk(rule.cssRules);
      if (rule.selectorText && /[.#]selfcheck/.test(rule.selectorText)) {
        try {
          if (document.querySelector(rule.selectorText)) matching.push(rule.selectorText);
        } catch {
          // A selector this document cannot query (e.g. :host): it matches nothing here.
        }
      }
    }
  };
  for (const sheet of [...document.styleSheets, ...(document.adoptedStyleSheets ?? [])]) walk(sheet.cssRules);
  return { sheets, adopted, matching };
}

test('both pages are served with the strict Content-Security-Policy', async () => {
  const directives = (policy) => new Set(policy.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean));
  for (const path of ['', 'portal.html', '?parent-origin=' + encodeURIComponent(ORIGIN)]) {
    const response = await fetch(pageUrl(path));
    assert.equal(response.status, 200, `GET /${path}`);
    const policy = response.headers.get('content-security-policy');
    assert.ok(policy, `/${path} is served with a Content-Security-Policy header`);
    assert.deepEqual(directives(policy), directives(STRICT_CSP), `the Content-Security-Policy of /${path} (actual) against the strict policy (expected)`);
  }
});

widgetTest('the portal\'s aggressive CSS does not reach into the widget (element, iframe, mount()), nor does the widget\'s CSS reach the portal', async (s) => {
  const standalone = await s.open();
  const reference = await standalone.evaluate(widgetStyles, '#selfcheck');
  assert.deepEqual(Object.values(reference).filter((v) => typeof v === 'string'), [], 'every sampled element exists on the standalone page');
  assert.deepEqual(await standalone.evaluate(documentSheets), { sheets: [pageUrl('style.css'), pageUrl('unsupported.css')], adopted: 0, matching: [] }, 'the standalone page\'s document has only its own style.css and unsupported.css');

  const page = await openPortal(s);
  const iframe = await framed(page);
  await mountReady(page, 't-plain', { namespace: null });
  // Every difference is collected first, so that a failure lists them all.
  const found = {};
  for (const [what, widget] of [['<selfcheck-widget>', portalElement(page)], ['the iframe', iframe], ['mount()', mounted(page, 't-plain')]]) {
    const styles = await widget.frame.evaluate(widgetStyles, widget.host);
    found[`${what}: computed styles inside the widget that differ from the standalone page's`] = styleDifferences(reference, styles);
  }

  // The portal's own elements look as they do when no widget ever loads.
  const portal = await page.evaluate(portalStyles);
  assert.ok(Object.keys(portal).some((key) => key.startsWith('#portal-header')), 'the portal header is among the compared elements');
  found['the portal\'s document: its style sheets (only portal.css), adopted sheets, selfcheck rules matching there'] = await page.evaluate(documentSheets);
  const bare = await (await s.newSession()).context.newPage();
  await bare.route('**/pkg/**', (route) => route.abort());
  await bare.goto(pageUrl('portal.html'));
  await bare.locator('#portal-header').waitFor();
  const without = await bare.evaluate(portalStyles);
  found['computed styles of the portal\'s own elements that the widget changed'] = Object.keys(without)
    .filter((key) => key in portal)
    .flatMap((key) => Object.keys(without[key]).filter((p) => without[key][p] !== portal[key][p]).map((p) => `${key} ${p}: ${without[key][p]} without the widget, ${portal[key][p]} with it`));
  const none = Object.fromEntries(Object.keys(found).map((key) => [key, []]));
  none['the portal\'s document: its style sheets (only portal.css), adopted sheets, selfcheck rules matching there'] = { sheets: [pageUrl('portal.css')], adopted: 0, matching: [] };
  assert.deepEqual(found, none, 'style leaks between the portal and the widget (actual) against none (expected)');
});

widgetTest('theme: mount()\'s theme sets the --selfcheck-* properties on the host, and the accent colours the buttons', async (s) => {
  const page = await openPortal(s);
  const theme = { accent: '#c80064', text: '#102030', background: '#fafaf0', font: '"Courier New", monospace', radius: '11px' };
  const properties = { accent: '--selfcheck-accent', text: '--selfcheck-text', background: '--selfcheck-bg', font: '--selfcheck-font', radius: '--selfcheck-radius' };
  const plain = await mountReady(page, 't-plain', { namespace: null });
  const themed = await mountReady(page, 't-themed', { namespace: null, theme });

  const onHost = await page.locator('#t-themed').evaluate((el, names) => Object.fromEntries(names.map((n) => [n, getComputedStyle(el).getPropertyValue(n).trim()])), Object.values(properties));
  assert.deepEqual(
    onHost,
    Object.fromEntries(Object.entries(properties).map(([key, name]) => [name, theme[key]])),
    'the custom properties on the host element (actual) against the theme (expected)',
  );

  const look = (widget) =>
    widget.frame.evaluate((host) => {
      const style = (s) => {
        const el = __selfcheckTest.$(s, host);
        return el ? getComputedStyle(el) : null;
      };
      const button = style('button[data-action=next-unanswered]');
      const root = style('.selfcheck');
      const all = __selfcheckTest.$$('*', host).map((el) => getComputedStyle(el));
      return {
        buttonBorder: button?.borderTopColor ?? null,
        text: root?.color ?? null,
        font: root?.fontFamily ?? null,
        backgrounds: [...new Set(all.map((c) => c.backgroundColor))],
        radii: [...new Set(all.map((c) => c.borderTopLeftRadius))],
      };
    }, widget.host);
  const before = await look(plain);
  const after = await look(themed);
  assert.equal(after.buttonBorder, 'rgb(200, 0, 100)', 'the border colour of button[data-action=next-unanswered] with accent #c80064');
  assert.notEqual(before.buttonBorder, after.buttonBorder, 'without the theme the button border has another colour');
  assert.equal(after.text, 'rgb(16, 32, 48)', 'the text colour of .selfcheck with text #102030');
  assert.match(after.font, /Courier New/, 'the font of .selfcheck with font "Courier New"');
  assert.ok(after.backgrounds.includes('rgb(250, 250, 240)'), `some widget element has the background #fafaf0: ${after.backgrounds.join(', ')}`);
  assert.ok(after.radii.includes('11px'), `some widget element has the radius 11px: ${after.radii.join(', ')}`);
  assert.ok(!before.backgrounds.includes('rgb(250, 250, 240)') && !before.radii.includes('11px'), 'the unthemed widget has neither');
});

// ---------------------------------------------------------------------------------------------
// Several widgets, their life cycle, custom catalogues

widgetTest('two widgets on one page (namespaces twin-a, twin-b) do not interfere: answers, reports, events, ids, storage', async (s) => {
  const page = await openPortal(s);
  const a = await mountReady(page, 't-a', { namespace: 'twin-a' });
  const b = await mountReady(page, 't-b', { namespace: 'twin-b' });
  const bReport = await handleReport(page, 't-b');
  const bChanges = (await hostEvents(b, 'selfcheck:change')).length;

  const answersA = [{ id: 'A1', value: 'yes' }, { id: 'B4', value: 'no' }];
  await answer(a, answersA);
  await a.locator(PROFILE_FIELDS.name).fill('twin-a-name-81c3');
  await waitChange(a, answersA.length);
  await waitSaved(a, 'twin-a-name-81c3');
  assert.deepEqual(await handleReport(page, 't-b'), bReport, 'B\'s report after answering in A');
  assert.equal((await hostEvents(b, 'selfcheck:change')).length, bChanges, 'no selfcheck:change on B after answering in A');
  const bShown = await draftSnapshot(b);
  assert.deepEqual([bShown.checked, bShown.profile.name], [[], ''], 'B shows no answer and no name');

  const answersB = [{ id: 'C1', checked: ['C1.1', 'C1.3'] }];
  await answer(b, answersB);
  await b.locator(PROFILE_FIELDS.name).fill('twin-b-name-5f90');
  await waitChange(b, 1);
  await waitSaved(b, 'twin-b-name-5f90');
  const aReport = await handleReport(page, 't-a');
  assert.equal(aReport.completeness.answered, answersA.length, 'A\'s report after answering in B');
  for (const widget of [a, b]) {
    assert.equal(await widget.locator(sel.conflict).count(), 0, `${widget.host} shows no conflict banner`);
  }

  const storedA = await storedUnder(page, 'twin-a');
  const storedB = await storedUnder(page, 'twin-b');
  assert.ok(storedA['selfcheck:twin-a:draft']?.includes('twin-a-name-81c3') && !storedA['selfcheck:twin-a:draft'].includes('twin-b-name-5f90'), 'selfcheck:twin-a:draft holds A\'s draft only');
  assert.ok(storedB['selfcheck:twin-b:draft']?.includes('twin-b-name-5f90') && !storedB['selfcheck:twin-b:draft'].includes('twin-a-name-81c3'), 'selfcheck:twin-b:draft holds B\'s draft only');

  // Ids repeat in each shadow root: a rectification link in B (activated with the keyboard)
  // focuses B's criterion.
  await b.locator('ol[data-testid=rectification] a[href="#selfcheck-criterion-A1"]').focus();
  await page.keyboard.press('Enter');
  await until(
    page,
    'the focus is in #t-b\'s fieldset A1',
    () => {
      const el = __selfcheckTest.active();
      return el?.getRootNode()?.host?.id === 't-b' && el.closest('fieldset[data-criterion]')?.dataset.criterion === 'A1';
    },
    undefined,
    { describe: () => page.evaluate(() => __selfcheckTest.active()?.outerHTML.slice(0, 120) ?? null) },
  );

  await page.reload();
  const a2 = await mountReady(page, 't-a', { namespace: 'twin-a' });
  const b2 = await mountReady(page, 't-b', { namespace: 'twin-b' });
  const shownA = await draftSnapshot(a2);
  const shownB = await draftSnapshot(b2);
  assert.deepEqual([shownA.checked, shownA.profile.name], [expectedChecked(answersA), 'twin-a-name-81c3'], 'A after a reload');
  assert.deepEqual([shownB.checked, shownB.profile.name], [expectedChecked(answersB), 'twin-b-name-5f90'], 'B after a reload');
});

widgetTest('mount(), destroy() within the save delay, mount() again: the pending save is kept, then nothing is left running', async (s) => {
  const page = await openPortal(s);
  const widget = await mountReady(page, 't-life', { namespace: 'life' });
  const twice = await mountInto(page, 't-life', { namespace: 'life' });
  assert.ok(twice?.isError, `mounting into an element that holds a widget rejects with an Error: ${JSON.stringify(twice)}`);

  await answer(widget, { id: 'A1', value: 'yes' });
  await widget.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('life-note-0f3b');
  await waitSaved(widget, 'life-note-0f3b');
  // A2 answered, and the widget destroyed before the 0.4 s save delay is over: the widget renders,
  // and arms that delay, in the microtasks after the click, so a timer of 0 ms set at the click
  // runs first, however slow the machine. Nothing here depends on how long anything takes.
  const timing = await page.evaluate(async () => {
    const root = document.querySelector('#t-life').shadowRoot;
    const stored = () => {
      const found = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith('selfcheck:life:')) found[key] = localStorage.getItem(key);
      }
      return found;
    };
    root.querySelector('fieldset[data-criterion="A2"] input[type=radio][value=no]').click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const answered = root.querySelector('[data-testid=answered]')?.textContent.trim();
    const before = stored();
    globalThis.__handles['t-life'].destroy();
    const element = document.querySelector('#t-life');
    return { answered, before, stored: stored(), light: element.childElementCount, shadow: element.shadowRoot?.childElementCount ?? 0 };
  });
  assert.equal(timing.answered, '2', 'the widget showed A2 answered before destroy()');
  const draftKey = 'selfcheck:life:draft';
  assert.ok(!timing.before[draftKey]?.includes('"A2"'), `A2 was not yet saved when destroy() came: ${timing.before[draftKey]?.slice(0, 300)}`);
  assert.ok(timing.stored[draftKey]?.includes('"A2"'), `destroy() saved A2 at once: ${timing.stored[draftKey]?.slice(0, 300)}`);
  assert.deepEqual([timing.light, timing.shadow], [0, 0], 'after destroy() the element and its shadow root are empty');
  const changes = (await hostEvents(widget, 'selfcheck:change')).length;

  // Nothing runs any more: no timer, no pagehide or storage listener.
  await page.evaluate(() => {
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(DEBOUNCE * 2);
  assert.deepEqual(await storedUnder(page, 'life'), timing.stored, 'nothing is written under selfcheck:life: after destroy()');
  const other = await s.open({ query: { namespace: 'life' } });
  await answer(other, { id: 'A3', value: 'partly' });
  await other.locator(`${sel.criterion('A3')} textarea[data-note]`).fill('life-other-tab-93d1');
  await waitSaved(other, 'life-other-tab-93d1');
  await other.close();
  await page.waitForTimeout(DEBOUNCE);
  assert.equal((await hostEvents(widget, 'selfcheck:change')).length, changes, 'no selfcheck:change after destroy(), even when another tab saves the namespace');

  const again = await mountReady(page, 't-life', { namespace: 'life' });
  await waitAnswered(again, 3);
  assert.deepEqual(
    (await draftSnapshot(again)).checked,
    expectedChecked([{ id: 'A1', value: 'yes' }, { id: 'A2', value: 'no' }, { id: 'A3', value: 'partly' }]),
    'mounted again: A1, A2 (saved by destroy()) and A3 (the other tab\'s)',
  );
  await answer(again, { id: 'A4', checked: ['A4.1'] });
  await waitChange(again, 4);
  assert.equal((await handleReport(page, 't-life')).completeness.answered, 4, 'the new handle.report()');
});

widgetTest('mount() with a custom catalogue: a valid one is rendered and scored like `selfcheck score --catalog`; an invalid one, bad options reject with an Error', async (s, t) => {
  const page = await openPortal(s);
  const bad = structuredClone(catalogue);
  // An id of its own: a catalogue that claims a built-in id and version is refused before its rules are checked.
  bad.id = 'test-invalid';
  bad.total_points = 999;
  bad.areas[0].criteria[1].id = 'A1';
  for (const form of [bad, JSON.stringify(bad)]) {
    const failed = await mountInto(page, 't-bad', { namespace: null, catalogue: form });
    assert.ok(failed?.isError, `mount() with an invalid catalogue (${typeof form}) rejects with an Error: ${JSON.stringify(failed)}`);
    assert.match(failed.message, /A1/, `the message names the duplicate id A1: ${failed.message}`);
    assert.match(failed.message, /total_points/, `the message names total_points: ${failed.message}`);
    assert.deepEqual(
      await page.locator('#t-bad').evaluate((el) => [el.childElementCount, el.shadowRoot?.childElementCount ?? 0]),
      [0, 0],
      'the element stays empty',
    );
  }
  for (const [what, options] of [
    ['locked: [\'email\']', { namespace: null, locked: ['email'] }],
    ['an unknown option', { namespace: null, colour: 'red' }],
  ]) {
    const failed = await mountInto(page, 't-bad', options);
    assert.ok(failed?.isError && failed.message !== '', `mount() with ${what} rejects with an Error that says why: ${JSON.stringify(failed)}`);
  }

  const small = structuredClone(catalogue);
  small.id = 'test-two-areas';
  small.areas = small.areas.slice(0, 2);
  small.total_points = small.areas.flatMap((a) => a.criteria).reduce((sum, c) => sum + c.points, 0);
  const dir = tempDir(t);
  const catalogueFile = writeTemp(dir, 'small.json', small);
  const widget = await mountReady(page, 't-small', { namespace: null, catalogue: JSON.stringify(small) });
  const ids = await widget.locator(sel.anyCriterion).evaluateAll((nodes) => nodes.map((n) => n.dataset.criterion));
  assert.deepEqual(ids, small.areas.flatMap((a) => a.criteria.map((c) => c.id)), 'the criteria of the custom catalogue, in order');
  const plan = plannedAnswers().filter((a) => /^[AB]/.test(a.id)).slice(0, 9);
  await answer(widget, plan);
  await waitChange(widget, plan.length);
  const answers = answersDocument(plan);
  answers.catalogue = { id: small.id, version: small.version };
  const answersFile = writeTemp(dir, 'answers.json', answers);
  const expected = JSON.parse(cliExpect(0, ['score', answersFile, '--catalog', catalogueFile, '--format', 'json']).stdout);
  assert.deepEqual(await handleReport(page, 't-small'), expected, 'handle.report() (actual) against `selfcheck score --catalog` (expected)');
});

// ---------------------------------------------------------------------------------------------
// iframe messages: only to the named origin, only from it

widgetTest('iframe messages go only to parent-origin (none without it, any only for *); requests from other origins are ignored', async (s) => {
  const page = await openPortal(s);
  await framed(page);
  const wrong = await addIframe(page, 't-wrong', { 'parent-origin': 'https://portal.example.gov.cn', storage: 'off' });
  const none = await addIframe(page, 't-none', { storage: 'off' });
  const star = await addIframe(page, 't-star', { 'parent-origin': '*', storage: 'off' });

  for (const widget of [wrong, none, star]) {
    await answer(widget, { id: 'A1', value: 'yes' });
    await waitAnswered(widget, 1);
  }
  await waitMessage(page, 't-star', 'selfcheck:change', { answered: 1 });
  const request = (id, targetOrigin) =>
    page.evaluate(([i, o]) => document.getElementById(i).contentWindow.postMessage({ type: 'selfcheck:request-report' }, o), [id, targetOrigin]);
  for (const id of ['t-wrong', 't-none', 't-star']) await request(id, ORIGIN);
  await waitMessage(page, 't-star', 'selfcheck:report');
  await page.waitForTimeout(DEBOUNCE);
  assert.deepEqual(await messagesFrom(page, 't-wrong'), [], 'messages from the iframe whose parent-origin names another origin (even after a request-report from the portal)');
  assert.deepEqual(await messagesFrom(page, 't-none'), [], 'messages from the iframe without parent-origin');

  // A request-report from an opaque origin (a sandboxed frame of the portal) gets no reply.
  await waitMessage(page, 'portal-iframe', 'selfcheck:change');
  await page.evaluate(() => {
    const forger = document.createElement('iframe');
    forger.id = 't-forger';
    forger.setAttribute('sandbox', 'allow-scripts');
    forger.src = '/favicon.svg';
    document.querySelector('main').append(forger);
  });
  const forger = await (await page.locator('iframe#t-forger').elementHandle()).contentFrame();
  await forger.waitForLoadState();
  const index = await page.evaluate(() => [...document.querySelectorAll('iframe')].indexOf(document.getElementById('portal-iframe')));
  const origin = await forger.evaluate((i) => {
    parent.frames[i].postMessage({ type: 'selfcheck:request-report' }, '*');
    return self.origin;
  }, index);
  assert.equal(origin, 'null', 'the sandboxed frame has an opaque origin');
  await page.waitForTimeout(DEBOUNCE);
  const replies = async () => (await messagesFrom(page, 'portal-iframe')).filter((m) => m.data?.type === 'selfcheck:report');
  assert.deepEqual(await replies(), [], 'selfcheck:report replies to a request-report from an opaque origin');
  await request('portal-iframe', ORIGIN);
  await waitMessage(page, 'portal-iframe', 'selfcheck:report');
  assert.equal((await replies()).length, 1, 'the portal\'s own request-report gets exactly one reply');
  await s.expectNoCspViolations('with the extra iframes');
});

// ---------------------------------------------------------------------------------------------
// The first report reaches a host whenever it listens

/**
 * Mounts with `mount()` into a new `div#id` and adds a `selfcheck:change` listener only once the
 * promise has resolved (what a host writes after `await mount(…)`); the reports it hears are kept
 * as `__heard[id]`.
 */
function mountThenListen(page, id) {
  return page.evaluate(async (id) => {
    const { mount } = await import('/pkg/selfcheck-widget.js');
    const element = document.createElement('div');
    element.id = id;
    document.querySelector('main').append(element);
    globalThis.__heard ??= {};
    const heard = [];
    globalThis.__heard[id] = heard;
    globalThis.__handles ??= {};
    globalThis.__handles[id] = await mount(element, { namespace: null });
    element.addEventListener('selfcheck:change', (event) => heard.push(event.detail));
  }, id);
}

/** Adds `<selfcheck-widget id>` and a listener once `element.ready` has resolved, keeping what it hears as `__heard[id]`. */
function elementThenListen(page, id) {
  return page.evaluate(async (id) => {
    const element = document.createElement('selfcheck-widget');
    element.id = id;
    element.setAttribute('storage', 'off');
    document.querySelector('main').append(element);
    globalThis.__heard ??= {};
    const heard = [];
    globalThis.__heard[id] = heard;
    await element.ready;
    element.addEventListener('selfcheck:change', (event) => heard.push(event.detail));
  }, id);
}

/** Waits until the listener of `#id` has heard `count` reports; returns them. */
async function heard(page, id, count) {
  await until(page, `the late listener of #${id} heard ${count} selfcheck:change event(s)`, ([i, n]) => __heard[i]?.length >= n, [id, count], {
    describe: () => page.evaluate((i) => __heard[i]?.map((r) => r.completeness.answered), id),
  });
  return page.evaluate((i) => __heard[i], id);
}

/**
 * A host that listens as soon as `mount()` resolves, or `element.ready`, hears the current report
 * first, once; the iframe's parent hears it without anything being answered. Run with the wasm
 * arriving at once, late, and already compiled, since each orders the first render differently
 * against the promise.
 */
widgetTest('a host that listens when mount() resolves hears the first report: mount(), the custom element and the iframe, with the wasm early or late', async (s) => {
  for (const delay of [0, 1500]) {
    const page = await s.context.newPage();
    if (delay) {
      await page.route('**/selfcheck_web_bg.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        await route.continue();
      });
    }
    await page.goto(pageUrl('portal.html'));
    // The iframe's page has run its script (the portal's load waits for it), and its widget may
    // still be waiting for the wasm: a request now is answered once the widget is shown.
    await page.evaluate((origin) => document.getElementById('portal-iframe').contentWindow.postMessage({ type: 'selfcheck:request-report' }, origin), ORIGIN);
    // Loading (and, when delayed, still waiting for the wasm): these start together.
    await Promise.all([mountThenListen(page, 't-late-mount'), elementThenListen(page, 't-late-element')]);
    // The wasm is compiled by now: a second mount() takes the other path.
    await mountThenListen(page, 't-late-again');
    const what = `with the wasm ${delay ? `held back ${delay} ms` : 'served at once'}`;
    for (const id of ['t-late-mount', 't-late-element', 't-late-again']) {
      const [first] = await heard(page, id, 1);
      assert.equal(first.completeness.answered, 0, `#${id} ${what}: the first report says nothing is answered`);
      const widget = mounted(page, id);
      await answer(widget, { id: 'A1', value: 'yes' });
      const reports = await heard(page, id, 2);
      assert.deepEqual(
        reports.map((report) => report.completeness.answered),
        [0, 1],
        `#${id} ${what}: the current report once, then one per change (answered per report)`,
      );
    }
    // The standalone page in the portal's iframe: its first message comes before any answer.
    const message = await waitMessage(page, 'portal-iframe', 'selfcheck:change');
    assert.equal(message.data.report.completeness.answered, 0, `the portal's iframe ${what}: the first report, unasked`);
    const reply = await waitMessage(page, 'portal-iframe', 'selfcheck:report');
    assert.equal(reply.data.report.completeness.answered, 0, `the portal's iframe ${what}: the request sent as the page opened is answered`);
    await s.expectNoCspViolations(what);
    await page.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Locked fields (issue 21)

/** Another association than the portal's (the credit code is valid under GB 32100-2015). */
const OTHER = { ...PROFILE, name: '广东省另一行业协会', credit_code: '51440000500000007H' };

/** A result of OTHER with every criterion answered, signed by `selfcheck sign` with a throwaway OpenSSL key. */
function otherAssociationResult(t) {
  const dir = tempDir(t);
  const answers = writeTemp(dir, 'answers.json', answersDocument(plannedAnswers(), OTHER));
  const key = new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url).pathname;
  const out = `${dir}/result.json`;
  cliExpect(0, ['sign', answers, '--key', key, '--out', out], { env: { SELFCHECK_PASSPHRASE: 'selfcheck fuzzing passphrase' } });
  return readFileSync(out);
}

widgetTest('locked name and credit code stay the site\'s: another association\'s result cannot be continued from (said next to the button, in either language) but is compared; its draft file is refused; a draft without them, 重新开始 and a reload keep the site\'s', async (s, t) => {
  const page = await openPortal(s);
  const widget = portalElement(page);
  const locked = { name: { value: PROFILE.name, readOnly: true }, credit_code: { value: PROFILE.credit_code, readOnly: true } };
  assert.deepEqual(await lockedInputs(widget), locked, 'the portal locks its name and credit code (this test relies on it)');
  await answer(widget, [{ id: 'A1', value: 'no' }]);
  await waitAnswered(widget, 1);

  // Another association's result: verified, compared, but the draft cannot continue from it.
  await widget.locator(sel.resultFile).setInputFiles(file('other.json', otherAssociationResult(t)));
  await attribute(widget, `${sel.importMessage}[role=status]`, 'data-state', 'ok');
  const refusal = widget.locator('[data-testid=import-refused]');
  await refusal.waitFor();
  const said = (await refusal.textContent()).trim();
  assert.match(said, /广东省另一行业协会/, `the reason names the other association: ${said}`);
  assert.match(said, /由本网站填写/, `the reason says the site fills in the fields: ${said}`);
  assert.equal(await widget.locator(sel.importContinue).isDisabled(), true, 'continuing from another association\'s result is refused');
  const describedBy = await widget.locator(sel.importContinue).getAttribute('aria-describedby');
  assert.equal(describedBy, await refusal.getAttribute('id'), 'the button is described by the reason beside it');
  await widget.locator(sel.importCompare).click();
  await widget.locator(sel.compare).waitFor();
  await widget.locator(sel.lang).click();
  await attribute(widget, sel.root, 'lang', 'en');
  const english = (await refusal.textContent()).trim();
  assert.match(english, /this site fills in/, `the reason in English: ${english}`);
  assert.doesNotMatch(english, /由本网站/, `no Chinese in the English reason: ${english}`);
  await widget.locator(sel.lang).click();
  await attribute(widget, sel.root, 'lang', 'zh-CN');
  assert.deepEqual(await lockedInputs(widget), locked, 'after importing another association\'s result');

  // Its draft file is refused; a draft file without a name and credit code loads under the site's.
  const otherDraft = answersDocument([{ id: 'B4', value: 'yes' }], OTHER);
  await widget.locator(sel.draftFile).setInputFiles(file('other-draft.json', JSON.stringify(otherDraft)));
  const draftNotice = widget.locator('[data-testid=notice][data-place=draft]');
  await attribute(widget, '[data-testid=notice][data-place=draft]', 'data-state', 'error');
  assert.match(await draftNotice.textContent(), /广东省另一行业协会/, 'the draft file is refused, naming its association');
  assert.deepEqual((await draftSnapshot(widget)).checked, ['A1:no'], 'the refused draft file changed no answer');
  const anonymous = answersDocument([{ id: 'B4', value: 'yes' }], { ...OTHER, name: '', credit_code: '' });
  await widget.locator(sel.draftFile).setInputFiles(file('anonymous-draft.json', JSON.stringify(anonymous)));
  await attribute(widget, '[data-testid=notice][data-place=draft]', 'data-state', 'ok');
  assert.deepEqual((await draftSnapshot(widget)).checked, ['B4:yes'], 'the draft file without a name and credit code is loaded');
  assert.deepEqual(await lockedInputs(widget), locked, 'after loading a draft file without a name and credit code');

  // Starting over, and a reload, keep the site's values.
  await widget.locator(sel.startOver).click();
  await widget.locator('button[data-action=confirm-start-over]').click();
  await waitAnswered(widget, 0);
  assert.deepEqual(await lockedInputs(widget), locked, 'after 重新开始');
  await page.reload();
  await ready(widget);
  assert.deepEqual(await lockedInputs(widget), locked, 'after a reload');

  // The portal's own association's result can be continued from.
  await widget.locator(sel.resultFile).setInputFiles(file('own.json', readFileSync(GOLDEN_RESULT)));
  await attribute(widget, `${sel.importMessage}[role=status]`, 'data-state', 'ok');
  assert.equal(await widget.locator('[data-testid=import-refused]').count(), 0, 'no refusal for the site\'s own association');
  await widget.locator(sel.importContinue).click();
  await widget.locator(sel.confirmImport).click();
  await waitAnswered(widget, criteria.length);
  assert.deepEqual(await lockedInputs(widget), locked, 'after continuing from the site\'s own result');
});

// ---------------------------------------------------------------------------------------------
// The standalone page's query parameters

widgetTest('the standalone page: ?namespace= keeps the draft under its own keys, ?storage=off keeps nothing, ?lang=en', async (s) => {
  const page = await s.open({ lang: 'en', query: { namespace: 'qp-test' } });
  await attribute(page, sel.root, 'lang', 'en');
  const marker = 'namespace-note-3c5d';
  await answer(page, { id: 'A1', value: 'yes' });
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(marker);
  await waitSaved(page, marker);
  const keys = Object.keys(await storageDump(page));
  assert.ok(keys.includes('selfcheck:qp-test:draft'), `the draft is under selfcheck:qp-test:draft: ${keys.join(', ')}`);
  assert.deepEqual(keys.filter((k) => k.startsWith('selfcheck:default:')), [], 'nothing under the default namespace');

  const off = await s.open({ query: { storage: 'off' } });
  await attribute(off, sel.storageStatus, 'data-state', 'off');
  const offMarker = 'storage-off-note-a7e2';
  await answer(off, { id: 'B1', checked: ['B1.1'] });
  await off.locator(`${sel.criterion('B1')} textarea[data-note]`).fill(offMarker);
  await waitAnswered(off, 1);
  await off.waitForTimeout(DEBOUNCE * 2);
  const dump = await storageDump(off);
  assert.deepEqual(Object.keys(dump).filter((k) => dump[k].includes(offMarker)), [], 'with storage=off nothing typed is stored');
  assert.deepEqual(Object.keys(dump).sort(), [...keys].sort(), 'with storage=off no storage key is added');
  await off.reload();
  await ready(off);
  assert.deepEqual((await draftSnapshot(off)).checked, [], 'with storage=off a reload starts blank');
});
