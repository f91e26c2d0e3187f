// Hardening (issue 7, "nothing lost, nothing leaked"): the draft survives what can go wrong with
// the browser's storage, other tabs and bad files; the private key never appears unencrypted; text
// of any kind is shown as text; and the page asks for nothing but its own files.
//
// What the other files already cover is not repeated here:
// - a reload keeping answers, notes and evidence: storage.test.mjs ("a reload keeps …");
// - a malformed or tampered *result* file leaving the draft on screen and in storage exactly as it
//   was: import.test.mjs ("a malformed or tampered file is refused …");
// - a storage failure offering the draft as a file that loads back: storage.test.mjs;
// - tab B not overwriting tab A's stored draft, and B loading A's version or keeping its own:
//   storage.test.mjs (the two "two tabs on one draft" tests);
// - no request leaving the page's origin, no uncaught error, no native dialog and no CSP violation
//   during any test: `Session.check` in helpers.mjs, after every `widgetTest` (a request the
//   Content-Security-Policy blocks is never made, and shows up there as a violation); the last test
//   here lists every request of a whole session explicitly.

import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  DEBOUNCE,
  GOLDEN_RESULT,
  PROFILE,
  SELFCHECK_URL,
  SLOW,
  answer,
  attribute,
  catalogue,
  cliExpect,
  download,
  draftSnapshot,
  expectedChecked,
  exportResult,
  file,
  fillProfile,
  hidden,
  ready,
  sel,
  storageDump,
  storedWith,
  tempDir,
  until,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
  wireProfile,
  writeTemp,
} from './helpers.mjs';

const NOTICE = '[data-testid=notice]';
const PRINT = '#selfcheck-print';

/** Clicks the close button of the current notice, if one is shown, and waits until it is gone. */
async function closeNotice(page) {
  const close = page.locator(`${NOTICE} button`);
  if ((await close.count()) > 0) {
    await close.first().click();
    await hidden(page, NOTICE);
  }
}

/**
 * A new Ed25519 key as an encrypted PKCS#8 PEM made by node's OpenSSL (PBES2, PBKDF2-HMAC-SHA256
 * with OpenSSL's 2048 iterations, AES-256-CBC): a key file the widget and the CLI open, made in
 * milliseconds, unlike `selfcheck keygen`'s 600,000 iterations in a debug build.
 */
function encryptedKey(passphrase) {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
}

