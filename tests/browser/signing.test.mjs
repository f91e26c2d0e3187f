// The association's key and the signed export: what the page exports, `selfcheck verify` accepts;
// the key backup it downloads, `selfcheck sign` can use; a key made by `selfcheck keygen` loads into
// the page.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  PASSPHRASE,
  PROFILE,
  SLOW,
  answer,
  cliExpect,
  download,
  exportResult,
  fillProfile,
  file,
  plannedAnswers,
  results,
  sel,
  tempDir,
  until,
  visible,
  waitAnswered,
  widgetTest,
  wireProfile,
  writeTemp,
} from './helpers.mjs';

const FINGERPRINT = /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/;

/** The fingerprint without separators, upper case (the CLI and the page may group it differently). */
function bareFingerprint(text) {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

async function isDisabled(page, selector) {
  return page.locator(selector).isDisabled();
}

/** Waits until the page shows a fingerprint; returns it. */
async function waitFingerprint(page) {
  await until(
    page,
    '[data-testid=fingerprint] shows a fingerprint (eight groups of four hex digits)',
    (s) => /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/.test(__selfcheckTest.$(s)?.textContent.replace(/\s+/g, ' ').trim() ?? ''),
    sel.fingerprint,
    { timeout: SLOW, describe: (p) => p.evaluate((s) => __selfcheckTest.$(s)?.textContent ?? '(no element)', sel.fingerprint) },
  );
  return (await page.locator(sel.fingerprint).textContent()).replace(/\s+/g, ' ').trim();
}

/** Fills the unlock passphrase, signs and exports (confirming when criteria are open); returns the download. */
async function signAndExport(page, passphrase = PASSPHRASE) {
  await page.locator(sel.unlockPassphrase).fill(passphrase);
  await until(page, 'the export button is enabled', (s) => __selfcheckTest.$(s)?.disabled === false, sel.exportButton, {
    describe: (p) => p.locator('[data-testid=notice]').evaluateAll((nodes) => ({ notices: nodes.map((n) => n.textContent.trim()) })),
  });
  return exportResult(page);
}

/** A bureau's folder sorts results by association, then by the month assessed (PROFILE's period is October 2026). */
function expectResultName(name) {
  assert.equal(name, '514400005000031282-2026-10.json', 'the export\'s file name: the credit code and the month of the period');
}

widgetTest('exports a signed result that `selfcheck verify` accepts; the key backup works with `selfcheck sign`', async (s, t) => {
  const dir = tempDir(t);
  const page = await s.open();
  const plan = plannedAnswers();
  await fillProfile(page, PROFILE);
  await answer(page, plan);
  await waitAnswered(page, plan.length);
  assert.ok(await isDisabled(page, sel.exportButton), 'export is disabled before there is a key');

  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  const fingerprint = await waitFingerprint(page);
  assert.match(fingerprint, FINGERPRINT);
  const did = (await page.locator(sel.did).textContent()).trim();
  assert.match(did, /^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$/, 'the did:key shown');
  assert.ok(await isDisabled(page, sel.exportButton), 'export is disabled until the key backup is downloaded');

  // The key has its SM2 part: the page says so, and the backup holds it as a second block.
  assert.equal(await page.locator('[data-testid=sm2]').getAttribute('data-sm2'), 'yes', 'a new key has an SM2 part');
  assert.match(await page.locator('[data-testid=sm2]').textContent(), /同时附国密签名（SM2\/SM3）/);
  const key = await download(page, () => page.locator(sel.downloadKey).click());
  const block = '-----BEGIN ENCRYPTED PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ENCRYPTED PRIVATE KEY-----\\r?\\n?';
  assert.match(key.text, new RegExp(`^${block}${block}$`), `the key backup ${key.name} is two encrypted PKCS#8 PEM blocks`);
  const keyFile = writeTemp(dir, 'key.pem', key.content);

  const exported = await signAndExport(page);
  expectResultName(exported.name);
  const resultFile = writeTemp(dir, exported.name, exported.content);
  // Both proofs: the bureau may require the 国密 signature, and it holds.
  assert.deepEqual(JSON.parse(exported.text).proof.map((proof) => proof.cryptosuite), ['eddsa-jcs-2022', 'selfcheck-sm2-sm3-jcs-2026']);
  assert.match(cliExpect(0, ['verify', resultFile, '--require-sm2']).stdout, /国密签名（SM2\/SM3）：有效/);
  const report = JSON.parse(cliExpect(0, ['report', resultFile, '--format', 'json']).stdout);
  const shown = await results(page);
  assert.equal(report.report.score, shown.score, 'the exported report\'s score (actual) against the page\'s (expected)');
  assert.equal(report.report.grade, shown.grade, 'the exported report\'s grade');
  assert.equal(bareFingerprint(report.fingerprint), bareFingerprint(fingerprint), 'signed with the key whose fingerprint the page shows');
  assert.equal(report.did, did, 'issued by the did:key the page shows');
  assert.deepEqual(report.profile, wireProfile(PROFILE), 'the profile in the result');

  // After an export the print view carries the QR code, and the print button prints.
  assert.equal(await page.locator('#selfcheck-print [data-testid=qr]').evaluate((el) => el.tagName.toLowerCase()), 'svg', '#selfcheck-print [data-testid=qr] is an svg');
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed++;
    };
  });
  await page.locator('button[data-action=print]').click();
  await until(page, 'the print button called window.print()', () => window.__printed === 1);

  // The key backup signs with the CLI, with the same passphrase.
  const template = JSON.parse(cliExpect(0, ['template']).stdout);
  template.profile = wireProfile(PROFILE);
  const answersFile = writeTemp(dir, 'answers.json', template);
  const signedFile = join(dir, 'signed-by-cli.json');
  cliExpect(0, ['sign', answersFile, '--key', keyFile, '--out', signedFile], { env: { SELFCHECK_PASSPHRASE: PASSPHRASE } });
  cliExpect(0, ['verify', signedFile]);
  const cliReport = JSON.parse(cliExpect(0, ['report', signedFile, '--format', 'json']).stdout);
  assert.equal(cliReport.did, did, 'the CLI signed with the page\'s key');
});

