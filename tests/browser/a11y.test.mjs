// Accessibility: axe-core finds no WCAG 2.0/2.1 A or AA violation on the main views, in Chinese
// and in English.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  GOLDEN_RESULT,
  PASSPHRASE,
  PROFILE,
  SLOW,
  answer,
  attribute,
  expectAccessible,
  fillProfile,
  file,
  hidden,
  plannedAnswers,
  sel,
  until,
  visible,
  waitAnswered,
  widgetTest,
} from './helpers.mjs';

/** Runs axe in the current language, switches to the other one, and runs it again. */
async function inBothLanguages(page, view) {
  await attribute(page, sel.root, 'lang', 'zh-CN');
  await expectAccessible(page, `${view} (zh-CN)`);
  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'en');
  await expectAccessible(page, `${view} (en)`);
}

/** Some answers, a note, a veto (B4 = no) and a wrong credit code (an error message shown). */
async function answerSome(page) {
  const some = plannedAnswers().filter((a) => a.id.startsWith('A') || a.id.startsWith('B'));
  await answer(page, some);
  await page.locator(`${sel.criterion('B4')} textarea[data-note]`).fill('公开信息与档案不一致，正在更正。');
  await waitAnswered(page, some.length);
  await visible(page, 'ul[data-testid=vetoes] li');
}

widgetTest('axe: the questionnaire with answers, a veto and a field error', async (s) => {
  const page = await s.open();
  await answerSome(page);
  await page.locator('#selfcheck-profile-credit-code').fill('514400005000031283');
  await page.locator('#selfcheck-profile-name').focus();
  await attribute(page, '#selfcheck-profile-credit-code', 'aria-invalid', 'true');
  await inBothLanguages(page, 'the questionnaire with answers and a veto');
});

widgetTest('axe: the start-over dialog', async (s) => {
  const page = await s.open();
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  // The dialog is modal (the language button is behind it): switch the language with it closed.
  for (const [lang, next] of [['zh-CN', 'en'], ['en', null]]) {
    await attribute(page, sel.root, 'lang', lang);
    await page.locator(sel.startOver).click();
    await visible(page, '[role=dialog]');
    await expectAccessible(page, `the start-over confirmation (${lang})`);
    await page.locator('[role=dialog] button[data-action=cancel]').click();
    await hidden(page, '[role=dialog]');
    if (next) await page.locator(sel.lang).click();
  }
});

widgetTest('axe: the key and export panel with a key', async (s) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await until(page, 'a fingerprint is shown', (f) => (__selfcheckTest.$(f)?.textContent.trim() ?? '') !== '', sel.fingerprint, { timeout: SLOW });
  await page.locator(sel.exportButton).scrollIntoViewIfNeeded();
  await inBothLanguages(page, 'the key and export panel');
});

widgetTest('axe: the import comparison', async (s) => {
  const page = await s.open();
  await answer(page, [{ id: 'A1', value: 'no' }, { id: 'B4', value: 'no' }]);
  await page.locator(sel.resultFile).setInputFiles(file('result.json', readFileSync(GOLDEN_RESULT)));
  await attribute(page, sel.importMessage, 'data-state', 'ok');
  await page.locator(sel.importCompare).click();
  await visible(page, sel.compare);
  await inBothLanguages(page, 'the import comparison');
});

widgetTest('axe: the page 360 px wide', async (s) => {
  const page = await s.open({ viewport: { width: 360, height: 740 } });
  await answerSome(page);
  await inBothLanguages(page, 'the page at 360 px');
});

widgetTest('at 360 px the page does not scroll sideways (WCAG 1.4.10 reflow)', async (s) => {
  const page = await s.open({ viewport: { width: 360, height: 740 } });
  await answerSome(page);
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = __selfcheckTest.$$('.selfcheck *')
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('table, pre, svg'))
      .slice(0, 10)
      .map((el) => el.outerHTML.slice(0, 120));
    return { overflow: document.documentElement.scrollWidth - width, offenders };
  });
  assert.ok(wide.overflow <= 0, `the page is ${wide.overflow} px wider than 360 px; elements past the right edge: ${JSON.stringify(wide.offenders, null, 2)}`);
});