/** The stored draft entry's text (the whole value, compared byte for byte). */
async function storedDraft(page, key = 'selfcheck:default:draft') {
  return (await storageDump(page))[key] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Nothing lost

widgetTest('a storage-quota failure loses nothing: the stored draft stays as it was, the page keeps every change, and the next save after it stores them all', async (s) => {
  const page = await s.open();
  const first = [{ id: 'A1', value: 'yes' }, { id: 'B1', checked: ['B1.1'] }];
  await fillProfile(page, PROFILE);
  await answer(page, first);
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('quota-before-1e7c');
  await waitSaved(page, 'quota-before-1e7c');
  const storedBefore = await storageDump(page);

  // The browser refuses to store our keys (only ours: the simulation must not break anything else).
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    globalThis.__quota = { refused: 0, restore: () => (Storage.prototype.setItem = setItem) };
    Storage.prototype.setItem = function quotaSetItem(key, value) {
      if (String(key).startsWith('selfcheck:')) {
        globalThis.__quota.refused++;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  const during = [{ id: 'A2', value: 'no' }, { id: 'A3', value: 'partly' }, { id: 'D10', value: 'na' }];
  await answer(page, during);
  await page.locator(`${sel.criterion('A2')} textarea[data-note]`).fill('quota-during-52ab');
  await page.locator('#selfcheck-profile-person').fill('配额失败时改的联系人');
  await waitAnswered(page, first.length + during.length);
  await attribute(page, sel.storageStatus, 'data-state', 'failed');
  await visible(page, sel.storageError);
  assert.ok((await page.evaluate(() => globalThis.__quota.refused)) > 0, 'the widget tried to store the draft');
  const shownDuring = await draftSnapshot(page);
  assert.deepEqual(shownDuring.checked, expectedChecked([...first, ...during]), 'the page keeps every answer given while storage fails');
  assert.deepEqual(shownDuring.notes, { A1: 'quota-before-1e7c', A2: 'quota-during-52ab' }, 'the page keeps every note typed while storage fails');
  assert.equal(shownDuring.profile.person, '配额失败时改的联系人', 'the page keeps the profile typed while storage fails');
  // A failed save neither removes nor damages what was stored before it.
  assert.deepEqual(await storageDump(page), storedBefore, 'localStorage while saving fails (actual) against before the failure (expected)');

  // Storage works again: the next change saves the whole draft, including what was typed meanwhile.
  await page.evaluate(() => globalThis.__quota.restore());
  await page.locator(`${sel.criterion('A3')} textarea[data-note]`).fill('quota-after-9d30');
  await waitSaved(page, 'quota-after-9d30');
  await hidden(page, sel.storageError);
  const shown = await draftSnapshot(page);
  await page.reload();
  await ready(page);
  await waitAnswered(page, first.length + during.length);
  assert.deepEqual(await draftSnapshot(page), shown, 'after the reload (actual) against before it (expected): nothing typed during the failure is lost');
});

widgetTest('two tabs editing at once: each tab keeps what was typed in it until the user chooses, whichever tab chooses first', async (s) => {
  const a = await s.open();
  const b = await s.open();

  await answer(a, [{ id: 'A1', value: 'yes' }]);
  await a.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('tab-a-1-6f21');
  await waitSaved(a, 'tab-a-1-6f21');
  const shownA = await draftSnapshot(a);

  await answer(b, [{ id: 'A2', value: 'no' }]);
  await b.locator(`${sel.criterion('A2')} textarea[data-note]`).fill('tab-b-1-3c88');
  await visible(b, sel.conflict);
  await b.waitForTimeout(DEBOUNCE);
  assert.deepEqual(await storedWith(b, 'tab-b-1-3c88'), {}, 'B, in conflict, has not stored its version');
  const shownB = await draftSnapshot(b);

  // B keeps its version: it is stored, and A (whose answers are not in it) is asked.
  await b.locator(`${sel.conflict} button[data-action=keep-this-tab]`).click();
  await hidden(b, sel.conflict);
  await waitSaved(b, 'tab-b-1-3c88');
  await visible(a, sel.conflict);
  assert.deepEqual(await draftSnapshot(a), shownA, 'A still shows its own answers and note, not B\'s: nothing replaced without a choice');
  const storedB = await storedDraft(b);
  assert.ok(storedB.includes('tab-b-1-3c88') && !storedB.includes('tab-a-1-6f21'), 'the stored draft is B\'s');

  // A, in conflict, keeps typing: shown, not stored over B's version.
  await answer(a, [{ id: 'A3', value: 'partly' }]);
  await a.locator(`${sel.criterion('A3')} textarea[data-note]`).fill('tab-a-2-b419');
  await waitAnswered(a, 2);
  await a.waitForTimeout(DEBOUNCE);
  assert.equal(await storedDraft(a), storedB, 'the stored draft (actual) is still B\'s, byte for byte (expected), while A is in conflict');
  await visible(a, sel.conflict);

  // A keeps its version in turn: stored; now B is asked, and still shows its own.
  await a.locator(`${sel.conflict} button[data-action=keep-this-tab]`).click();
  await hidden(a, sel.conflict);
  await waitSaved(a, 'tab-a-2-b419');
  await visible(b, sel.conflict);
  assert.deepEqual(await draftSnapshot(b), shownB, 'B still shows its own answers and note');
  const storedA = await storedDraft(a);
  assert.ok(storedA.includes('tab-a-1-6f21') && storedA.includes('tab-a-2-b419') && !storedA.includes('tab-b-1-3c88'), 'the stored draft is A\'s, with everything typed in A');

  // B chooses A's version: now both show the same draft, the one stored.
  await b.locator(`${sel.conflict} button[data-action=load-other-tab]`).click();
  await hidden(b, sel.conflict);
  await waitAnswered(b, 2);
  const finalA = await draftSnapshot(a);
  assert.deepEqual(await draftSnapshot(b), finalA, 'B after loading the other tab\'s version (actual) against A (expected)');
  assert.deepEqual(finalA.checked, ['A1:yes', 'A3:partly'], 'A\'s answers');
});

widgetTest('a bad draft file or key file is refused with a message; the draft on the page and everything stored stay byte for byte as they were', async (s) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'partly' }, { id: 'A4', checked: ['A4.2'] }, { id: 'B4', value: 'no' }, { id: 'D10', value: 'na' }]);
  await page.locator(`${sel.criterion('A1')} input[type=url][data-evidence-link]`).fill('https://www.example.org.cn/xxgk/bad-input.html');
  await page.locator(`${sel.criterion('A1')} button[data-action=add-link]`).click();
  await page.locator(`${sel.criterion('B4')} textarea[data-note]`).fill('bad-files-note-0a5d');
  await waitSaved(page, 'bad-files-note-0a5d');

  // A valid draft file of this very draft, to derive the bad ones from.
  const draft = await download(page, () => page.locator(sel.downloadDraft).first().click());
  const valid = JSON.parse(draft.text);
  const edited = (edit) => {
    const copy = structuredClone(valid);
    edit(copy);
    return JSON.stringify(copy, null, 2);
  };
  const before = await draftSnapshot(page);
  const storedBefore = await storageDump(page);
  assert.ok(storedBefore['selfcheck:default:draft']?.includes('bad-files-note-0a5d'), 'the draft is stored');

  const drafts = [
    ['an empty file', ''],
    ['not JSON', '这不是 JSON {'],
    ['cut short', draft.text.slice(0, Math.floor(draft.text.length / 2))],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ['a duplicate key', draft.text.replace('"format": "selfcheck-answers/1",', '"format": "selfcheck-answers/1", "format": "selfcheck-answers/1",')],
    ['an unknown field', edited((d) => (d.unexpected = true))],
    ['another catalogue digest', edited((d) => (d.catalogue.digest = '0'.repeat(64)))],
    ['an unknown answer value', edited((d) => (d.answers.A1.value = 'maybe'))],
    ['a number beyond 2^53', draft.text.replace('"answers": {', '"answers": { "A2": { "value": "no", "evidence": [{ "type": "file", "name": "x.pdf", "size": 9007199254740993, "sha256": "' + 'a'.repeat(64) + '" }] },')],
    ['a signed result', readFileSync(GOLDEN_RESULT)],
    ['over the 2 MiB limit', Buffer.alloc(2 * 1024 * 1024 + 1, 0x20)],
  ];
  for (const [what, content] of drafts) {
    await closeNotice(page);
    await page.locator(sel.draftFile).setInputFiles(file(`draft (${what}).json`, content));
    const notice = await visible(page, NOTICE);
    assert.notEqual((await notice.textContent()).trim(), '', `${what}: a message says what is wrong`);
    assert.deepEqual(await draftSnapshot(page), before, `${what}: the draft on the page (actual) against before (expected)`);
    assert.deepEqual(await storageDump(page), storedBefore, `${what}: localStorage (actual) against before (expected)`);
  }

  // Key files: not a key at all, and a real key with the wrong passphrase.
  const keys = [
    ['not a PEM file', Buffer.from('这不是密钥 -----BEGIN NOTHING-----'), 'any passphrase'],
    ['a wrong passphrase', Buffer.from(encryptedKey('the right passphrase 1')), 'the wrong passphrase 2'],
  ];
  for (const [what, content, passphrase] of keys) {
    await closeNotice(page);
    await page.locator('input[data-passphrase=load]').fill(passphrase);
    await page.locator(sel.keyFile).setInputFiles(file('协会密钥.pem', content, 'application/x-pem-file'));
    const notice = await visible(page, NOTICE, { timeout: SLOW });
    assert.notEqual((await notice.textContent()).trim(), '', `key file, ${what}: a message says what is wrong`);
    assert.equal(await page.locator(sel.fingerprint).count(), 0, `key file, ${what}: no key is shown`);
    // The passphrase stays, selected, so that a mistyped one is corrected by typing again.
    assert.equal(await page.locator('input[data-passphrase=load]').inputValue(), passphrase, `key file, ${what}: the passphrase field keeps what was typed`);
    assert.deepEqual(await draftSnapshot(page), before, `key file, ${what}: the draft on the page`);
    assert.deepEqual(await storageDump(page), storedBefore, `key file, ${what}: localStorage`);
  }
});