widgetTest('a key made by `selfcheck keygen` loads into the page and signs there', async (s, t) => {
  const dir = tempDir(t);
  const keyFile = join(dir, 'cli-key.pem');
  const keygen = cliExpect(0, ['keygen', '--out', keyFile], { env: { SELFCHECK_PASSPHRASE: PASSPHRASE } });
  const cliFingerprint = /fingerprint:\s*([0-9A-F ]+)/.exec(keygen.stdout)?.[1].trim();
  const cliDid = /did:\s*(did:key:\S+)/.exec(keygen.stdout)?.[1];
  assert.ok(cliFingerprint && cliDid, `keygen printed a fingerprint and a did: ${keygen.stdout}`);

  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'B4', value: 'no' }]);
  // The file holds the private key only, encrypted: the page opens it with its passphrase when
  // it is loaded (so a wrong passphrase is known at once and the fingerprint can be shown), and
  // a key loaded from a file is its own backup (no download needed before export).
  await page.locator('input[data-passphrase=load]').fill(PASSPHRASE);
  await page.locator(sel.keyFile).setInputFiles(file('协会密钥.pem', readFileSync(keyFile), 'application/x-pem-file'));
  const fingerprint = await waitFingerprint(page);
  assert.equal(bareFingerprint(fingerprint), bareFingerprint(cliFingerprint), 'the page shows the CLI key\'s fingerprint');
  const exported = await signAndExport(page);
  expectResultName(exported.name);
  const resultFile = writeTemp(dir, exported.name, exported.content);
  cliExpect(0, ['verify', resultFile]);
  const report = JSON.parse(cliExpect(0, ['report', resultFile, '--format', 'json']).stdout);
  assert.equal(report.did, cliDid, 'signed with the loaded key');
  assert.deepEqual(report.report.vetoes, ['B4'], 'the B4 veto is in the signed report');
  assert.equal(report.sm2, /sm2:\s*(did:key:\S+)/.exec(keygen.stdout)?.[1], 'signed by its SM2 part too');
});

