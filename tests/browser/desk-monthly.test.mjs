// The desk's month's reports (本月报送): the progress and every problem an association sent with
// its result, each problem's handling set by the officer, kept across a reload, written into the
// review file (version 2) and exported as CSV with `selfcheck summary`'s words.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { desk, openDesk, settled } from './bureau-desk.mjs';
import { attribute, cliExpect, download, expectAccessible, tempDir, until, visible, widgetTest, writeTemp } from './helpers.mjs';

const SECOND_FORMAT = new URL('../data/golden/formats/result-2.json', import.meta.url);
const FIRST_FORMAT = new URL('../data/golden/result-complete.json', import.meta.url);
const NOTE = '已函复，请协会向市场监管部门反映。';

/** The handling the desk shows for problem `number`: its state's code and its note. */
async function handling(page, number) {
  const row = page.locator(`#desk-monthly tr[data-problem="${number}"]`);
  return { state: await row.getAttribute('data-state'), note: await row.locator('input[data-handling-note]').inputValue() };
}

widgetTest('desk: each problem reported gets a handling state and note, kept, in the review file and the CSV', async (session, t) => {
  const dir = tempDir(t);
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, [SECOND_FORMAT.pathname, FIRST_FORMAT.pathname]);
  await settled(page, 2);

  const report = await visible(page, '#desk-monthly article[data-credit-code="514400005000031282"]');
  const text = (await report.textContent()).replace(/\s+/g, ' ');
  for (const expected of ['活动进展：本月召开理事会', 'A 健全自律规约：自律公约修订稿已公开征求会员意见。', '部分会员对收费标准有异议']) {
    assert.ok(text.includes(expected), `the report shows ${expected}: ${text}`);
  }
  assert.match(await page.locator('[data-testid=monthly-count]').textContent(), /共 1 份报送，新情况、新问题 2 条/);
  assert.deepEqual(await handling(page, 2), { state: 'open', note: '' }, 'a problem nobody handled is open');

  await page.locator('#desk-monthly select[data-handling="2"]').selectOption('answered');
  await until(page, 'problem 2 answered', () => document.querySelector('#desk-monthly tr[data-problem="2"]')?.dataset.state === 'answered');
  await page.locator('#desk-monthly input[data-handling-note="2"]').fill(NOTE);
  await page.locator('#desk-monthly input[data-handling-note="2"]').press('Tab');
  await until(page, 'the note kept in the page\'s storage', (note) => Object.values(localStorage).join('').includes(note), NOTE);

  await page.reload();
  await settled(page, 2);
  await visible(page, '#desk-monthly tr[data-problem="2"]');
  assert.deepEqual(await handling(page, 2), { state: 'answered', note: NOTE }, 'the handling after a reload');

  // The review file is version 2 and `selfcheck summary` reads it; the problems' CSV says the same.
  const reviews = await download(page, () => page.locator(desk.exportReviews).click());
  const file = JSON.parse(reviews.text);
  assert.equal(file.format, 'selfcheck-review/2');
  assert.deepEqual(file.problems.map((entry) => [entry.problem, entry.state, entry.note]), [[2, 'answered', NOTE]]);
  const reviewFile = writeTemp(dir, 'reviews.json', reviews.content);
  const second = writeTemp(dir, 'second.json', readFileSync(SECOND_FORMAT));
  const summary = JSON.parse(cliExpect(0, ['summary', second, '--reviews', reviewFile, '--format', 'json']).stdout);
  assert.equal(summary.monthly[0].problems[1].title, '行业出现以协会名义招揽业务的情况');

  const csv = await download(page, () => page.locator('button[data-action=export-problems]').click());
  const lines = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  assert.match(lines[0], /序号.*标题.*请求协助.*处理状态.*处理说明/);
  assert.ok(lines.some((line) => line.includes('已答复') && line.includes(NOTE)), csv.text);

  await expectAccessible(page, 'the desk with a month\'s report (zh-CN)');
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  await visible(page, '#desk-monthly tr[data-problem="2"]');
  assert.equal(await page.locator('#desk-monthly select[data-handling="2"] option:checked').textContent(), 'answered');
  await expectAccessible(page, 'the desk with a month\'s report (en)');
});