// ---------------------------------------------------------------------------------------------
// Nothing leaked: the private key

/** base58btc (Bitcoin alphabet). */
function base58(bytes) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/**
 * The forms in which 32 secret bytes could show up in a text: hex (both cases), decimal byte lists
 * (as JSON arrays print them, with or without spaces; also the start of a longer list such as the
 * 64-byte secret key), and base64 / base64url at each of the three byte alignments (the middle of
 * the encoding, which does not depend on the bytes around it: so that the seed is also found inside
 * a longer encoded blob, such as an unencrypted PKCS#8 file).
 */
function secretForms(secret) {
  const forms = new Map([
    ['hex', secret.toString('hex')],
    ['HEX', secret.toString('hex').toUpperCase()],
    ['byte list', [...secret].join(',')],
    ['byte list with spaces', [...secret].join(', ')],
    ['base64url', secret.toString('base64url')],
    ['base64', secret.toString('base64')],
  ]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    const middle = encoded.slice(4, -4);
    forms.set(`base64 (offset ${shift})`, middle);
    forms.set(`base64url (offset ${shift})`, middle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** The names of the forms of `secret` found in `text`. */
function findSecret(text, forms) {
  const lower = text.toLowerCase();
  return [...forms]
    .filter(([name, form]) => text.includes(form) || (/^hex$/i.test(name) && lower.includes(form.toLowerCase())))
    .map(([name]) => name);
}

/** Everything the page holds that could carry a secret: storage of every kind, the DOM, events and messages. */
function pageTexts(page) {
  return page.evaluate(async () => {
    const texts = {};
    for (const [name, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        texts[`${name}[${key}]`] = `${key}\n${storage.getItem(key)}`;
      }
    }
    const root = __selfcheckTest.root();
    const values = [...root.querySelectorAll('input, textarea, select')].map((el) => `${el.id || el.name || el.tagName}=${el.value}`);
    texts['DOM (document)'] = document.documentElement.outerHTML;
    texts['DOM (shadow root)'] = [...root.children].map((el) => el.outerHTML).join('\n');
    texts['DOM (field values)'] = values.join('\n');
    texts['selfcheck:* events'] = JSON.stringify(__selfcheckTest.events);
    texts['window messages'] = JSON.stringify(__selfcheckTest.messages);
    texts['cookies'] = document.cookie;
    return {
      texts,
      indexedDB: (await indexedDB.databases?.())?.map((db) => db.name) ?? [],
      caches: globalThis.caches ? await caches.keys() : [],
      serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
    };
  });
}

widgetTest('the private key never appears unencrypted: not in storage, the export, the draft file, the DOM or the events; the passphrase nowhere', async (s) => {
  const passphrase = 'leak-check passphrase 7f3a9c 密码';
  const page = await s.open();
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'B4', value: 'no' }, { id: 'C1', checked: ['C1.2'] }]);
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('leak-note-2e4b');

  await page.locator(sel.newPassphrase).fill(passphrase);
  await page.locator(sel.repeatPassphrase).fill(passphrase);
  await page.locator(sel.createKey).click();
  await until(page, 'a fingerprint is shown', (f) => /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/.test(__selfcheckTest.$(f)?.textContent.trim() ?? ''), sel.fingerprint, { timeout: SLOW });
  const did = (await page.locator(sel.did).textContent()).trim();
  const backup = await download(page, () => page.locator(sel.downloadKey).click());

  await page.locator(sel.unlockPassphrase).fill(passphrase);
  await until(page, 'the export button is enabled', (b) => __selfcheckTest.$(b)?.disabled === false, sel.exportButton);
  const exported = await exportResult(page);
  const draft = await download(page, () => page.locator(sel.downloadDraft).first().click());
  await waitSaved(page, 'leak-note-2e4b');

  // The backup is an encrypted PKCS#8 PEM, which the passphrase opens (node's OpenSSL) to the
  // widget's key: its public half is the did:key shown, the issuer of the export.
  const block = '-----BEGIN ENCRYPTED PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ENCRYPTED PRIVATE KEY-----\\r?\\n?';
  assert.match(backup.text, new RegExp(`^${block}${block}$`), 'the key backup is two ENCRYPTED PRIVATE KEY PEM blocks (the key, its SM2 part) and nothing else');
  // Node's OpenSSL reads the first block: the Ed25519 key.
  const jwk = createPrivateKey({ key: backup.text, format: 'pem', passphrase }).export({ format: 'jwk' });
  assert.deepEqual([jwk.kty, jwk.crv], ['OKP', 'Ed25519'], 'the backup holds an Ed25519 key');
  const seed = Buffer.from(jwk.d, 'base64url');
  assert.equal(seed.length, 32, 'the private key is 32 bytes');
  const publicKey = Buffer.from(jwk.x, 'base64url');
  assert.equal(did, `did:key:z${base58(Buffer.concat([Buffer.from([0xed, 0x01]), publicKey]))}`, 'the backup\'s key is the one whose did:key the page shows');
  assert.equal(JSON.parse(exported.text).issuer, did, 'the export is signed by that key');
  assert.throws(() => createPrivateKey({ key: backup.text, format: 'pem', passphrase: 'not the passphrase' }), 'a wrong passphrase does not open the backup');

  const forms = secretForms(seed);
  const found = await pageTexts(page);
  const texts = {
    ...found.texts,
    'the exported result': exported.text,
    'the draft file': draft.text,
    'the key backup': backup.text,
    'the key backup (base64 decoded)': Buffer.from(backup.text.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('latin1'),
  };
  const leaks = Object.entries(texts).flatMap(([where, text]) => findSecret(text, forms).map((form) => `${where}: the private key as ${form}`));
  const passphraseLeaks = Object.entries(texts).filter(([, text]) => text.includes(passphrase)).map(([where]) => where);
  const unencryptedPem = Object.entries(texts).filter(([, text]) => /BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY/.test(text)).map(([where]) => where);
  assert.deepEqual({ leaks, passphraseLeaks, unencryptedPem }, { leaks: [], passphraseLeaks: [], unencryptedPem: [] }, 'where the private key or the passphrase shows up');
  assert.deepEqual([found.indexedDB, found.caches, found.serviceWorkers], [[], [], 0], 'IndexedDB databases, caches, service workers: none');
  assert.ok(Object.keys(found.texts).some((k) => k === 'localStorage[selfcheck:default:key]'), 'the key is kept in localStorage (selfcheck:default:key)');
  assert.ok(found.texts['localStorage[selfcheck:default:key]'].includes('ENCRYPTED PRIVATE KEY'), 'the stored key is the encrypted PEM');
  assert.ok(found.texts['selfcheck:* events'].includes('selfcheck:exported'), 'the scanned events include the export\'s (with the signed result)');
  const fields = await page.evaluate(() => __selfcheckTest.$$('input[type=password]').map((el) => [el.dataset.passphrase, el.value]));
  assert.deepEqual(fields.filter(([, value]) => value !== ''), [], 'every passphrase field is empty after use');

  // The other way in: the backup loaded into a fresh browser with its passphrase.
  const other = await (await s.newSession()).open();
  await other.locator('input[data-passphrase=load]').fill(passphrase);
  await other.locator(sel.keyFile).setInputFiles(file(backup.name, backup.content, 'application/x-pem-file'));
  await until(other, 'the loaded key\'s did:key is shown', (d) => __selfcheckTest.$(d)?.textContent.trim().startsWith('did:key:'), sel.did, { timeout: SLOW });
  assert.equal((await other.locator(sel.did).textContent()).trim(), did, 'the loaded backup is the same key');
  const loaded = (await pageTexts(other)).texts;
  assert.deepEqual(
    Object.entries(loaded).flatMap(([where, text]) => [...findSecret(text, forms).map((form) => `${where}: the private key as ${form}`), ...(text.includes(passphrase) ? [`${where}: the passphrase`] : [])]),
    [],
    'after loading the key file: where the private key or the passphrase shows up',
  );
  assert.ok(loaded['localStorage[selfcheck:default:key]']?.includes('ENCRYPTED PRIVATE KEY'), 'the loaded key is stored as the encrypted PEM');
});

// ---------------------------------------------------------------------------------------------
// Nothing leaked: markup shown as text

/** Markup and script-like strings; each sets window.__pwned if it ever runs. */
const HOSTILE = {
  img: '<img src=x onerror=window.__pwned=1>',
  script: '<script>window.__pwned=2</script>',
  svg: '"><svg onload=window.__pwned=3>',
  js: 'javascript:window.__pwned=4',
  template: '{{7*7}} ${7*7} <%= 7*7 %>',
  bidi: '\u202Egpj.exe\u202C \u200B\u200D\u2066隔离\u2069\uFEFF',
};
const ALL_HOSTILE = Object.values(HOSTILE).join(' ');

/** A profile whose every free-text field carries hostile text (the credit code and dates stay valid, so that it can be signed). */
const HOSTILE_PROFILE = {
  ...PROFILE,
  name: `广东省${HOSTILE.img}协会${HOSTILE.bidi}${HOSTILE.template}`,
  person: `${HOSTILE.script}陈${HOSTILE.bidi}`,
  phone: `${HOSTILE.svg}020`,
  email: `${HOSTILE.js}@example.org.cn${HOSTILE.img}`,
};

/**
 * Fails unless the widget shows no element made from text: inside the shadow root no img, script,
 * iframe, object, embed, link or style besides the widget's own, no svg but the chart's and the QR
 * code's, no inline event handler, no link leaving the page; nothing new in the document; and
 * window.__pwned unset. (The pages' Content-Security-Policy would block an injected handler too,
 * and `Session.check` fails on any violation; the checks here do not rely on it.)
 */
async function expectInert(page, when) {
  const found = await page.evaluate(() => {
    const root = __selfcheckTest.root();
    const all = [...root.querySelectorAll('*')];
    const describe = (el) => el.outerHTML.slice(0, 120);
    return {
      pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
      elements: all.filter((el) => el.matches('img, script, iframe, frame, object, embed, image, video, audio, source, base, meta, form[action], link:not([rel=stylesheet]), style')).map(describe),
      svgs: all.filter((el) => el.localName === 'svg' && !el.matches('svg[data-testid=qr], svg[data-testid=chart]')).map(describe),
      handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map(describe),
      links: all.filter((el) => el.localName === 'a' && el.hasAttribute('href') && !el.getAttribute('href').startsWith('#')).map(describe),
      stylesheets: all.filter((el) => el.localName === 'link').map((el) => el.getAttribute('href')),
      // The light DOM: the demo page has no such element of its own (downloads add and remove an a at once).
      document: [...document.querySelectorAll('img, iframe, object, embed, svg, a, script:not([src="./main.js"]):not([src="./unsupported.js"]):not([src="./first-screen.js"])')].map(describe),
    };
  });
  assert.deepEqual(found.stylesheets.every((href) => /selfcheck\.css$/.test(href ?? '')), true, `${when}: the shadow root's style sheets are the widget's: ${found.stylesheets}`);
  delete found.stylesheets;
  assert.deepEqual(found, { pwned: null, elements: [], svgs: [], handlers: [], links: [], document: [] }, `${when}: elements made from text (actual) against none (expected)`);
}

/** The text of `selector` in the widget (all matches, joined). */
function textOf(page, selector) {
  return page.evaluate((s) => __selfcheckTest.$$(s).map((el) => el.textContent).join('\n'), selector);
}

/** Shows the print view as printing would (print media), checks it, and returns to the screen. */
async function expectPrinted(page, expected, when) {
  await page.emulateMedia({ media: 'print' });
  try {
    await until(page, `${PRINT} is shown for print`, (p) => __selfcheckTest.$(p)?.checkVisibility() === true, PRINT);
    const printed = await page.evaluate((p) => ({ text: __selfcheckTest.$(p).textContent, shown: __selfcheckTest.$(p).innerText }), PRINT);
    for (const [what, text] of Object.entries(expected)) {
      assert.ok(printed.text.includes(text), `${when}: the print view shows ${what} as text: ${JSON.stringify(text)} not in ${JSON.stringify(printed.text.slice(0, 400))}`);
    }
    assert.ok(printed.shown.includes('{{7*7}}'), `${when}: the printed text has {{7*7}} as typed, not evaluated`);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

widgetTest('markup and script-like text in every field is shown as text, print view included; javascript: links are refused', async (s, t) => {
  const page = await s.open();
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await fillProfile(page, HOSTILE_PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'A2', value: 'no' }, { id: 'E6', value: 'yes' }]);
  for (const id of ['A1', 'A2']) await page.locator(`${sel.criterion(id)} textarea[data-note]`).fill(`${id} ${ALL_HOSTILE}`);

  // Evidence links: anything but http(s) is refused with a message; an http(s) address with markup in it is kept as text.
  const addLink = async (url) => {
    await page.locator(`${sel.criterion('A1')} input[type=url][data-evidence-link]`).fill(url);
    await page.locator(`${sel.criterion('A1')} button[data-action=add-link]`).click();
  };
  const evidenceItems = `${sel.criterion('A1')} li[data-evidence]`;
  for (const url of [HOSTILE.js, 'JavaScript:window.__pwned=5', 'data:text/html,<script>window.__pwned=6</script>', `${HOSTILE.img}`]) {
    await closeNotice(page);
    await addLink(url);
    await visible(page, NOTICE);
    assert.equal(await page.locator(evidenceItems).count(), 0, `the link ${url} is refused`);
    const said = await textOf(page, NOTICE);
    assert.ok(said.includes(url) && said.includes('http'), `the message names the refused address (as text) and says it must be http(s): ${said}`);
    await expectInert(page, `with the message refusing ${url}`);
  }
  await closeNotice(page);
  const hostileUrl = 'https://www.example.org.cn/x?a="><script>window.__pwned=7</script>&b=<img/src=x/onerror=window.__pwned=8>';
  await addLink(hostileUrl);
  await until(page, 'A1 lists the http(s) link', (s) => __selfcheckTest.$$(s).length === 1, evidenceItems);

  // Evidence files named with markup: only the name, size and digest are kept, shown as text.
  const fileNames = [`${HOSTILE.img}\u202Efdp.exe`, `${HOSTILE.svg}.pdf`];
  for (const name of fileNames) {
    await page.locator(`${sel.criterion('E6')} input[type=file][data-evidence-file]`).setInputFiles(file(name, Buffer.from(name), 'application/pdf'));
  }
  await until(page, 'E6 lists two evidence files', (s) => __selfcheckTest.$$(s).length === 2, `${sel.criterion('E6')} li[data-evidence][data-sha256]`);
  await waitSaved(page, 'window.__pwned=8');

  const typed = await draftSnapshot(page);
  assert.deepEqual(
    { name: typed.profile.name, person: typed.profile.person, phone: typed.profile.phone, email: typed.profile.email },
    { name: HOSTILE_PROFILE.name, person: HOSTILE_PROFILE.person, phone: HOSTILE_PROFILE.phone, email: HOSTILE_PROFILE.email },
    'the profile fields hold the text exactly as typed',
  );
  assert.deepEqual(typed.notes, { A1: `A1 ${ALL_HOSTILE}`, A2: `A2 ${ALL_HOSTILE}` }, 'the notes hold the text exactly as typed');
  assert.ok((await textOf(page, evidenceItems)).includes(hostileUrl), 'the link evidence shows the address as text');
  const fileText = await textOf(page, `${sel.criterion('E6')} li[data-evidence]`);
  for (const name of fileNames) assert.ok(fileText.includes(name), `the file evidence shows the name ${JSON.stringify(name)} as text: ${fileText}`);
  await expectInert(page, 'after typing');

  // Nothing was signed: printing asks first, and the summary printed says it is an unsigned draft.
  await page.locator('button[data-action=print]').click();
  await visible(page, '[role=dialog] button[data-action=confirm-print-draft]');
  await page.locator('[role=dialog] button[data-action=confirm-print-draft]').click();
  await until(page, 'the print button called window.print()', () => window.__printed === 1);
  assert.equal(await page.locator('#selfcheck-print [data-testid=print-unsigned]').count(), 1, 'the printed draft is marked unsigned');
  await expectPrinted(page, { 'the name': HOSTILE_PROFILE.name, 'the contact person': HOSTILE_PROFILE.person, 'the phone': HOSTILE_PROFILE.phone }, 'typed');
  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'en');
  await expectInert(page, 'in English');

  // A signed result (from `selfcheck sign`) whose name, notes, links and file names carry the same text.
  const dir = tempDir(t);
  const keyFile = writeTemp(dir, 'key.pem', encryptedKey('hostile result key 1'));
  // The e-mail address must be one to be signed (the core checks it); the other fields carry the hostile text.
  const signedProfile = { ...HOSTILE_PROFILE, email: 'xiehui@example.org.cn', name: `${HOSTILE.svg}${HOSTILE.script}导入协会${HOSTILE.bidi}`, person: `${HOSTILE.template}${HOSTILE.img}` };
  const answers = {
    format: 'selfcheck-answers/1',
    catalogue: { id: catalogue.id, version: catalogue.version },
    profile: wireProfile(signedProfile),
    answers: {
      A1: { value: 'partly', note: `imported ${ALL_HOSTILE}`, evidence: [{ type: 'link', url: hostileUrl }] },
      B5: {
        value: 'yes',
        note: HOSTILE.script,
        evidence: [{ type: 'file', name: `${HOSTILE.img}.pdf`, size: 3, sha256: 'ab'.repeat(32) }],
      },
    },
  };
  const answersFile = writeTemp(dir, 'answers.json', answers);
  const resultFile = join(dir, 'result.json');
  cliExpect(0, ['sign', answersFile, '--key', keyFile, '--out', resultFile], { env: { SELFCHECK_PASSPHRASE: 'hostile result key 1' } });
  const resultName = `${HOSTILE.img}.json`;
  await page.locator(sel.resultFile).setInputFiles(file(resultName, readFileSync(resultFile)));
  await attribute(page, sel.importMessage, 'data-state', 'ok');
  const message = await textOf(page, sel.importMessage);
  assert.ok(message.includes(signedProfile.name), `the import message shows the result's name as text: ${message}`);
  assert.ok(message.includes(resultName), `the import message shows the file name as text: ${message}`);
  await page.locator(sel.importCompare).click();
  await visible(page, sel.compare);
  await expectInert(page, 'after importing');

  await page.locator(sel.importContinue).click();
  await (await visible(page, sel.confirmImport)).click();
  await waitAnswered(page, 2);
  const imported = await draftSnapshot(page);
  assert.equal(imported.profile.name, signedProfile.name, 'the imported name, as signed');
  assert.equal(imported.profile.person, signedProfile.person, 'the imported contact person, as signed');
  assert.deepEqual(imported.notes, { A1: answers.answers.A1.note, B5: answers.answers.B5.note }, 'the imported notes, as signed');
  assert.ok((await textOf(page, evidenceItems)).includes(hostileUrl), 'the imported link evidence is shown as text');
  assert.ok((await textOf(page, `${sel.criterion('B5')} li[data-evidence]`)).includes(`${HOSTILE.img}.pdf`), 'the imported file evidence name is shown as text');
  await expectInert(page, 'after continuing from the imported result');
  await expectPrinted(page, { 'the imported name': signedProfile.name, 'the imported contact person': signedProfile.person }, 'imported');
  await expectInert(page, 'at the end');
});

