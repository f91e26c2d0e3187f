// Files of the wrong kind (issue 21): a key file, a text file, a spreadsheet, … chosen where a
// signed result, a draft file or a key file is asked for is named by what it is, in the interface's
// language, next to the control that took it, never with a JSON reader's message; the draft stays
// as it was. The kinds are recognized by the core (`selfcheck_core::wire::detect_file`); the review
// desk's side is in desk.test.mjs.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { GOLDEN_RESULT, answer, attribute, cliExpect, draftSnapshot, file, sel, waitAnswered, widgetTest } from './helpers.mjs';
import { thisIsNot, wrongKinds } from './wrong-kinds.mjs';

/** The notice at a place of the widget (`import`, `draft`, `key`), once it reports an error; its text. */
async function refusal(page, place) {
  const notice = `[data-testid=notice][data-place=${place}]`;
  await attribute(page, notice, 'data-state', 'error');
  return (await page.locator(notice).textContent()).replace(/\s+/g, ' ').trim();
}

/** Closes the notice at a place, so that the next one is known to be the next file's. */
async function closeNotice(page, place) {
  await page.locator(`[data-testid=notice][data-place=${place}] button[data-action=close-message]`).click();
}

/** A JSON reader's message (line and column, a value expected, a number's spelling): what no wrong kind may get. */
const PARSER_WORDS = /第 \d+ 行|应为一个值|数字写法|不是 JSON 格式|line \d+, column|not JSON/;

widgetTest('a file of the wrong kind chosen as a signed result, a draft file or a key file is named by its kind, next to the control, in Chinese and in English', async (s, t) => {
  const kinds = wrongKinds(t);
  const page = await s.open();
  await answer(page, [{ id: 'A1', value: 'partly' }]);
  await waitAnswered(page, 1);
  const before = await draftSnapshot(page);

  const asResult = ['key', 'text', 'word', 'excel', 'zip', 'pdf', 'image', 'register', 'expected', 'review', 'report', 'catalogue', 'webPage'];
  for (const name of asResult) {
    const kind = kinds[name];
    await page.locator(sel.resultFile).setInputFiles(file(kind.file, kind.content, kind.mime));
    const said = await refusal(page, 'import');
    assert.ok(said.includes(thisIsNot(kind.zh, '签名的自查结果')), `${kind.file} as a result: ${said}`);
    assert.doesNotMatch(said, PARSER_WORDS, `${kind.file} as a result gets no parser message: ${said}`);
    await closeNotice(page, 'import');
  }
  // A key file given as a result names the control that takes it.
  await page.locator(sel.resultFile).setInputFiles(file(kinds.key.file, kinds.key.content, kinds.key.mime));
  assert.match(await refusal(page, 'import'), /请用“载入已有密钥文件”/, 'a key file as a result points to the key form');
  await closeNotice(page, 'import');

  for (const name of ['key', 'text', 'excel', 'pdf']) {
    const kind = kinds[name];
    await page.locator(sel.draftFile).setInputFiles(file(kind.file, kind.content, kind.mime));
    const said = await refusal(page, 'draft');
    assert.ok(said.includes(thisIsNot(kind.zh, '草稿文件')), `${kind.file} as a draft file: ${said}`);
    assert.doesNotMatch(said, PARSER_WORDS, `${kind.file} as a draft file: ${said}`);
    await closeNotice(page, 'draft');
  }

  // As a key file: a signed result, text, a Word document, and a PDF larger than a key file may be.
  const golden = { file: 'result.json', content: readFileSync(GOLDEN_RESULT), mime: 'application/json', zh: '签名的自查结果' };
  for (const kind of [golden, kinds.text, kinds.word, kinds.largePdf]) {
    await page.locator('input[data-passphrase=load]').fill('any passphrase');
    await page.locator(sel.keyFile).setInputFiles(file(kind.file, kind.content, kind.mime));
    const said = await refusal(page, 'key');
    assert.ok(said.includes(thisIsNot(kind.zh, '密钥文件')), `${kind.file} as a key file: ${said}`);
    await closeNotice(page, 'key');
  }
  assert.deepEqual(await draftSnapshot(page), before, 'no file of the wrong kind changed the draft');

  // In English, in English only.
  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'en');
  const english = [
    [sel.resultFile, 'import', kinds.key, 'This is a key file, not a signed result.'],
    [sel.resultFile, 'import', kinds.image, 'This is an image, not a signed result.'],
    [sel.draftFile, 'draft', kinds.text, 'This is a plain text file, not a draft file.'],
    [sel.keyFile, 'key', kinds.largePdf, 'This is a PDF file, not a key file.'],
  ];
  for (const [input, place, kind, expected] of english) {
    await page.locator(input).setInputFiles(file(kind.file, kind.content, kind.mime));
    const said = await refusal(page, place);
    assert.ok(said.includes(expected), `${kind.file} (${place}), in English: ${said}`);
    assert.doesNotMatch(said, /[\u4e00-\u9fff]/, `no Chinese in the English message: ${said}`);
    await closeNotice(page, place);
  }
  // The same file that is refused as a result is what `selfcheck verify` names the same way.
  const verify = cliExpect(1, ['verify', kinds.key.path, '--lang', 'en']);
  assert.match(verify.stdout, /This is a key file, not a signed result\./, verify.stdout);
});
