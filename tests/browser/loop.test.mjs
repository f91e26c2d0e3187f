// The campaign's loop between an association and the bureau, across both pages (issue 26): the
// association reports the month's progress and two problems; the bureau loads the month, answers
// one problem and issues a rectification notice for three criteria with a deadline; the
// association imports it, fixes two and exports before the deadline; the desk shows the notice
// in progress with the third open, and overdue once the deadline has passed; `selfcheck summary`
// says the same of the same files.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { desk, openDesk, settled } from './bureau-desk.mjs';
import {
  PASSPHRASE,
  answer,
  cliExpect,
  download,
  exportResult,
  file,
  newKeyAndExport,
  sel,
  sha256,
  tempDir,
  until,
  visible,
  waitSaved,
  widgetTest,
  writeTemp,
} from './helpers.mjs';

const DRAFT = new URL('../data/golden/answers-complete.json', import.meta.url);
const BUREAU_KEY = new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url);
const BUREAU_PASSPHRASE = 'selfcheck fuzzing passphrase';
const CODE = '514400005000031282';
// In the golden answers A3 and B5 are "no" and A9 "partly": the notice asks for all three.
const ITEMS = ['A3', 'A9', 'B5'];
const DAY = 86_400_000;

/** The desk's notice row of the association: its state and the items still open. */
async function deskNotice(page) {
  const row = page.locator('[data-testid=notice-list] tr[data-state]');
  return { state: await row.getAttribute('data-state'), open: (await row.locator('[data-testid=notice-open]').textContent()).trim() };
}

