// The bureau's rectification notice in the widget: made by `selfcheck notice`, imported and
// verified, refused when it is another association's, signed with another key than the site
// publishes, changed, or not a notice at all; its items answered in the association's words, kept
// across a reload, and named with the notice's digest in the next signed result.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  GOLDEN_RESULT,
  PROFILE,
  SLOW,
  cliExpect,
  file,
  fillProfile,
  newKeyAndExport,
  sha256,
  tempDir,
  until,
  visible,
  waitSaved,
  widgetTest,
} from './helpers.mjs';

const BUREAU_KEY = new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url).pathname;
const BUREAU_PASSPHRASE = 'selfcheck fuzzing passphrase';

/** A notice made by the CLI with the bureau's test key: its path, bytes and the key's fingerprint. */
function makeNotice(dir, name, { code = PROFILE.credit_code, association = PROFILE.name } = {}) {
  const out = join(dir, name);
  const args = ['notice', '--key', BUREAU_KEY, '--credit-code', code, '--name', association, '--item', 'B2=财务管理制度未向会员公开。',
    '--item', 'C4', '--remark', '请按期整改。', '--deadline', '2099-12-31', '--out', out];
  cliExpect(0, args, { env: { SELFCHECK_PASSPHRASE: BUREAU_PASSPHRASE } });
  const verified = cliExpect(0, ['verify', out]).stdout;
  const fingerprint = /签发密钥 ([0-9A-F ]+)|signed with key ([0-9A-F ]+)/.exec(verified);
  return { path: out, bytes: readFileSync(out), fingerprint: (fingerprint[1] ?? fingerprint[2]).trim() };
}

/** Chooses `content` as the notice file and waits for the panel's message or the notice. */
async function importNotice(page, name, content) {
  await page.locator('input[data-notice-file]').setInputFiles(file(name, content));
}

async function noticeMessage(page) {
  const message = await visible(page, '[data-testid=notice-message]', { timeout: SLOW });
  return { state: await message.getAttribute('data-state'), text: (await message.textContent()).trim() };
}

