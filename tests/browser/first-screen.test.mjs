// The first screen, pre-rendered at build time and shown before the WebAssembly arrives: its plain
// controls can be answered and typed in, and whatever was done there is carried into the draft
// when the widget takes over (never lost, never reset, never twice); a stored draft is restored
// under it; it is accessible, and no moment shows it twice or not at all.

import assert from 'node:assert/strict';

import {
  PROFILE_FIELDS,
  answer,
  answersDocument,
  draftSnapshot,
  expectAccessible,
  expectedChecked,
  fillProfile,
  firstScreen,
  pageUrl,
  ready,
  results,
  scoreWithCli,
  sel,
  storedWith,
  waitAnswered,
  waitSaved,
  Widget,
  widgetTest,
} from './helpers.mjs';

/** How long the WebAssembly is held back: the person acts on the first screen meanwhile. */
const HELD_MS = 3000;

/**
 * Opens a page with the widget's WebAssembly (the files `held` matches) held back until
 * `release()` is called (or `HELD_MS` after the page asked for it).
 */
async function openHeld(session, path = '', query = {}, held = /_bg\.wasm$/) {
  const page = await session.context.newPage();
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(held, async (route) => {
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, HELD_MS))]);
    await route.continue();
  });
  await page.goto(pageUrl(path, query));
  return { page, release };
}

/** Whether the widget is still showing the first screen (it has not taken over yet). */
async function stillFirstScreen(page, host = '#selfcheck') {
  return page.evaluate((host) => Boolean(__selfcheckTest.$('.selfcheck[data-first-screen]', host)), host);
}

/** The stored draft of a namespace, as the widget keeps it. */
async function storedDraft(page, namespace = 'default') {
  const envelope = await page.evaluate((key) => localStorage.getItem(key), `selfcheck:${namespace}:draft`);
  assert.ok(envelope, `a draft is stored under selfcheck:${namespace}:draft`);
  return JSON.parse(envelope).draft;
}

const EARLY = [
  { id: 'A1', value: 'yes' },
  { id: 'A2', value: 'no' },
  { id: 'A4', checked: ['A4.1', 'A4.3'] },
];
const NAME = '广东省先期作答行业协会';

widgetTest('what is answered and typed on the first screen before the WebAssembly arrives is in the draft, the score and the stored draft', async (s, t) => {
  const { page } = await openHeld(s);
  await firstScreen(page);
  await answer(page, EARLY);
  await page.locator(PROFILE_FIELDS.name).fill(NAME);
  assert.ok(await stillFirstScreen(page), `the answers were given on the first screen, before the widget took over (held ${HELD_MS} ms)`);
  assert.equal(await page.locator('[data-testid=answered]').textContent(), '0', 'the first screen does not score: the widget does');

  await ready(page);
  await waitAnswered(page, EARLY.length);
  const shown = await draftSnapshot(page);
  assert.deepEqual(shown.checked, expectedChecked(EARLY), 'the widget shows the answers given on the first screen');
  assert.equal(shown.profile.name, NAME, 'and the name typed there');
  const expected = scoreWithCli(t, answersDocument(EARLY));
  const report = await results(page);
  assert.deepEqual([report.total, report.score, report.answered], [expected.total, expected.score, EARLY.length], 'the score counts them');

  await waitSaved(page, NAME);
  const draft = await storedDraft(page);
  assert.deepEqual(
    expectedChecked(draft.answers),
    expectedChecked(EARLY),
    'the stored draft holds each answer once',
  );
  assert.equal(draft.profile.name, NAME);
  const twice = await page.evaluate(() => ({
    roots: __selfcheckTest.$$('.selfcheck').length,
    a1: __selfcheckTest.$$('fieldset[data-criterion="A1"]').length,
    names: __selfcheckTest.$$('#selfcheck-profile-name').length,
  }));
  assert.deepEqual(twice, { roots: 1, a1: 1, names: 1 }, 'the first screen is gone: nothing is there twice');
});