widgetTest('the loop: month\'s report, problem answered, notice issued, rectified in part, followed to overdue', async (session, t) => {
  const dir = tempDir(t);

  // The association: its draft, the month's progress and two problems, signed.
  const widget = await session.open();
  await widget.locator(sel.draftFile).setInputFiles(file('草稿.json', readFileSync(DRAFT)));
  await visible(widget, '[data-testid=notice][data-place=draft][data-state=ok]');
  await widget.locator('#selfcheck-monthly-progress').fill('本月召开理事会，部署自律与诚信创建活动。');
  for (const [index, title] of ['部分会员对收费标准有异议', '有机构冒用协会名义办班收费'].entries()) {
    await widget.locator('button[data-action=add-problem]').click();
    await until(widget, `problem ${index + 1}'s title focused`, (id) => __selfcheckTest.active()?.id === id, `selfcheck-problem-${index}-title`);
    await widget.keyboard.type(title);
  }
  await waitSaved(widget, '有机构冒用协会名义办班收费');
  const first = await newKeyAndExport(widget);
  const firstPath = writeTemp(dir, 'first.json', first.content);

  // The bureau: the month, one problem answered, a notice for three criteria.
  const bureau = await session.newSession();
  const page = await openDesk(bureau);
  await page.setInputFiles(desk.files, [firstPath]);
  await settled(page, 1);
  await page.locator('#desk-monthly select[data-handling="1"]').selectOption('answered');
  await until(page, 'problem 1 answered', () => document.querySelector('#desk-monthly tr[data-problem="1"]')?.dataset.state === 'answered');
  await page.locator(`button[data-open="${CODE}"]`).first().click();
  await visible(page, '[data-testid=notices]');
  await until(page, 'the criteria pre-filled', () => document.querySelectorAll('input[data-input=notice-item]:checked').length > 0);
  for (const id of await page.locator('input[data-input=notice-item]:checked').evaluateAll((boxes) => boxes.map((box) => box.value))) {
    if (!ITEMS.includes(id)) await page.locator(`#desk-notice-item-${id}`).uncheck();
  }
  for (const id of ITEMS) await page.locator(`#desk-notice-item-${id}`).check();
  const deadline = await page.locator('input[data-input=notice-deadline]').inputValue();
  await page.setInputFiles('input[data-input=notice-key]', BUREAU_KEY.pathname);
  await page.locator('input[data-input=notice-passphrase]').fill(BUREAU_PASSPHRASE);
  const notice = await download(page, () => page.locator('button[data-action=issue-notice]').click());
  const noticePath = writeTemp(dir, notice.name, notice.content);
  await visible(page, '[data-testid=notice-list] tr[data-state]');
  assert.deepEqual(await deskNotice(page), { state: 'in-progress', open: ITEMS.join('、') });

  // The association: imports the notice, fixes two of the three, says what it did, signs.
  await widget.locator('input[data-notice-file]').setInputFiles(file(notice.name, notice.content));
  await visible(widget, '[data-testid=rectification-notice]');
  assert.deepEqual(await widget.locator('li[data-notice-item]').evaluateAll((items) => items.map((item) => item.dataset.noticeItem)), ITEMS);
  await answer(widget, [{ id: 'A3', value: 'yes' }, { id: 'B5', value: 'yes' }]);
  await widget.locator('textarea[data-notice-reply=A3]').fill('已制定质量规范并公开。');
  await waitSaved(widget, '已制定质量规范并公开。');
  await widget.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  const second = await exportResult(widget);
  const subject = JSON.parse(second.text).credentialSubject;
  assert.equal(subject.rectification.notice, sha256(notice.content), 'the result names the notice');
  const secondPath = writeTemp(dir, 'second.json', second.content);

  // The bureau: in progress, A9 still open; the CLI says the same of the same files.
  await page.setInputFiles(desk.files, [secondPath]);
  await settled(page, 2);
  await until(page, 'the notice judged by the second result', () => document.querySelector('[data-testid=notice-open]')?.textContent.trim() === 'A9');
  assert.deepEqual(await deskNotice(page), { state: 'in-progress', open: 'A9' });
  const reviews = await download(page, () => page.locator(desk.exportReviews).click());
  const reviewsPath = writeTemp(dir, 'reviews.json', reviews.content);
  const cli = () => JSON.parse(cliExpect(0, ['summary', firstPath, secondPath, '--notice', noticePath, '--reviews', reviewsPath, '--format', 'json']).stdout);
  assert.deepEqual(cli().notices.map((entry) => [entry.state, entry.open, entry.deadline]), [['in-progress', ['A9'], deadline]]);
  assert.deepEqual(JSON.parse(reviews.text).problems.map((entry) => [entry.problem, entry.state]), [[1, 'answered']]);

  // Signed, the year's summary carries where the notice stands, and `selfcheck verify` computes
  // it again from the same files: the results, the notice and the review file.
  await page.locator('button[data-action=make-year]').click();
  await visible(page, '[data-testid=year-report]');
  await until(page, 'the year offered for signing', () => document.querySelector('select[data-input=summary-kind] option[value=year]') !== null);
  await page.setInputFiles('input[data-input=bureau-key]', BUREAU_KEY.pathname);
  await page.locator('input[data-input=bureau-passphrase]').fill(BUREAU_PASSPHRASE);
  await page.locator('select[data-input=summary-kind]').selectOption('year');
  await until(page, 'the key file read', () => !document.querySelector('button[data-action=sign-summary]').disabled);
  const signed = await download(page, () => page.locator('button[data-action=sign-summary]').click());
  assert.match(signed.name, /^selfcheck-signed-year-\d{4}-\d{4}-\d{2}-\d{2}\.json$/);
  const summary = JSON.parse(signed.text).credentialSubject;
  assert.equal(summary.kind, 'year');
  assert.deepEqual(summary.notices.map((entry) => [entry.state, entry.open]), [['in-progress', ['A9']]]);
  assert.deepEqual(summary.inputs.filter((input) => input.role === 'notice').map((input) => input.sha256), [sha256(notice.content)]);
  const verified = cliExpect(0, ['verify', writeTemp(dir, 'signed-year.json', signed.content), '--inputs', dir]);
  assert.match(verified.stdout, /阶段性总结.*用所列文件重新计算，结果与汇总一致/);

  // Past the deadline (the page's clock moved on): overdue, A9 still open.
  await page.addInitScript((offset) => {
    const real = Date.now;
    Date.now = () => real() + offset;
  }, 40 * DAY);
  await page.reload();
  await settled(page, 2);
  await page.locator(`button[data-open="${CODE}"]`).first().click();
  await until(page, 'the notice overdue', () => document.querySelector('[data-testid=notice-list] tr[data-state]')?.dataset.state === 'overdue');
  assert.deepEqual(await deskNotice(page), { state: 'overdue', open: 'A9' });
  assert.match(await page.locator(`#desk-matrix tr[data-credit-code="${CODE}"] [data-testid=matrix-notice]`).textContent(), /逾期未整改/);

  // The officer accepts A9 as it stands: the second result, signed by the deadline with the rest
  // fixed, rectified the notice. Kept in the review file, which `summary` reads the same way.
  await page.locator('[data-testid=notice-list] li[data-item=A9] input[data-accept=A9]').check();
  await until(page, 'the notice rectified', () => document.querySelector('[data-testid=notice-list] tr[data-state]')?.dataset.state === 'rectified');
  assert.deepEqual(await deskNotice(page), { state: 'rectified', open: '—' });
  const accepted = await download(page, () => page.locator(desk.exportReviews).click());
  assert.deepEqual(JSON.parse(accepted.text).accepted.map((entry) => [entry.notice, entry.criterion]), [[sha256(notice.content), 'A9']]);
  const rectified = JSON.parse(cliExpect(0, ['summary', firstPath, secondPath, '--notice', noticePath, '--reviews', writeTemp(dir, 'accepted.json', accepted.content), '--format', 'json']).stdout);
  assert.deepEqual(rectified.notices.map((entry) => [entry.state, entry.accepted]), [['rectified', ['A9']]]);

  // The year's summary lists all of it: the month, the problem answered, the notice's outcome.
  await page.locator('button[data-action=make-year]').click();
  const report = await visible(page, '[data-testid=year-report]');
  // A part's rows, each as its cells joined by `|`.
  const part = (id) => report.locator(`[data-year-table=${id}] tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join('|')).join('\n'));
  const month = JSON.parse(first.text).credentialSubject.profile.period.to.slice(0, 7);
  assert.match(await part('participation'), new RegExp(`^${month}\\|1\\|1\\|`, 'm'), 'the month: one expected, one reported');
  assert.match(await part('year-problems'), /^已答复\|1$/m);
  assert.match(await part('year-problems'), /^合计\|2$/m);
  assert.match(await part('year-notices'), /^已整改\|1$/m);
  const workbook = await download(page, () => page.locator('button[data-action=export-year]').click());
  assert.match(workbook.name, /^selfcheck-year-\d{4}\.xlsx$/);
  assert.equal(workbook.content.subarray(0, 2).toString(), 'PK');
  await page.evaluate(() => { window.print = () => {}; });
  await page.locator('button[data-action=print-year]').click();
  await page.emulateMedia({ media: 'print' });
  await until(page, 'the year\'s summary printed alone', () => document.querySelector('.desk-year-printing') !== null);
  assert.equal(await page.locator('#desk-ranking').isVisible(), false, 'the review\'s report is not printed with it');
  assert.equal(await page.locator('[data-testid=year-report]').isVisible(), true);
});
