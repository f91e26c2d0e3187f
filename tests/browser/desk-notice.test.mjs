// The desk's rectification notices (整改通知): issued for one association from its view (the
// criteria pre-filled from its latest result, remarks, a deadline, the bureau's key), downloaded
// as a signed file the command line verifies, followed in the association's view and the matrix
// with the state `selfcheck summary --notice` gives, kept across a reload; a file of another
// kind loaded as a notice is named for what it is, next to the control.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { desk, openDesk, settled } from './bureau-desk.mjs';
import { attribute, cliExpect, download, expectAccessible, file, tempDir, until, visible, widgetTest, writeTemp } from './helpers.mjs';

const RESULT = new URL('../data/golden/result-complete.json', import.meta.url);
const KEY = new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url);
const PASSPHRASE = 'selfcheck fuzzing passphrase';
const CODE = '514400005000031282';

/** The message under the notice form, once it says something matching `pattern`. */
async function noticeMessage(page, pattern) {
  await until(page, `the notice form says ${pattern}`, (source) => new RegExp(source).test(document.querySelector('[data-testid=notice-message]')?.textContent ?? ''), pattern.source);
  return page.locator('[data-testid=notice-message]').textContent();
}

widgetTest('desk: a rectification notice is issued from an association\'s view, verified by the CLI, and followed', async (session, t) => {
  const dir = tempDir(t);
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, [RESULT.pathname]);
  await settled(page, 1);
  await page.locator(`button[data-open="${CODE}"]`).first().click();
  const panel = await visible(page, '[data-testid=notices]');
  assert.match(await panel.textContent(), /尚未向该协会下发整改通知/);

  // Pre-filled from the latest result's rectification list: what is below full points.
  await until(page, 'the criteria pre-filled', () => document.querySelectorAll('input[data-input=notice-item]:checked').length > 0);
  const prefilled = await page.locator('input[data-input=notice-item]:checked').evaluateAll((boxes) => boxes.map((box) => box.value));
  // The officer keeps three: unchecks the rest, checks what is missing.
  const chosen = ['A1', 'B2', 'E6'];
  for (const id of prefilled.filter((id) => !chosen.includes(id))) await page.locator(`#desk-notice-item-${id}`).uncheck();
  for (const id of chosen) await page.locator(`#desk-notice-item-${id}`).check();
  await page.locator('li[data-notice-item=B2] input[data-input=notice-item-remark]').fill('补充理事会会议纪要');
  await page.locator('textarea[data-input=notice-remark]').fill('请于期限内整改，并随月度自查结果报送整改情况。');

  // Without a key: said next to the button, nothing signed.
  await page.locator('button[data-action=issue-notice]').click();
  assert.match(await noticeMessage(page, /密钥文件/), /请选择本单位密钥文件/);
  await page.setInputFiles('input[data-input=notice-key]', KEY.pathname);
  await page.locator('input[data-input=notice-passphrase]').fill('not the passphrase');
  await page.locator('button[data-action=issue-notice]').click();
  assert.match(await noticeMessage(page, /口令/), /口令/);

  await page.locator('input[data-input=notice-passphrase]').fill(PASSPHRASE);
  const issued = await download(page, () => page.locator('button[data-action=issue-notice]').click());
  assert.match(issued.name, new RegExp(`^整改通知-${CODE}-\\d{8}\\.json$`));
  assert.match(await noticeMessage(page, /已签名/), /整改通知已签名并下载/);
  const row = await visible(page, '[data-testid=notice-list] tr[data-state]');
  assert.equal(await row.getAttribute('data-state'), 'in-progress', 'nothing received since: in progress');
  const rowText = (await row.textContent()).replace(/\s+/g, ' ');
  for (const expected of ['还剩 30 天', 'B2', '补充理事会会议纪要', '整改中']) assert.ok(rowText.includes(expected), `${expected} in ${rowText}`);
  assert.equal(await row.locator('[data-testid=notice-open]').textContent(), chosen.join('、'));
  assert.match(await page.locator(`#desk-matrix tr[data-credit-code="${CODE}"] [data-testid=matrix-notice]`).textContent(), /整改通知：整改中（期限 \d{4}-\d{2}-\d{2}）/);

  // The file is a notice the command line verifies, and `summary --notice` says the same.
  const notice = JSON.parse(issued.text);
  assert.deepEqual(notice.credentialSubject.items.map((item) => item.criterion), chosen, 'in the catalogue\'s order');
  const noticePath = writeTemp(dir, issued.name, issued.content);
  cliExpect(0, ['verify', noticePath]);
  const resultPath = writeTemp(dir, 'result.json', readFileSync(RESULT));
  const summary = JSON.parse(cliExpect(0, ['summary', resultPath, '--notice', noticePath, '--format', 'json']).stdout);
  assert.deepEqual(summary.notices.map((entry) => [entry.state, entry.open, entry.deadline]), [['in-progress', chosen, notice.credentialSubject.deadline]]);

  // Kept: after a reload the desk follows it still.
  await page.reload();
  await settled(page, 1);
  await visible(page, `#desk-matrix tr[data-credit-code="${CODE}"] [data-testid=matrix-notice][data-state=in-progress]`);

  // A result given as a notice is named for what it is, next to the control; nothing is added.
  await page.locator(`button[data-open="${CODE}"]`).first().click();
  await visible(page, '[data-testid=notices]');
  await page.setInputFiles('input[data-input=notice-file]', [file('result.json', readFileSync(RESULT))]);
  assert.match(await noticeMessage(page, /自查结果/), /自查结果/);
  assert.equal(await page.locator('[data-testid=notice-list] tr[data-state]').count(), 1);
  // Loading the issued notice again keeps one.
  await page.setInputFiles('input[data-input=notice-file]', [file(issued.name, issued.content)]);
  assert.match(await noticeMessage(page, /已载入/), new RegExp(`已载入下发给.*（${CODE}）的整改通知`));
  assert.equal(await page.locator('[data-testid=notice-list] tr[data-state]').count(), 1);

  await expectAccessible(page, 'the desk with a notice issued (zh-CN)');
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  assert.match(await page.locator('[data-testid=notice-list] tr[data-state]').textContent(), /in progress/);
  assert.match(await page.locator('[data-testid=notice-message]').textContent(), /^Loaded the notice to .* \(514400005000031282\)/, 'the message in the language shown');
  await expectAccessible(page, 'the desk with a notice issued (en)');
});