// ---------------------------------------------------------------------------------------------
// Nothing leaked: the network

/** The page's own files, by path. */
const OWN_FILES = ['/', '/first-screen.js', '/main.js', '/style.css', '/unsupported.css', '/favicon.svg', '/pkg/selfcheck-widget.js', '/pkg/selfcheck-unsupported.js', '/pkg/selfcheck_web.js', '/pkg/selfcheck_web_bg.wasm', '/pkg/selfcheck_web_sign.js', '/pkg/selfcheck_web_sign_bg.wasm', '/pkg/selfcheck.css'];

widgetTest('loading, answering, making a key, exporting, importing and printing request nothing but the page\'s own files (and blob: downloads)', async (s) => {
  const page = await s.open();
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await fillProfile(page, PROFILE);
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'A4', checked: ['A4.1'] }, { id: 'B4', value: 'no' }]);
  await page.locator(`${sel.criterion('A1')} input[type=url][data-evidence-link]`).fill('https://www.example.org.cn/should-not-be-fetched.png');
  await page.locator(`${sel.criterion('A1')} button[data-action=add-link]`).click();
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('network-note-c0de https://tracker.example.com/pixel.gif');
  await page.locator(`${sel.criterion('E6')} input[type=file][data-evidence-file]`).setInputFiles(file('报告.pdf', Buffer.alloc(4096, 7), 'application/pdf'));
  await visible(page, `${sel.criterion('E6')} li[data-evidence][data-sha256]`);

  const passphrase = 'network-check passphrase';
  await page.locator(sel.newPassphrase).fill(passphrase);
  await page.locator(sel.repeatPassphrase).fill(passphrase);
  await page.locator(sel.createKey).click();
  await until(page, 'a fingerprint is shown', (f) => (__selfcheckTest.$(f)?.textContent.trim() ?? '') !== '', sel.fingerprint, { timeout: SLOW });
  const downloads = [await download(page, () => page.locator(sel.downloadKey).click())];
  await page.locator(sel.unlockPassphrase).fill(passphrase);
  await until(page, 'the export button is enabled', (b) => __selfcheckTest.$(b)?.disabled === false, sel.exportButton);
  const exported = await exportResult(page);
  downloads.push(exported);
  await page.locator(sel.resultFile).setInputFiles(file(exported.name, exported.content));
  await attribute(page, sel.importMessage, 'data-state', 'ok');
  await page.locator(sel.importCompare).click();
  await visible(page, sel.compare);
  downloads.push(await download(page, () => page.locator(sel.downloadDraft).first().click()));
  await page.locator('button[data-action=print]').click();
  await until(page, 'the print button called window.print()', () => window.__printed === 1);
  await page.emulateMedia({ media: 'print' });
  await until(page, 'the print view with the QR code is shown', () => __selfcheckTest.$('#selfcheck-print [data-testid=qr]')?.checkVisibility() === true);
  await page.emulateMedia({ media: 'screen' });
  await page.waitForTimeout(DEBOUNCE);

  const origin = new URL(SELFCHECK_URL).origin;
  const own = [];
  const blobs = [];
  const other = [];
  for (const url of s.requests) {
    if (url.startsWith(`blob:${origin}/`)) blobs.push(url);
    else if (url.startsWith(`${origin}/`)) own.push(new URL(url).pathname);
    else other.push(url);
  }
  assert.deepEqual(other, [], 'requests neither to the page\'s own files nor blob: URLs of the page\'s origin');
  const expected = new Set(OWN_FILES);
  // Headless Chromium may or may not fetch the favicon; every other file must have been loaded.
  const seen = new Set(own);
  if (!seen.has('/favicon.svg')) expected.delete('/favicon.svg');
  assert.deepEqual([...seen].sort(), [...expected].sort(), 'the paths requested (actual) against the page\'s own files (expected)');
  assert.equal(s.requests.filter((url) => url === `${origin}/`).length, 1, 'the page was loaded once');
  // The downloads (key backup, result, draft) are blob: URLs the page made; Playwright may or may
  // not report them as requests too.
  const notBlob = downloads.map((d) => `${d.name} ${d.url}`).filter((line) => !line.includes(` blob:${origin}/`));
  assert.deepEqual(notBlob, [], 'downloads that are not blob: URLs of the page\'s origin');
  assert.ok(blobs.length <= downloads.length, `blob: requests ${JSON.stringify(blobs)}: at most one per download`);
});
