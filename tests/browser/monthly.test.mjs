// This month's report to the bureau (本月报送): progress and new problems, kept with the draft,
// named before signing when a problem lacks its title, signed into the result (format 2) that
// `selfcheck verify` accepts, and printed with the summary.

import assert from 'node:assert/strict';

import {
  PROFILE,
  answer,
  cliExpect,
  file,
  fillProfile,
  newKeyAndExport,
  sha256,
  tempDir,
  until,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
  writeTemp,
} from './helpers.mjs';

const PROGRESS = '本月召开理事会，审议通过自律公约修订稿。';

/** The id of the focused element inside the widget. */
function focusedId(page) {
  return page.evaluate(() => __selfcheckTest.active()?.id ?? null);
}

widgetTest('this month\'s report is kept with the draft, named before signing, signed and printed', async (s, t) => {
  const dir = tempDir(t);
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  await waitAnswered(page, 1);

  await page.locator('#selfcheck-monthly-progress').fill(PROGRESS);
  await page.locator('.selfcheck-monthly-areas summary').click();
  await page.locator('#selfcheck-monthly-area-C').fill('建立会员信用档案 126 份。');

  // Adding a problem puts the focus in its title; a problem without a title is named at the export.
  await page.locator('button[data-action=add-problem]').click();
  await until(page, 'the focus in the new problem\'s title', () => __selfcheckTest.active()?.id === 'selfcheck-problem-0-title');
  await page.keyboard.type('部分会员对收费标准有异议');
  await page.locator('#selfcheck-problem-0-description').fill('已组织座谈，拟提请会员代表大会审议。');
  await page.locator('button[data-action=add-problem]').click();
  await until(page, 'the focus in the second problem\'s title', () => __selfcheckTest.active()?.id === 'selfcheck-problem-1-title');
  const needsTitle = page.locator('#selfcheck-key .selfcheck-field-message', { hasText: '新情况、新问题' });
  await visible(page, '#selfcheck-key .selfcheck-field-message');
  assert.match(await needsTitle.textContent(), /签名前请为新情况、新问题填写标题：第 2 条/);
  assert.equal((await page.locator('#selfcheck-problem-1-title-message').textContent()).trim(), '签名前须填写标题。');

  // Removing a problem moves the focus to the button that adds one.
  await page.locator('li[data-problem="2"] button[data-action=remove-problem]').click();
  await until(page, 'the focus on the add button', () => __selfcheckTest.active()?.id === 'selfcheck-add-problem');
  await page.locator('button[data-action=add-problem]').click();
  await until(page, 'the focus in the new second title', () => __selfcheckTest.active()?.id === 'selfcheck-problem-1-title');
  await page.keyboard.type('有机构冒用协会名义办班收费');
  await page.locator('li[data-problem="2"] input[data-problem-field=help]').check();
  // A problem's evidence, as a criterion's: a file, named by its SHA-256 (its bytes stay here).
  const minutes = Buffer.from('座谈会纪要（示例）');
  await page.locator('#selfcheck-file-problem-0').setInputFiles(file('座谈纪要.pdf', minutes, 'application/pdf'));
  await visible(page, 'li[data-problem="1"] [data-evidence]');
  assert.equal(await page.locator('li[data-problem="1"] [data-evidence]').getAttribute('data-sha256'), sha256(minutes));
  await waitSaved(page, sha256(minutes));

  // A reload restores all of it from the draft.
  await page.reload();
  await visible(page, '#selfcheck-monthly-progress');
  assert.equal(await page.locator('#selfcheck-monthly-progress').inputValue(), PROGRESS);
  assert.equal(await page.locator('#selfcheck-monthly-area-C').inputValue(), '建立会员信用档案 126 份。');
  assert.equal(await page.locator('#selfcheck-problem-1-title').inputValue(), '有机构冒用协会名义办班收费');
  assert.ok(await page.locator('li[data-problem="2"] input[data-problem-field=help]').isChecked(), 'the help asked survives');
  assert.equal(await page.locator('li[data-problem="1"] [data-evidence]').getAttribute('data-sha256'), sha256(minutes), 'and the evidence');
  assert.notEqual(await focusedId(page), 'selfcheck-problem-1-title', 'a restored draft moves no focus');

  // Signed: the result is format 2, carries the report, and verifies with the CLI.
  const exported = await newKeyAndExport(page);
  const result = JSON.parse(exported.content.toString('utf8'));
  const subject = result.credentialSubject;
  assert.equal(subject.format, 'selfcheck-result/2');
  assert.equal(subject.monthly.progress, PROGRESS);
  assert.deepEqual(subject.monthly.areas, { C: '建立会员信用档案 126 份。' });
  assert.deepEqual(
    subject.monthly.problems.map((problem) => [problem.title, problem.help_requested]),
    [['部分会员对收费标准有异议', false], ['有机构冒用协会名义办班收费', true]],
  );
  assert.deepEqual(subject.monthly.problems[0].evidence, [{ type: 'file', name: '座谈纪要.pdf', size: minutes.length, sha256: sha256(minutes) }]);
  cliExpect(0, ['verify', writeTemp(dir, exported.name, exported.content)]);

  // Printed with the summary.
  await page.emulateMedia({ media: 'print' });
  const printed = await visible(page, '#selfcheck-print [data-testid=print-monthly]');
  const text = (await printed.textContent()).replace(/\s+/g, ' ');
  for (const expected of ['本月报送', PROGRESS, '建立会员信用档案 126 份。', '部分会员对收费标准有异议', '有机构冒用协会名义办班收费 · 请求协助']) {
    assert.ok(text.includes(expected), `the printed month's report says ${expected}: ${text}`);
  }
  await page.emulateMedia({ media: 'screen' });
});
