// The draft in the browser's storage: kept across reloads, a storage failure that offers the draft
// as a file, and two tabs on the same draft.

import assert from 'node:assert/strict';

import {
  DEBOUNCE,
  PROFILE,
  answer,
  attribute,
  cliExpect,
  download,
  draftSnapshot,
  expectedChecked,
  fillProfile,
  file,
  hidden,
  ready,
  sel,
  sha256,
  storageDump,
  storedWith,
  tempDir,
  until,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
  writeTemp,
} from './helpers.mjs';

widgetTest('a reload keeps every answer, note and evidence digest', async (s) => {
  const page = await s.open();
  const answers = [
    { id: 'A1', value: 'partly' },
    { id: 'A4', checked: ['A4.1', 'A4.3'] },
    { id: 'B4', value: 'no' },
    { id: 'D11', value: 'na' },
    { id: 'E6', value: 'yes' },
  ];
  await fillProfile(page, PROFILE);
  await answer(page, answers);
  await waitAnswered(page, answers.length);

  // Evidence: a link on A1, a local file on E6 (only its name, size and SHA-256 are kept). The
  // file is a few MiB of varied bytes, so that a digest computed in pieces is checked too.
  const link = 'https://www.example.org.cn/xxgk/2026-10.html';
  const addLink = async (id, url) => {
    await page.locator(`${sel.criterion(id)} input[type=url][data-evidence-link]`).fill(url);
    await page.locator(`${sel.criterion(id)} button[data-action=add-link]`).click();
  };
  await addLink('A1', 'https://www.example.org.cn/to-be-removed.html');
  await addLink('A1', link);
  const linkItems = page.locator(`${sel.criterion('A1')} li[data-evidence]`);
  await until(page, 'A1 lists two evidence links', (s) => __selfcheckTest.$$(s).length === 2, `${sel.criterion('A1')} li[data-evidence]`);
  await linkItems.filter({ hasText: 'to-be-removed' }).locator('button[data-action=remove-evidence]').click();
  await until(page, 'A1 lists one evidence link', (s) => __selfcheckTest.$$(s).length === 1, `${sel.criterion('A1')} li[data-evidence]`);
  const linkText = await linkItems.first().textContent();
  assert.ok(linkText.includes(link), `the remaining link evidence shows its URL: ${linkText}`);

  const content = Buffer.alloc(3 * 1024 * 1024 + 12345);
  for (let i = 0; i < content.length; i++) content[i] = (i * 2654435761) >>> 24;
  const digest = sha256(content);
  await page.locator(`${sel.criterion('E6')} input[type=file][data-evidence-file]`).setInputFiles(file('进展报告.pdf', content, 'application/pdf'));
  const fileItem = `${sel.criterion('E6')} li[data-evidence][data-sha256]`;
  await visible(page, fileItem);
  assert.equal(await page.locator(fileItem).getAttribute('data-sha256'), digest, 'the file evidence\'s data-sha256 is the SHA-256 computed in node');
  const fileText = await page.locator(fileItem).textContent();
  assert.ok(fileText.includes(digest), `the file evidence shows the digest ${digest}: ${fileText}`);
  assert.ok(fileText.includes('进展报告.pdf'), `the file evidence shows the file name: ${fileText}`);

  const marker = 'reload-note-3a9e';
  await page.locator(`${sel.criterion('B4')} textarea[data-note]`).fill('公开信息与档案不一致，正在更正。');
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(`${marker} 行规行约已审议`);
  await waitSaved(page, marker);
  const stored = await storageDump(page);
  assert.ok(Object.values(stored).some((v) => v.includes(digest)), 'the stored draft holds the evidence digest');
  const before = await draftSnapshot(page);
  assert.deepEqual(before.checked, expectedChecked(answers), 'the draft before the reload');

  await page.reload();
  await ready(page);
  await waitAnswered(page, answers.length);
  const after = await draftSnapshot(page);
  assert.deepEqual(after, before, 'the draft after the reload (actual) against before (expected)');
  assert.equal(await page.locator(fileItem).getAttribute('data-sha256'), digest, 'the evidence digest after the reload');
});