widgetTest('a stored draft is restored under what was done on the first screen: the person’s changes win where they touched, the stored draft everywhere else', async (s) => {
  const before = await s.open();
  await answer(before, [{ id: 'A3', value: 'no' }, { id: 'E6', value: 'yes' }]);
  await fillProfile(before, { person: '陈晓明' });
  await waitSaved(before, '陈晓明');
  await before.close();

  const { page } = await openHeld(s);
  await firstScreen(page);
  // The first screen is the empty one: the stored draft comes with the widget.
  assert.equal(await page.locator(`${sel.criterion('A3')} input[value=no]`).isChecked(), false);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'A3', value: 'yes' }]);
  await page.locator(PROFILE_FIELDS.name).fill(NAME);
  assert.ok(await stillFirstScreen(page));

  await ready(page);
  await waitAnswered(page, 3);
  const shown = await draftSnapshot(page);
  assert.deepEqual(shown.checked, expectedChecked([{ id: 'A1', value: 'yes' }, { id: 'A3', value: 'yes' }, { id: 'E6', value: 'yes' }]));
  assert.equal(shown.profile.name, NAME, 'the name typed on the first screen');
  assert.equal(shown.profile.person, '陈晓明', 'the contact kept in the stored draft');
  await waitSaved(page, NAME);
  const draft = await storedDraft(page);
  assert.deepEqual(draft.answers.A3, { value: 'yes' }, 'the later answer replaced the stored one');
  assert.deepEqual(draft.answers.E6, { value: 'yes' }, 'the stored answer the person did not touch is kept');
  assert.equal(draft.profile.contact.person, '陈晓明');
  assert.equal(draft.profile.name, NAME);
});

widgetTest('the first screen is accessible, and no frame of the take-over shows the questionnaire twice or not at all', async (s) => {
  const { page, release } = await openHeld(s);
  await firstScreen(page);
  await expectAccessible(page, 'the first screen, before the WebAssembly');
  // Every frame from here to the take-over: how many questionnaires a person (or a screen reader:
  // a hidden tree is not in the accessibility tree) could find.
  await page.evaluate(() => {
    const seen = (window.__frames = []);
    const sample = () => {
      const roots = __selfcheckTest.$$('.selfcheck').filter((root) => !root.closest('[hidden]'));
      seen.push(roots.length);
      if (!roots.some((root) => !root.hasAttribute('data-first-screen'))) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  release();
  await ready(page);
  const frames = await page.evaluate(() => window.__frames);
  assert.ok(frames.length > 0);
  assert.deepEqual([...new Set(frames)], [1], `every frame shows exactly one questionnaire (frames: ${frames.join(',')})`);
  await expectAccessible(page, 'the widget after the take-over');
});

widgetTest('the custom element shows its first screen with the host’s fixed name and credit code, and carries what was typed', async (s) => {
  // The wasm's glue held back too: the element's first screen must not wait for it.
  const { page } = await openHeld(s, 'portal.html', {}, /(_bg\.wasm|selfcheck_web\.js)$/);
  const element = page.locator('#portal-widget');
  await element.locator('.selfcheck[data-first-screen] fieldset[data-criterion]').first().waitFor();
  const name = element.locator(PROFILE_FIELDS.name);
  assert.equal(await name.inputValue(), '广东省示例行业协会', 'the host’s name, at once');
  assert.equal(await name.getAttribute('readonly'), 'readonly', 'read-only, as the widget shows it');
  await element.locator(PROFILE_FIELDS.person).fill('李四');
  await element.locator(`${sel.criterion('A1')} input[value=no]`).check();
  assert.ok(await stillFirstScreen(page, '#portal-widget'));
  await element.locator('.selfcheck:not([data-first-screen]) fieldset[data-criterion]').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => __selfcheckTest.$('[data-testid=answered]', '#portal-widget')?.textContent.trim() === '1');
  assert.equal(await element.locator(PROFILE_FIELDS.person).inputValue(), '李四');
  assert.equal(await element.locator(PROFILE_FIELDS.name).inputValue(), '广东省示例行业协会');
  assert.ok(await element.locator(`${sel.criterion('A1')} input[value=no]`).isChecked());
  await waitSaved(new Widget(page, { host: '#portal-widget' }), '李四');
  assert.ok(Object.keys(await storedWith(page, '李四')).some((key) => key.startsWith('selfcheck:portal:')), 'under the element’s namespace');
});
