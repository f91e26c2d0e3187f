// The input classes of the hardening round (issue 12) in the widget: a byte-order mark is accepted
// wherever a file is read, a GBK file is named as such, and a validly signed result that the
// core's deeper checks refuse (not yet valid, a name with control characters, an invisible name)
// is refused on import with the reason in the interface's language, the draft untouched.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { GOLDEN_RESULT, SLOW, attribute, draftSnapshot, file, hidden, sel, visible, widgetTest } from './helpers.mjs';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const hostile = (name) => readFileSync(new URL(`../data/hostile/${name}`, import.meta.url));

/** The import message's text once it reports `state` (`ok` or `error`). */
async function importMessage(page, name, content, state) {
  await page.locator(sel.resultFile).setInputFiles(file(name, content));
  await attribute(page, sel.importMessage, 'data-state', state);
  return (await page.locator(sel.importMessage).textContent()).trim();
}

for (const lang of ['zh', 'en']) {
  widgetTest(`${lang}: imported results: a BOM is accepted; not yet valid, control characters and an invisible name are refused, saying why`, async (s) => {
    const page = await s.open({ lang });
    const before = await draftSnapshot(page);
    const golden = readFileSync(GOLDEN_RESULT);

    await importMessage(page, 'with-bom.json', Buffer.concat([BOM, golden]), 'ok');
    await visible(page, sel.importContinue);

    const refused = [
      ['result-not-yet-valid.json', lang === 'zh' ? '尚未生效' : 'not valid yet'],
      ['result-name-with-escape.json', lang === 'zh' ? '控制字符' : 'control character'],
      ['result-name-invisible.json', lang === 'zh' ? '不可见字符' : 'invisible characters'],
    ];
    for (const [name, reason] of refused) {
      // A valid import first, so that the message below is known to be this file's.
      await importMessage(page, 'valid.json', golden, 'ok');
      const message = await importMessage(page, name, hostile(name), 'error');
      assert.ok(message.includes(reason), `${name}: the message gives the reason "${reason}": ${message}`);
      assert.ok(!/[\u001b\u202e]/.test(message), `${name}: no control character reaches the page: ${JSON.stringify(message)}`);
      if (lang === 'zh') assert.ok(!/[A-Za-z]{4,} [A-Za-z]{4,}/.test(message.replace(/[\w.-]+\.json/g, '')), `${name}: no English sentence in the Chinese interface: ${message}`);
      await hidden(page, sel.importContinue);
    }
    assert.deepEqual(await draftSnapshot(page), before, 'the draft is untouched');
  });
}

widgetTest('a draft file in GBK is refused with "save it as UTF-8"; a key file with a BOM loads', async (s) => {
  const page = await s.open();
  // {"format":"selfcheck-answers/1","profile":{"name":"广东"}} with the name in GBK.
  const gbk = Buffer.concat([
    Buffer.from('{"format":"selfcheck-answers/1","profile":{"name":"'),
    Buffer.from([0xb9, 0xe3, 0xb6, 0xab, 0xca, 0xa1]),
    Buffer.from('"}}'),
  ]);
  await page.locator(sel.draftFile).setInputFiles(file('草稿.json', gbk));
  const notice = await visible(page, '[data-testid=notice]');
  const text = (await notice.textContent()).trim();
  assert.ok(text.includes('GBK') && text.includes('UTF-8'), `the message names the encoding and the remedy: ${text}`);

  const passphrase = 'a passphrase for the BOM key 7f3e';
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
  await page.locator('input[data-passphrase=load]').fill(passphrase);
  await page.locator(sel.keyFile).setInputFiles(file('协会密钥.pem', Buffer.concat([BOM, Buffer.from(pem)]), 'application/x-pem-file'));
  await visible(page, sel.fingerprint, { timeout: SLOW });
});