widgetTest('a storage failure shows the error and offers the draft as a file, which loads back', async (s, t) => {
  await s.context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const page = await s.open();
  const answers = [
    { id: 'A1', value: 'yes' },
    { id: 'A2', value: 'no' },
    { id: 'B1', checked: ['B1.2', 'B1.4'] },
    { id: 'E7', value: 'na' },
  ];
  await answer(page, answers);
  await page.locator(`${sel.criterion('A2')} textarea[data-note]`).fill('审议记录待补');
  await waitAnswered(page, answers.length);
  await attribute(page, sel.storageStatus, 'data-state', 'failed');
  const error = await visible(page, sel.storageError);
  assert.notEqual((await error.textContent()).trim(), '', 'the storage error says something');

  // The error offers the download (the draft toolbar has one too).
  const offered = page.locator(`${sel.storageError} ${sel.downloadDraft}`);
  const button = (await offered.count()) > 0 ? offered : page.locator(sel.downloadDraft).first();
  const draft = await download(page, () => button.click());
  let document;
  try {
    document = JSON.parse(draft.text);
  } catch {
    assert.fail(`the downloaded draft ${draft.name} is not JSON: ${draft.text.slice(0, 200)}`);
  }
  assert.equal(document.format, 'selfcheck-answers/1', 'the draft is an answers document');
  assert.deepEqual(document.answers.A1?.value, 'yes', 'A1 in the draft file');
  assert.deepEqual(document.answers.A2?.value, 'no', 'A2 in the draft file');
  assert.deepEqual(document.answers.A2?.note, '审议记录待补', 'A2 note in the draft file');
  assert.deepEqual(document.answers.B1?.checked, ['B1.2', 'B1.4'], 'B1 in the draft file');
  assert.deepEqual(document.answers.E7?.value, 'na', 'E7 in the draft file');
  // The CLI accepts it as an answers document.
  cliExpect(0, ['score', writeTemp(tempDir(t), draft.name || 'draft.json', draft.content)]);

  // A fresh page (working storage) loads the file back.
  const fresh = await (await s.newSession()).open();
  await fresh.locator(sel.draftFile).setInputFiles(file(draft.name || 'draft.json', draft.content));
  await waitAnswered(fresh, answers.length);
  const restored = await draftSnapshot(fresh);
  assert.deepEqual(restored.checked, expectedChecked(answers), 'the answers loaded from the draft file');
  assert.deepEqual(restored.notes, { A2: '审议记录待补' }, 'the notes loaded from the draft file');
});

widgetTest('two tabs on one draft: the second does not overwrite silently and can load the other tab\'s version', async (s) => {
  const a = await s.open();
  const b = await s.open();
  const markerA = 'tab-a-note-71d2';
  const markerB = 'tab-b-note-0c4e';

  await answer(a, [{ id: 'A1', value: 'yes' }, { id: 'A3', value: 'partly' }]);
  await a.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(markerA);
  await waitSaved(a, markerA);

  await answer(b, [{ id: 'A1', value: 'no' }]);
  await b.locator(`${sel.criterion('A1')} textarea[data-note]`).fill(markerB);
  const banner = await visible(b, sel.conflict);
  // The warning is as tall as its words: no empty band between the text and the buttons (the
  // glyphs' boxes are a little shorter than their lines, never by a line).
  const text = await banner.locator('p').evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    return { box: Math.round(p.getBoundingClientRect().height), words: Math.round(range.getBoundingClientRect().height) };
  });
  assert.ok(text.box - text.words < 16, `the warning's paragraph is ${text.box} px tall for ${text.words} px of text`);
  assert.equal(await banner.locator('button[data-action=load-other-tab]').count(), 1, 'the banner offers the other tab\'s version');
  assert.equal(await banner.locator('button[data-action=keep-this-tab]').count(), 1, 'the banner offers keeping this tab\'s version');
  await b.waitForTimeout(DEBOUNCE); // the documented debounce bound: a save by B would have happened by now
  assert.notDeepEqual(await storedWith(b, markerA), {}, 'tab A\'s draft is still stored');
  assert.deepEqual(await storedWith(b, markerB), {}, 'tab B did not store its version over A\'s');

  await banner.locator('button[data-action=load-other-tab]').click();
  await hidden(b, sel.conflict);
  await until(b, 'tab B shows A1 = yes', () => __selfcheckTest.$('fieldset[data-criterion="A1"] input[type=radio][value=yes]')?.checked === true);
  const shown = await draftSnapshot(b);
  assert.deepEqual(shown.checked, ['A1:yes', 'A3:partly'], 'tab B shows tab A\'s answers');
  assert.deepEqual(shown.notes, { A1: markerA }, 'tab B shows tab A\'s note');
});

widgetTest('two tabs on one draft: keeping this tab\'s version stores it', async (s) => {
  const a = await s.open();
  const b = await s.open();
  const markerA = 'tab-a-note-9b13';
  const markerB = 'tab-b-note-e2f7';

  await answer(a, [{ id: 'C1', checked: ['C1.1'] }]);
  await a.locator(`${sel.criterion('C1')} textarea[data-note]`).fill(markerA);
  await waitSaved(a, markerA);

  await answer(b, [{ id: 'C1', checked: ['C1.2'] }]);
  await b.locator(`${sel.criterion('C1')} textarea[data-note]`).fill(markerB);
  const banner = await visible(b, sel.conflict);
  await banner.locator('button[data-action=keep-this-tab]').click();
  await hidden(b, sel.conflict);
  await waitSaved(b, markerB);
  assert.deepEqual(await storedWith(b, markerA), {}, 'tab A\'s version was replaced by B\'s');
  assert.deepEqual((await draftSnapshot(b)).checked, ['C1:C1.2'], 'tab B keeps its own answers');
});