widgetTest('a rectification notice is imported, answered item by item, kept, and named in the next result', async (s, t) => {
  const dir = tempDir(t);
  const notice = makeNotice(dir, '整改通知.json');
  const page = await s.open();
  await fillProfile(page, PROFILE);

  // Files that are not this association's notice are refused next to the control, and change nothing.
  const other = makeNotice(dir, 'other.json', { code: '51440000500000007H', association: '广东省另一行业协会' });
  await importNotice(page, 'other.json', other.bytes);
  assert.deepEqual(await noticeMessage(page), {
    state: 'error',
    text: '这份整改通知是下发给“广东省另一行业协会（51440000500000007H）”的，不是本协会的；未导入。关闭',
  });
  await importNotice(page, '结果.json', readFileSync(GOLDEN_RESULT));
  await until(page, 'the result named as such', () => __selfcheckTest.$('[data-testid=notice-message]')?.textContent.includes('这是签名的自查结果，不是整改通知。'), undefined, { timeout: SLOW });
  const changed = JSON.parse(notice.bytes.toString('utf8'));
  changed.credentialSubject.deadline = '2100-06-30';
  await importNotice(page, 'changed.json', JSON.stringify(changed, null, 2));
  await until(page, 'the changed notice refused', () => (__selfcheckTest.$('[data-testid=notice-message]')?.textContent ?? '').includes('签名不符'), undefined, {
    timeout: SLOW,
    describe: (p) => p.evaluate(() => ({ message: __selfcheckTest.$('[data-testid=notice-message]')?.textContent ?? null, notice: __selfcheckTest.$('[data-testid=rectification-notice]')?.outerHTML.slice(0, 300) ?? null })),
  });
  assert.equal(await page.locator('[data-testid=rectification-notice]').count(), 0, 'no notice shown');

  // The notice: its deadline, the key to check, each item with the bureau's remark.
  await importNotice(page, '整改通知.json', notice.bytes);
  const panel = await visible(page, '[data-testid=rectification-notice]', { timeout: SLOW });
  assert.equal(await panel.getAttribute('data-digest'), sha256(notice.bytes), 'named by the digest of its bytes');
  assert.match(await page.locator('[data-testid=notice-deadline]').textContent(), /^2099-12-31 · 还剩 \d+ 天$/);
  assert.match(await panel.textContent(), new RegExp(`请将签发密钥指纹与登记管理机关公布的指纹核对：${notice.fingerprint}`));
  assert.deepEqual(await page.locator('li[data-notice-item]').evaluateAll((items) => items.map((item) => item.dataset.noticeItem)), ['B2', 'C4']);
  assert.match(await page.locator('li[data-notice-item=B2]').textContent(), /意见：财务管理制度未向会员公开。/);
  // The criteria are marked in the questionnaire, and only they.
  assert.deepEqual(
    await page.locator('fieldset[data-criterion]:has([data-to-fix])').evaluateAll((cards) => cards.map((card) => card.dataset.criterion)),
    ['B2', 'C4'],
  );

  await page.locator('textarea[data-notice-reply=B2]').fill('已修订财务管理制度，并在网站公开。');
  // Its evidence, as a criterion's: a link (the scheme added and said), kept with the reply.
  await page.locator('#selfcheck-link-reply-B2').fill('www.example.org.cn/caiwu.html');
  await page.locator('li[data-notice-item=B2] button[data-action=add-link]').click();
  await visible(page, 'li[data-notice-item=B2] [data-evidence]');
  assert.match(await page.locator('li[data-notice-item=B2] [data-evidence]').textContent(), /https:\/\/www\.example\.org\.cn\/caiwu\.html/);
  await waitSaved(page, 'caiwu.html');
  await page.reload();
  await visible(page, '[data-testid=rectification-notice]', { timeout: SLOW });
  assert.equal(await page.locator('textarea[data-notice-reply=B2]').inputValue(), '已修订财务管理制度，并在网站公开。', 'kept across a reload');

  // Signed: the result names the notice and says what was done.
  const exported = await newKeyAndExport(page);
  const subject = JSON.parse(exported.content.toString('utf8')).credentialSubject;
  assert.equal(subject.format, 'selfcheck-result/2');
  assert.equal(subject.rectification.notice, sha256(notice.bytes));
  assert.deepEqual(Object.keys(subject.rectification.items), ['B2', 'C4']);
  assert.equal(subject.rectification.items.B2.note, '已修订财务管理制度，并在网站公开。');
  assert.deepEqual(subject.rectification.items.B2.evidence, [{ type: 'link', url: 'https://www.example.org.cn/caiwu.html' }]);
  writeFileSync(join(dir, 'result.json'), exported.content);
  cliExpect(0, ['verify', join(dir, 'result.json')]);

  // Removed: the reply goes with it.
  await page.locator('button[data-action=remove-notice]').click();
  await until(page, 'the notice removed', () => __selfcheckTest.$('[data-testid=rectification-notice]') === null);
  await until(page, 'the marks gone', () => __selfcheckTest.$$('[data-to-fix]').length === 0);
});

widgetTest('a notice signed with another key than the site publishes is refused', async (s, t) => {
  const dir = tempDir(t);
  const notice = makeNotice(dir, '整改通知.json');
  const page = await s.open({ query: { 'bureau-fingerprint': '0000 0000 0000 0000 0000 0000 0000 0000' } });
  await fillProfile(page, PROFILE);
  await importNotice(page, '整改通知.json', notice.bytes);
  const message = await noticeMessage(page);
  assert.equal(message.state, 'error');
  assert.match(message.text, new RegExp(`签发密钥（指纹 ${notice.fingerprint}）不是本网站公布的登记管理机关密钥`));

  const trusting = await s.open({ query: { 'bureau-fingerprint': notice.fingerprint, namespace: 'trusting' } });
  await fillProfile(trusting, PROFILE);
  await importNotice(trusting, '整改通知.json', notice.bytes);
  const panel = await visible(trusting, '[data-testid=rectification-notice]', { timeout: SLOW });
  assert.match(await panel.textContent(), /签发密钥与本网站公布的登记管理机关密钥一致/);
});
