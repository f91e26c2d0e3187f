// Importing a signed result: anything but a valid result is refused with the draft left exactly as
// it was; a valid one offers to continue from it or to compare it with the draft.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  GOLDEN_RESULT,
  answer,
  attribute,
  catalogue,
  cliExpect,
  draftSnapshot,
  expectedChecked,
  file,
  hidden,
  results,
  sel,
  storedWith,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
} from './helpers.mjs';

const golden = readFileSync(GOLDEN_RESULT);
const goldenResult = JSON.parse(golden.toString('utf8'));

/** A copy of the golden result changed by `edit`, serialized. */
function tampered(edit) {
  const copy = structuredClone(goldenResult);
  edit(copy);
  return Buffer.from(JSON.stringify(copy, null, 2));
}

/** Imports a file through the result file input. */
async function importFile(page, name, content) {
  await page.locator(sel.resultFile).setInputFiles(file(name, content));
}

/** A draft with answers and a note (the marker), saved. */
async function makeDraft(page, marker) {
  await answer(page, [{ id: 'A1', value: 'no' }, { id: 'A5', checked: ['A5.2'] }, { id: 'B4', value: 'no' }, { id: 'D10', value: 'na' }]);
  await page.locator(`${sel.criterion('A5')} textarea[data-note]`).fill(marker);
  await waitAnswered(page, 4);
  await waitSaved(page, marker);
}

widgetTest('a malformed or tampered file is refused with an error and the draft unchanged', async (s) => {
  const page = await s.open();
  const marker = 'import-draft-note-44b0';
  await makeDraft(page, marker);
  const before = await draftSnapshot(page);
  const storedBefore = await storedWith(page, marker);
  assert.notDeepEqual(storedBefore, {}, 'the draft is stored');

  const answersDocument = cliExpect(0, ['template']).stdout;
  const changedAnswer = tampered((r) => {
    const a3 = r.credentialSubject.answers.A3;
    assert.equal(a3.value, 'no', 'the golden result answers A3 with no');
    a3.value = 'yes';
  });
  const editedScore = tampered((r) => {
    r.credentialSubject.report.score += 100;
  });
  const cases = [
    ['not JSON', 'result.json', Buffer.from('这不是 JSON, not JSON at all {')],
    ['truncated JSON', 'truncated.json', golden.subarray(0, Math.floor(golden.length / 2))],
    ['an answers document', 'answers.json', Buffer.from(answersDocument)],
    ['a result with one answer changed', 'changed-answer.json', changedAnswer],
    ['a result with the score edited', 'edited-score.json', editedScore],
  ];
  for (const [what, name, content] of cases) {
    // A valid import first, so that the error below is known to be this file's.
    await importFile(page, 'valid.json', golden);
    await attribute(page, sel.importMessage, 'data-state', 'ok');
    await importFile(page, name, content);
    await attribute(page, sel.importMessage, 'data-state', 'error');
    const message = (await page.locator(sel.importMessage).textContent()).trim();
    assert.notEqual(message, '', `${what}: the import message says what is wrong`);
    await hidden(page, sel.importContinue);
    assert.deepEqual(await draftSnapshot(page), before, `${what}: the draft on the page`);
    assert.deepEqual(await storedWith(page, marker), storedBefore, `${what}: the stored draft`);
  }
  const shown = await results(page);
  assert.equal(String(shown.score), before.results.score, 'the score is unchanged');
});

widgetTest('a valid result offers to compare (area by area) and to continue from it', async (s) => {
  const page = await s.open();
  const marker = 'import-draft-note-b61a';
  await makeDraft(page, marker);
  const before = await draftSnapshot(page);
  const storedBefore = await storedWith(page, marker);

  await importFile(page, '514400005000031282-20261105.json', golden);
  await attribute(page, sel.importMessage, 'data-state', 'ok');
  await visible(page, sel.importContinue);
  await visible(page, sel.importCompare);

  await page.locator(sel.importCompare).click();
  await visible(page, sel.compare);
  const rows = await page.locator(`${sel.compare} tr`).evaluateAll((trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
  const imported = goldenResult.credentialSubject.report;
  for (const area of catalogue.areas) {
    const row = rows.find((r) => r.includes(area.title.zh));
    assert.ok(row, `the comparison has a row for ${area.id} ${area.title.zh}: ${JSON.stringify(rows)}`);
    const points = imported.areas.find((a) => a.id === area.id).points;
    assert.ok(row.includes(String(points)), `the ${area.id} row shows the imported points ${points}: ${row}`);
  }
  assert.deepEqual(await draftSnapshot(page), before, 'comparing leaves the draft unchanged');
  assert.deepEqual(await storedWith(page, marker), storedBefore, 'comparing leaves the stored draft unchanged');

  await page.locator(sel.importContinue).click();
  const confirm = await visible(page, sel.confirmImport);
  assert.deepEqual(await draftSnapshot(page), before, 'nothing is replaced before confirming');
  await confirm.click();
  const answers = goldenResult.credentialSubject.answers;
  await waitAnswered(page, imported.completeness.answered);
  const after = await draftSnapshot(page);
  assert.deepEqual(after.checked, expectedChecked(answers), 'the imported answers (actual) against the result\'s (expected)');
  const notes = Object.fromEntries(Object.entries(answers).filter(([, a]) => a.note).map(([id, a]) => [id, a.note]));
  assert.deepEqual(after.notes, notes, 'the imported notes');
  const shown = await results(page);
  assert.deepEqual([shown.score, shown.grade], [imported.score, imported.grade], 'the score and grade of the imported result');
  const digests = Object.entries(answers).flatMap(([id, a]) => (a.evidence ?? []).filter((e) => e.type === 'file').map((e) => [id, e.sha256]));
  for (const [id, digest] of digests) {
    assert.equal(await page.locator(`${sel.criterion(id)} li[data-evidence][data-sha256="${digest}"]`).count(), 1, `${id}: the evidence file ${digest}`);
  }
  const profile = goldenResult.credentialSubject.profile;
  assert.equal(after.profile.name, profile.name, 'the imported profile name');
  assert.equal(after.profile.credit_code, profile.credit_code, 'the imported credit code');
});