widgetTest('a key made before the 国密 signature loads, says it has no SM2 part, and signs with the one proof', async (s, t) => {
  const dir = tempDir(t);
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  await page.locator('input[data-passphrase=load]').fill('selfcheck fuzzing passphrase');
  const before = readFileSync(new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url));
  await page.locator(sel.keyFile).setInputFiles(file('旧密钥.pem', before, 'application/x-pem-file'));
  await waitFingerprint(page);
  assert.equal(await page.locator('[data-testid=sm2]').getAttribute('data-sm2'), 'no');
  assert.match(await page.locator('[data-testid=sm2]').textContent(), /没有国密（SM2）部分：导出的结果只附 Ed25519 签名/);
  const exported = await signAndExport(page, 'selfcheck fuzzing passphrase');
  assert.equal(JSON.parse(exported.text).proof.cryptosuite, 'eddsa-jcs-2022', 'one proof, as before');
  const resultFile = writeTemp(dir, exported.name, exported.content);
  assert.match(cliExpect(0, ['verify', resultFile]).stdout, /国密签名（SM2\/SM3）：无/);
  assert.match(cliExpect(1, ['verify', resultFile, '--require-sm2']).stdout, /未附国密签名（SM2\/SM3），按要求不予接收/);
});

widgetTest('once a key exists, the export no longer asks to create or load one: only the backup is asked for, then nothing', async (s) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  const exportSection = page.locator('#selfcheck-key');
  assert.match(await exportSection.textContent(), /签名前请先创建或载入密钥/, 'without a key, the export says to create or load one');
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await waitFingerprint(page);
  assert.doesNotMatch(await exportSection.textContent(), /创建或载入密钥/, 'with a key, the export no longer asks for one');
  assert.match(await exportSection.textContent(), /下载密钥备份文件/, 'the backup is still asked for');
  await download(page, () => page.locator(sel.downloadKey).click());
  await until(page, 'the export button is enabled', (s) => __selfcheckTest.$(s)?.disabled === false, sel.exportButton);
  assert.doesNotMatch(await exportSection.textContent(), /签名前请先/, 'with the key backed up, nothing is asked before signing');
});

widgetTest('a wrong passphrase does not sign, says so in the export section before asking about open criteria, and stays in its field, selected', async (s) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await waitFingerprint(page);
  await download(page, () => page.locator(sel.downloadKey).click());
  let downloads = 0;
  page.on('download', () => downloads++);
  const wrong = 'not the passphrase';
  await page.locator(sel.unlockPassphrase).fill(wrong);
  await page.locator(sel.exportButton).click();
  // One criterion of many is answered, but the passphrase is checked first: no question about
  // the open criteria for a signature that cannot be made.
  const message = await visible(page, '#selfcheck-key [data-testid=notice][data-place=export][data-state=error]', { timeout: SLOW });
  assert.match(await message.textContent(), /口令不正确/, 'the message says the passphrase is wrong');
  assert.equal(await page.locator(sel.dialog).count(), 0, 'no question about open criteria is asked with a wrong passphrase');
  const field = await page.evaluate((s) => {
    const input = __selfcheckTest.$(s);
    return { value: input.value, focused: __selfcheckTest.active() === input, selected: [input.selectionStart, input.selectionEnd] };
  }, sel.unlockPassphrase);
  assert.deepEqual(field, { value: wrong, focused: true, selected: [0, wrong.length] }, 'the wrong passphrase stays in its field, focused and selected');
  assert.equal(downloads, 0, 'nothing was downloaded');

  // The right passphrase: now the question comes, and confirming signs.
  await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  const exported = await download(page, async () => {
    await page.locator(sel.exportButton).click();
    await page.locator(sel.confirmExport).click();
  });
  expectResultName(exported.name);
});

// The widget derives and decrypts with the browser's WebCrypto, which has PBKDF2 but not scrypt:
// a key file protected with scrypt (which `selfcheck` opens) is refused with a message that
// says so and what to do, next to the key form.
widgetTest('a key file protected with scrypt is refused with a message naming scrypt and the way out', async (s) => {
  const page = await s.open();
  const scryptFile = readFileSync(new URL('../data/keys/openssl-scrypt-16.pem', import.meta.url));
  await page.locator('input[data-passphrase=load]').fill('selfcheck fuzzing passphrase');
  await page.locator(sel.keyFile).setInputFiles(file('scrypt-key.pem', scryptFile, 'application/x-pem-file'));
  const message = await visible(page, '#selfcheck-key [data-testid=notice][data-place=key][data-state=error]', { timeout: SLOW });
  const text = await message.textContent();
  assert.match(text, /scrypt/, `the message names scrypt: ${text}`);
  assert.match(text, /请用命令行工具签名/, `the message says which tool opens it: ${text}`);
});

/**
 * Key files, signing, verification and the QR code are a second WebAssembly module, loaded when
 * first needed (issue 23). While it cannot come, answering goes on; asking for a key says, in the
 * key section, that the signing part could not be loaded, and keeps everything; once the network
 * is back, the same button makes the key.
 */
widgetTest('the signing module comes when first needed: answers never wait for it, and a failed load is said in the key section and tried again', async (s) => {
  const state = { failing: true, requested: [] };
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await s.context.route('**/pkg/selfcheck_web_sign*', async (route) => {
    state.requested.push(new URL(route.request().url()).pathname);
    if (state.failing) return route.abort('internetdisconnected');
    await released;
    return route.continue();
  });
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'A2', value: 'yes' }]);
  await waitAnswered(page, 2);

  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  const notice = '[data-testid=notice][data-place=key]';
  await until(page, 'the key section says signing could not be loaded', (n) => /签名功能未能载入/.test(__selfcheckTest.$(n)?.textContent ?? ''), notice, { timeout: SLOW });
  assert.equal(await page.locator(notice).getAttribute('data-state'), 'error', 'shown as an error');
  assert.ok(state.requested.some((path) => path.startsWith('/pkg/selfcheck_web_sign')), `the module was asked for: ${state.requested}`);
  assert.equal((await results(page)).answered, 2, 'the answers are all still there');
  await answer(page, { id: 'A8', value: 'yes' });
  await waitAnswered(page, 3);

  // The network is back, slowly: the key waits for the module, then comes.
  state.failing = false;
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await visible(page, '[role=status].selfcheck-busy');
  await answer(page, { id: 'B4', value: 'no' });
  await waitAnswered(page, 4);
  release();
  await waitFingerprint(page);
  assert.equal((await results(page)).answered, 4, 'nothing answered meanwhile was lost');
});

/**
 * The stored key names its fingerprint since the signing module was split off, so that the page
 * shows it without loading that module; a key stored before, with its did:key only, still shows
 * the same fingerprint.
 */
widgetTest('a key stored before the fingerprint was kept beside it shows the same fingerprint', async (s) => {
  const page = await s.open();
  // Keys stored then had no SM2 part (issue 27 came later): a key file of one block.
  await page.locator('input[data-passphrase=load]').fill('selfcheck fuzzing passphrase');
  const keyFile = readFileSync(new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url));
  await page.locator(sel.keyFile).setInputFiles(file('旧密钥.pem', keyFile, 'application/x-pem-file'));
  const fingerprint = await waitFingerprint(page);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('selfcheck:default:key')));
  assert.equal(stored.fingerprint.replace(/\s+/g, ' '), fingerprint, 'the stored fingerprint is the one shown');
  const { fingerprint: _, ...before } = stored;
  await page.evaluate((entry) => localStorage.setItem('selfcheck:default:key', JSON.stringify(entry)), before);
  await page.reload();
  assert.equal(await waitFingerprint(page), fingerprint, 'the same fingerprint, read from the did:key');
});
