// The bureau's review desk (desk.html): the generated set of received results loaded in the
// browser gives the same matrix, ranking, anomalies and verdicts as `selfcheck summary --format
// json` for the same files; the register, the expected list, the review states, the view and the
// files survive a reload; no request leaves the page; axe finds nothing in either language.
//
// The set, the desk's selectors and the CLI's analysis are in bureau-desk.mjs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { EXPECTED, NAMES, REGISTER, RESULTS, SET, cliAnalysis, desk, expectSameAnalysis, openDesk, settled } from './bureau-desk.mjs';
import { PASSPHRASE, SELFCHECK_BIN, attribute, download, expectAccessible, hidden, tempDir, until, visible, widgetTest } from './helpers.mjs';
import { thisIsNot, wrongKinds } from './wrong-kinds.mjs';

/** Loads the register, the expected list and every result of the set. */
async function loadSet(page) {
  await page.locator(desk.register).fill(readFileSync(REGISTER, 'utf8'));
  await page.locator(desk.applyRegister).click();
  await attribute(page, '[data-testid=register-message]', 'class', 'desk-ok');
  await page.setInputFiles(desk.expectedFile, EXPECTED);
  await attribute(page, '[data-testid=expected-message]', 'class', 'desk-ok');
  await page.setInputFiles(desk.files, NAMES.map((name) => join(RESULTS, name)));
  await settled(page, NAMES.length);
}

/** The set's months and the bureau's deadline, as `selfcheck summary` takes them. */
const SET_INFO = JSON.parse(readFileSync(join(SET, 'set.json'), 'utf8'));
const DEADLINE = String(SET_INFO.deadline);
const FIRST_MONTH = '2026-06';
const LAST_MONTH = '2026-10';

/** Sets the review's settings in the desk, as an officer does, and waits for the analysis they give. */
async function setSettings(page, { deadline, first, last, longest }) {
  if (deadline !== undefined) await page.locator('select[data-setting=deadline]').selectOption(deadline);
  if (first !== undefined) {
    await page.locator('input[data-setting=first]').fill(first);
    await page.locator('input[data-setting=first]').dispatchEvent('change');
  }
  if (last !== undefined) {
    await page.locator('input[data-setting=last]').fill(last);
    await page.locator('input[data-setting=last]').dispatchEvent('change');
  }
  if (longest !== undefined) {
    await page.locator('input[data-setting=longest]').fill(longest);
    await page.locator('input[data-setting=longest]').dispatchEvent('change');
  }
  await settled(page);
}

/** Waits until the analysis the page shows was computed with these settings (read from its download). */
async function analysisWith(page, expected) {
  let analysis;
  for (let attempt = 0; attempt < 40; attempt++) {
    analysis = await deskAnalysis(page);
    if (Object.entries(expected).every(([key, value]) => analysis.settings[key] === value)) return analysis;
    await page.waitForTimeout(250);
  }
  assert.deepEqual(analysis.settings, { ...analysis.settings, ...expected }, 'the settings the desk computed with');
  return analysis;
}

/** The desk's analysis, downloaded as the bureau would. */
async function deskAnalysis(page) {
  const { text } = await download(page, () => page.locator(desk.analysis).click());
  return JSON.parse(text);
}

widgetTest('desk: the generated set, with a deadline and months set, gives what selfcheck summary computes', async (session, t) => {
  const page = await openDesk(session);
  await loadSet(page);
  await setSettings(page, { deadline: DEADLINE, first: FIRST_MONTH, last: LAST_MONTH });
  await analysisWith(page, { deadline: SET_INFO.deadline, months: `${FIRST_MONTH}..${LAST_MONTH}` });
  // Two results asked to explain, in bulk with a note; the review file goes to the CLI too. (The
  // ranking is drawn a moment after the matrix: wait for its rows.)
  await page.locator('[data-testid=ranking] tbody tr').nth(2).waitFor();
  const picked = await page.locator('[data-testid=ranking] tbody tr').evaluateAll((rows) => rows.slice(1, 3).map((row) => row.dataset.result));
  for (const digest of picked) await page.locator(`input[data-pick="${digest}"]`).check();
  await page.locator('select[data-bulk=state]').selectOption('needs-explanation');
  await page.locator('input[data-bulk=note]').fill('请说明本月得分变化。');
  await page.locator('button[data-action=apply-reviews]').click();
  await page.locator('button[data-action=confirm-reviews]').click();
  await attribute(page, '[data-testid=review-message]', 'class', 'desk-ok');
  for (const digest of picked) assert.equal(await page.locator(`select[data-review="${digest}"]`).inputValue(), 'needs-explanation');
  const reviewFile = await download(page, () => page.locator(desk.exportReviews).click());
  const reviews = join(tempDir(t), 'reviews.json');
  writeFileSync(reviews, reviewFile.content);
  assert.deepEqual(JSON.parse(reviewFile.text).reviews.map((review) => review.result).sort(), [...picked].sort());

  const fromDesk = await deskAnalysis(page);
  assert.equal(fromDesk.format, 'selfcheck-analysis/2');
  assert.equal(fromDesk.files.length, NAMES.length);
  const fromCli = cliAnalysis(fromDesk.files.map((file) => file.name), reviews, ['--deadline', DEADLINE, '--months', `${FIRST_MONTH}..${LAST_MONTH}`]);
  expectSameAnalysis(fromDesk, fromCli);
  // The set plants rejected files, anomalies and missed months: the comparison is not of empties.
  assert.ok(fromDesk.counts.accepted < fromDesk.counts.files, 'some files are rejected');
  assert.ok(fromDesk.anomalies.length > 0, 'some anomalies are found');
  assert.ok(fromDesk.matrix.rows.some((row) => row.cells.includes('missing')), 'some months are missing');
  // The deadline is applied: late results show, every month (the set signs some on the 15th).
  assert.ok(fromDesk.matrix.month_figures.every((month) => month.late > 0), `late results every month: ${fromDesk.matrix.month_figures.map((m) => m.late)}`);
  const lateShown = await page.locator('[data-testid=month-figures] tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(lateShown.map(Number), fromDesk.matrix.month_figures.map((month) => month.late), "each month's 逾期 on the page");

  // An anomaly names its files in Chinese punctuation: “（a.json、b.json）”.
  const anomalyText = await page.locator('[data-testid=anomalies] li').first().textContent();
  assert.match(anomalyText, /（[^（）]+）$/, anomalyText);
  assert.doesNotMatch(anomalyText, / \(|, /, anomalyText);
  // What the page shows is that document: one verdict row per file, one matrix row per association.
  await until(page, 'every ranking row', (n) => document.querySelectorAll('[data-testid=ranking] tbody tr').length === Math.min(n, 100), fromDesk.ranking.length);
  const matrixRows = await page.locator('[data-testid=matrix] tbody tr').count();
  assert.equal(matrixRows, fromDesk.matrix.rows.length);
  await page.locator('select[data-filter=verdicts]').selectOption('invalid');
  const invalid = fromDesk.files.filter((file) => file.verdict !== 'accepted');
  await until(page, 'only the rejected files', (n) => document.querySelectorAll('[data-testid=verdicts] tbody tr').length === n, invalid.length);
  assert.equal(await page.locator('[data-testid=verdicts] tbody tr[data-verdict=accepted]').count(), 0);
});

widgetTest('desk: a reload keeps the register, the list, the files, the review states and the view', async (session) => {
  const page = await openDesk(session);
  await loadSet(page);
  const before = await deskAnalysis(page);
  // A review state on the best result, the ranking sorted by score (descending), and a filter.
  const best = before.ranking[0];
  const review = `select[data-review="${best.result}"]`;
  await page.locator(review).waitFor();
  await page.locator(review).selectOption('returned');
  await page.locator('button[data-sort=score]').click();
  await page.locator('button[data-sort=score]').click();
  await attribute(page, 'th:has(button[data-sort=score])', 'aria-sort', 'descending');
  await page.locator('input[data-filter=missed-two]').check();
  const missedRows = before.matrix.rows.filter((row) => row.longest_missed_run >= 2).length;
  assert.ok(missedRows > 0 && missedRows < before.matrix.rows.length, 'the filter keeps some rows, not all');
  await until(page, 'the filtered matrix', (n) => document.querySelectorAll('[data-testid=matrix] tbody tr').length === n, missedRows);

  await page.reload();
  await settled(page, NAMES.length);
  assert.equal(await page.locator(desk.register).inputValue(), readFileSync(REGISTER, 'utf8'));
  assert.match(await page.locator(desk.expected).inputValue(), /统一社会信用代码/);
  assert.equal(await page.locator(review).inputValue(), 'returned');
  await attribute(page, 'th:has(button[data-sort=score])', 'aria-sort', 'descending');
  assert.equal(await page.locator('input[data-filter=missed-two]').isChecked(), true);
  await until(page, 'the filtered matrix after the reload', (n) => document.querySelectorAll('[data-testid=matrix] tbody tr').length === n, missedRows);
  const after = await deskAnalysis(page);
  assert.deepEqual(after.matrix, before.matrix, 'the matrix after the reload');
  assert.equal(after.ranking.find((row) => row.result === best.result).review, 'returned');

  // Loading the same files again adds nothing: the view is the same.
  await page.setInputFiles(desk.files, NAMES.map((name) => join(RESULTS, name)));
  await settled(page, NAMES.length);
});

widgetTest('desk: axe finds nothing with the set loaded, in Chinese and in English', async (session) => {
  const page = await openDesk(session);
  await loadSet(page);
  await attribute(page, 'html', 'lang', 'zh-CN');
  await expectAccessible(page, 'the desk with the set loaded (zh-CN)');
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  await expectAccessible(page, 'the desk with the set loaded (en)');
});

widgetTest('desk: a signed summary verifies in the CLI, and the desk checks it', async (session, t) => {
  const dir = tempDir(t);
  const key = join(dir, 'bureau.pem');
  const keygen = spawnSync(SELFCHECK_BIN, ['keygen', '--out', key], { encoding: 'utf8', env: { ...process.env, SELFCHECK_PASSPHRASE: PASSPHRASE } });
  assert.equal(keygen.status, 0, keygen.stderr);
  const page = await openDesk(session);
  await loadSet(page);
  await page.setInputFiles('input[data-input=bureau-key]', key);
  await page.locator('input[data-input=bureau-passphrase]').fill(PASSPHRASE);
  await until(page, 'the key file read', () => !document.querySelector('button[data-action=sign-summary]').disabled);
  const summary = await download(page, () => page.locator('button[data-action=sign-summary]').click());
  await attribute(page, '[data-testid=sign-message]', 'class', 'desk-ok');
  const summaryPath = join(dir, summary.name);
  writeFileSync(summaryPath, summary.content);
  // The bureau's own files, as they were loaded (the expected list starts with a byte-order
  // mark, as Excel writes it): a summary names the bytes received, never a re-encoding.
  assert.deepEqual([...readFileSync(EXPECTED).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the list has a byte-order mark');
  const { content: reviewsFile } = await download(page, () => page.locator(desk.exportReviews).click());
  writeFileSync(join(dir, 'reviews.json'), reviewsFile);
  const verify = spawnSync(SELFCHECK_BIN, ['verify', summaryPath, '--inputs', RESULTS, REGISTER, EXPECTED, join(dir, 'reviews.json')], { encoding: 'utf8' });
  assert.equal(verify.status, 0, `selfcheck verify of the desk's signed summary with the original files:\n${verify.stdout}\n${verify.stderr}`);
  // The desk's download of the list gives back the same bytes.
  const { content: listBack } = await download(page, () => page.locator('button[data-action=download-expected]').click());
  assert.deepEqual(Buffer.from(listBack), readFileSync(EXPECTED), 'the list downloaded is the file loaded, byte for byte');

  // The desk checks it too, and refuses one changed after signing.
  await page.setInputFiles('input[data-input=check-summary]', summaryPath);
  await attribute(page, '[data-testid=sign-message]', 'class', 'desk-ok');
  const tampered = summary.text.replace(/"score": (\d+)/, (_, score) => `"score": ${Number(score) + 1}`);
  await page.setInputFiles('input[data-input=check-summary]', { name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await attribute(page, '[data-testid=sign-message]', 'class', 'desk-error');
});

widgetTest('desk: a .zip of e-mail attachments gives each file in it its verdict', async (session, t) => {
  const dir = tempDir(t);
  const zip = join(dir, 'attachments.zip');
  const some = NAMES.slice(0, 12);
  // Python's zipfile as an independent writer, deflated as mail clients and Windows do.
  const script = 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for path in sys.argv[2:]:\n        z.write(path, "邮件/" + path.split("/")[-1])\n';
  const made = spawnSync('python3', ['-c', script, zip, ...some.map((name) => join(RESULTS, name))], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, zip);
  await settled(page, some.length);
  const analysis = await deskAnalysis(page);
  assert.deepEqual(analysis.files.map((file) => file.name), some.map((name) => `attachments.zip/邮件/${name}`));
  const direct = cliAnalysis(some, null);
  assert.deepEqual(analysis.files.map((file) => [file.sha256, file.verdict]), direct.files.map((file) => [file.sha256, file.verdict]));
});

widgetTest("desk: the ranking of a chosen month has every association's result for it; vetoed and unfinished results are marked and not ranked; times are Beijing time", async (session) => {
  const page = await openDesk(session);
  await loadSet(page);
  const september = '2026-09';
  await page.locator('select[data-setting=ranking-month]').selectOption(september);
  const analysis = await analysisWith(page, { ranking_month: september });
  const fromCli = cliAnalysis(analysis.files.map((file) => file.name), null, ['--trusted-keys', REGISTER, '--expected', EXPECTED, '--month', september]);
  assert.deepEqual(analysis.ranking.map((row) => row.result), fromCli.ranking.map((row) => row.result), 'the ranking of September, as the CLI gives it');
  const septemberResults = new Set(analysis.files.filter((file) => file.verdict === 'accepted' && file.claim.period.to.startsWith(september)).map((file) => file.claim.credit_code));
  assert.ok(septemberResults.size > 30, `most associations reported for September: ${septemberResults.size}`);
  assert.equal(analysis.ranking.length, septemberResults.size, 'one row per association with a September result');
  assert.ok(analysis.ranking.every((row) => row.month === september), 'every row is September\'s');
  await until(page, 'the ranking rows of September', (n) => document.querySelectorAll('[data-testid=ranking] tbody tr').length === n, analysis.ranking.length);

  // Every standing is there, in the core's order, and the page marks what is not ranked.
  const order = { graded: 0, vetoed: 1, incomplete: 2 };
  const standings = analysis.ranking.map((row) => row.standing);
  assert.deepEqual(standings, [...standings].sort((a, b) => order[a] - order[b]), 'ranked, then vetoed, then unfinished');
  for (const row of analysis.ranking) {
    const shown = page.locator(`[data-testid=ranking] tbody tr[data-result="${row.result}"]`);
    const rank = await shown.locator('td').first().getAttribute('data-rank');
    assert.equal(rank, row.rank === null ? '' : String(row.rank), `${row.name}: rank`);
    const note = await shown.locator('[data-testid=unranked]').count();
    assert.equal(note, row.standing === 'graded' ? 0 : 1, `${row.name}: marked when not ranked`);
    if (row.standing === 'incomplete') {
      assert.equal((await shown.locator('td[data-grade]').textContent()).trim(), '尚未完成', `${row.name}: an unfinished result has no grade`);
      assert.match(await shown.locator('[data-testid=unranked]').textContent(), new RegExp(`已作答 ${row.answered} / ${row.criteria}`));
    }
    if (row.standing === 'vetoed') assert.match(await shown.locator('[data-testid=unranked]').textContent(), /一票否决/);
    // People read Beijing time: 2026-10-03T01:30:00Z is 2026-10-03 09:30.
    const beijing = new Date(Date.parse(row.signed) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    assert.equal((await shown.locator('td[data-signed]').textContent()).trim(), beijing, `${row.name}: signing time`);
  }
  assert.ok(standings.includes('vetoed') || standings.includes('incomplete'), 'the month has results that are not ranked');

  // The settings survive a reload.
  await page.reload();
  await settled(page, NAMES.length);
  assert.equal(await page.locator('select[data-setting=ranking-month]').inputValue(), september);
});

widgetTest('desk: an association not on the expected list is 名单外 before its first file, and counts nothing then', async (session) => {
  const page = await openDesk(session);
  await loadSet(page);
  const analysis = await deskAnalysis(page);
  const unlisted = analysis.matrix.rows.filter((row) => !row.expected);
  assert.equal(unlisted.length, 1, 'the set has one association not on the list');
  const [row] = unlisted;
  const first = row.cells.findIndex((cell) => cell !== 'unlisted');
  assert.ok(first > 0, `its first months are 名单外: ${row.cells}`);
  assert.equal(row.longest_missed_run, 0, 'and not counted as missed');
  const shown = page.locator(`[data-testid=matrix] tbody tr[data-credit-code="${row.credit_code}"]`);
  assert.equal(await shown.locator('td[data-cell=unlisted]').count(), first);
  assert.equal((await shown.locator('td[data-cell=unlisted]').first().textContent()).trim(), '名单外');
  assert.equal((await shown.locator('[data-testid=not-on-list]').textContent()).trim(), '名单外');
});

widgetTest('desk: an expected list saved as GBK is refused with how to save it, as the CLI does, and nothing is applied', async (session, t) => {
  const dir = tempDir(t);
  const gbk = join(dir, '应报名单-GBK.csv');
  const made = spawnSync('python3', ['-c', 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8-sig").read().encode("gbk"))', EXPECTED, gbk], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const cli = spawnSync(SELFCHECK_BIN, ['summary', '--expected', gbk, RESULTS], { encoding: 'utf8' });
  assert.equal(cli.status, 1, 'the CLI refuses it');
  const page = await openDesk(session);
  await page.setInputFiles(desk.expectedFile, gbk);
  await attribute(page, '[data-testid=expected-message]', 'class', 'desk-error');
  const message = await page.locator('[data-testid=expected-message]').textContent();
  assert.match(message, /GBK/, message);
  assert.match(message, /UTF-8/, message);
  assert.doesNotMatch(message, /已应用/, message);
  assert.equal(await page.locator(desk.expected).inputValue(), '', 'the text area is left as it was');
  await page.reload();
  await settled(page);
  assert.equal(await page.locator(desk.expected).inputValue(), '', 'and nothing was kept');
});

/** Writes a zip of `files` ({name, path}) with Python's zipfile, stored (not deflated) when `stored`. */
function pythonZip(zip, files, { stored = false } = {}) {
  const script = 'import json, sys, zipfile\nmethod = zipfile.ZIP_STORED if sys.argv[2] == "stored" else zipfile.ZIP_DEFLATED\nwith zipfile.ZipFile(sys.argv[1], "w", method) as z:\n    for name, path in json.loads(sys.argv[3]):\n        z.write(path, name)\n';
  const made = spawnSync('python3', ['-c', script, zip, stored ? 'stored' : 'deflated', JSON.stringify(files.map((file) => [file.name, file.path]))], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return readFileSync(zip);
}

/** The offset of every `signature` (4 bytes) in `bytes`. */
function offsetsOf(bytes, signature) {
  const found = [];
  for (let at = bytes.indexOf(signature); at !== -1; at = bytes.indexOf(signature, at + 1)) found.push(at);
  return found;
}

widgetTest('desk: a damaged .zip is one row with its verdict in the interface\'s language, and the rest of the batch goes on', async (session, t) => {
  const dir = tempDir(t);
  const results = NAMES.slice(0, 7).map((name) => ({ name, path: join(RESULTS, name) }));
  // An attachment cut short in transit: no central directory.
  const whole = pythonZip(join(dir, 'whole.zip'), results.slice(0, 3));
  const damaged = join(dir, '损坏的附件.zip');
  writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
  // An archive whose first file changed in transit (its CRC-32 no longer matches) and whose
  // second is marked as encrypted; its third is sound.
  const mixed = Buffer.from(pythonZip(join(dir, 'mixed.zip'), results.slice(3, 6), { stored: true }));
  const [firstLocal, secondLocal] = offsetsOf(mixed, Buffer.from('PK\x03\x04', 'latin1'));
  const nameLength = mixed.readUInt16LE(firstLocal + 26);
  const firstData = firstLocal + 30 + nameLength + mixed.readUInt16LE(firstLocal + 28);
  mixed[firstData + 40] ^= 0x01;
  mixed[secondLocal + 6] |= 0x01;
  mixed[offsetsOf(mixed, Buffer.from('PK\x01\x02', 'latin1'))[1] + 8] |= 0x01;
  const mixedPath = join(dir, 'mixed.zip');
  writeFileSync(mixedPath, mixed);
  const sound = join(dir, 'sound.zip');
  pythonZip(sound, results.slice(0, 3));

  const page = await openDesk(session);
  await page.setInputFiles(desk.files, [damaged, results[6].path, mixedPath, sound]);
  // 1 damaged archive, 1 result, 3 files of the mixed archive, 3 of the sound one.
  await settled(page, 8);
  assert.equal(await page.locator('[data-testid=load-failure]').count(), 0, 'no failure is reported: the archive is a row');

  const row = page.locator('[data-testid=verdicts] tbody tr', { has: page.locator('th', { hasText: /^损坏的附件\.zip$/ }) });
  assert.equal(await row.getAttribute('data-verdict'), 'not-a-result');
  const verdict = (await row.locator('td').first().textContent()).trim();
  assert.match(verdict, /不是自查结果/);
  assert.match(verdict, /压缩包已损坏/);
  assert.doesNotMatch(verdict, /[A-Za-z]/, `no English inside the Chinese verdict: ${verdict}`);
  const cell = (name) => page.locator('[data-testid=verdicts] tbody tr', { has: page.locator('th', { hasText: name }) }).locator('td').first();
  assert.match(await cell(`mixed.zip/${results[3].name}`).textContent(), /校验码不符/);
  assert.match(await cell(`mixed.zip/${results[4].name}`).textContent(), /已加密/);

  // In the exports: the analysis counts it as a file that is not a result, and the sound files
  // get the verdicts the CLI gives them.
  const analysis = await deskAnalysis(page);
  const entry = analysis.files.find((file) => file.name === '损坏的附件.zip');
  assert.equal(entry.reason, 'damaged-archive');
  assert.equal(entry.sha256, createHash('sha256').update(readFileSync(damaged)).digest('hex'));
  assert.equal(analysis.counts.rejected['not-a-result'], 3);
  const soundNames = [results[6], results[5], ...results.slice(0, 3)].map((file) => file.name);
  const direct = cliAnalysis(soundNames, null);
  const fromDesk = (name) => analysis.files.find((file) => file.name.split('/').pop() === name && file.verdict !== 'not-a-result');
  assert.deepEqual(soundNames.map((name) => [fromDesk(name).sha256, fromDesk(name).verdict]), direct.files.map((file) => [file.sha256, file.verdict]));
  // The workbook is a stored zip of XML: its files sheet names the archive.
  const workbook = await download(page, () => page.locator('button[data-action=export-xlsx]').click());
  assert.ok(workbook.content.includes(Buffer.from('损坏的附件.zip')), 'the workbook lists the damaged archive');

  // In the printed appendix, with its verdict.
  await page.evaluate(() => { window.print = () => {}; });
  await page.locator('button[data-action=print]').click();
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('[data-testid=print-appendix] tbody tr', { has: page.locator('th', { hasText: /^损坏的附件\.zip$/ }) });
  await visible(page, '[data-testid=print-appendix]');
  assert.match(await printed.textContent(), /压缩包已损坏/);
  await page.emulateMedia({ media: 'screen' });

  // In English, wholly in English; after a reload, the same row.
  await page.locator(desk.lang).click();
  await until(page, 'the English verdicts', () => document.querySelector('[data-testid=verdicts] tbody tr[data-verdict=not-a-result] td')?.textContent.includes('zip archive'));
  const english = (await row.locator('td').first().textContent()).trim();
  assert.match(english, /damaged or incomplete/);
  assert.doesNotMatch(english, /[\u3000-\u9fff\uff00-\uffef]/, `no Chinese inside the English verdict: ${english}`);
  await page.reload();
  await settled(page, 8);
  assert.equal(await row.getAttribute('data-verdict'), 'not-a-result');
  assert.match(await row.locator('td').first().textContent(), /damaged or incomplete/);
});

widgetTest('desk: setting a review state on many results asks first, naming how many, and Escape cancels', async (session) => {
  const page = await openDesk(session);
  await loadSet(page);
  await page.locator('[data-testid=ranking] tbody tr').nth(2).waitFor();
  const picked = await page.locator('[data-testid=ranking] tbody tr').evaluateAll((rows) => rows.slice(0, 3).map((row) => row.dataset.result));
  for (const digest of picked) await page.locator(`input[data-pick="${digest}"]`).check();
  const states = () => Promise.all(picked.map((digest) => page.locator(`select[data-review="${digest}"]`).inputValue()));
  const apply = page.locator('button[data-action=apply-reviews]');

  // No state is chosen for the officer.
  assert.equal(await page.locator('select[data-bulk=state]').inputValue(), '');
  await apply.click();
  await attribute(page, '[data-testid=review-message]', 'class', 'desk-error');
  assert.match(await page.locator('[data-testid=review-message]').textContent(), /请先选择要设置的审核状态/);
  assert.equal(await page.locator('[data-testid=bulk-confirm]').count(), 0);

  // The question names the count and the state; the focus moves into it; nothing is set yet.
  await page.locator('select[data-bulk=state]').selectOption('approved');
  await apply.click();
  const question = await visible(page, '[data-testid=bulk-confirm]');
  assert.match((await question.textContent()).replace(/\s+/g, ''), /将3份结果设为“通过”？/);
  assert.equal(await question.getAttribute('role'), 'alertdialog');
  await until(page, 'the focus in the question', () => document.activeElement?.closest('[data-testid=bulk-confirm]') !== null);
  assert.deepEqual(await states(), ['pending', 'pending', 'pending']);
  await expectAccessible(page, 'the desk asking before setting many review states');

  // Escape cancels, and the focus goes back to the button that asked.
  await page.keyboard.press('Escape');
  await hidden(page, '[data-testid=bulk-confirm]');
  await until(page, 'the focus back on the apply button', () => document.activeElement?.dataset.action === 'apply-reviews');
  assert.deepEqual(await states(), ['pending', 'pending', 'pending']);

  // By keyboard alone: ask again, confirm.
  await page.keyboard.press('Enter');
  await visible(page, '[data-testid=bulk-confirm]');
  await until(page, 'the focus in the question', () => document.activeElement?.closest('[data-testid=bulk-confirm]') !== null);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'confirm-reviews');
  await page.keyboard.press('Enter');
  await hidden(page, '[data-testid=bulk-confirm]');
  await attribute(page, '[data-testid=review-message]', 'class', 'desk-ok');
  assert.match(await page.locator('[data-testid=review-message]').textContent(), /已将 3 份结果设为“通过”/);
  assert.deepEqual(await states(), ['approved', 'approved', 'approved']);
  await until(page, 'the focus back on the apply button', () => document.activeElement?.dataset.action === 'apply-reviews');
  // The next change is not made with the state chosen last.
  assert.equal(await page.locator('select[data-bulk=state]').inputValue(), '');
});

/** The number of pages of a PDF Chromium wrote. */
function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

/** The most pages the generated set's report may take, and its part before the appendix. */
const PRINTED_PAGES = 10;
const REPORT_PAGES = 5;

widgetTest('desk: the printed report is a few pages of figures, matrix and ranking, with the files as an appendix', async (session, t) => {
  const page = await openDesk(session);
  await loadSet(page);
  const analysis = await deskAnalysis(page);
  await page.locator('[data-testid=ranking] tbody tr').nth(2).waitFor();
  // A filter on screen is printed as the filter in force, not as a statement.
  await page.locator('input[data-filter=missed-two]').check();
  await page.evaluate(() => { window.print = () => {}; });
  await page.locator('button[data-action=print]').click();
  await page.emulateMedia({ media: 'print' });
  await visible(page, '[data-testid=print-appendix]');
  assert.equal(await page.getByText('只显示连续 2 个月以上未报送的协会').isVisible(), false, 'the filter\'s label is not printed');
  assert.equal((await page.locator('[data-testid=matrix-filter-printed]').textContent()).trim(), '筛选：连续 2 个月以上未报送');
  await page.emulateMedia({ media: 'screen' });
  await page.locator('input[data-filter=missed-two]').uncheck();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-testid=matrix-filter-printed]').count(), 0, 'without the filter, no filter line');

  // The association's name is the larger, its credit code the smaller; each row is one line.
  const sizes = await page.evaluate(() => {
    const size = (element) => parseFloat(getComputedStyle(element).fontSize);
    const matrix = document.querySelector('[data-testid=matrix] tbody tr th');
    const ranking = document.querySelector('[data-testid=ranking] tbody tr');
    const lines = [...document.querySelectorAll('[data-testid=matrix] tbody tr, [data-testid=ranking] tbody tr')].map((row) => {
      const cell = row.querySelector('td');
      const height = parseFloat(getComputedStyle(cell).lineHeight) || size(cell) * 1.3;
      return row.getBoundingClientRect().height / height;
    });
    return {
      matrix: [size(matrix.querySelector('.desk-link')), size(matrix.querySelector('.desk-code'))],
      ranking: [size(ranking.querySelector('th .desk-link')), size(ranking.querySelector('td.desk-code'))],
      tallest: Math.max(...lines),
    };
  });
  assert.ok(sizes.matrix[0] > sizes.matrix[1], `matrix: name ${sizes.matrix[0]}px, code ${sizes.matrix[1]}px`);
  assert.ok(sizes.ranking[0] > sizes.ranking[1], `ranking: name ${sizes.ranking[0]}px, code ${sizes.ranking[1]}px`);
  assert.ok(sizes.tallest < 2, `every matrix and ranking row is one line (the tallest is ${sizes.tallest.toFixed(2)} lines)`);

  // The appendix lists every file, the register, the list and the review file, in small type.
  assert.equal(await page.locator('[data-testid=print-appendix] tbody tr').count(), analysis.files.length + 3);
  const appendixSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid=print-appendix] td')).fontSize));
  const tableSize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid=ranking] td')).fontSize));
  assert.ok(appendixSize < tableSize, `the appendix (${appendixSize}px) is smaller than the report (${tableSize}px)`);

  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = pageCount(pdf);
  assert.ok(pages <= PRINTED_PAGES, `the report of ${analysis.files.length} files takes ${pages} A4 pages, more than ${PRINTED_PAGES}`);
  // The report itself, without the appendix: printing renders the appendix again (the browser
  // says it is about to print), and the test hides it as soon as it is there.
  await page.evaluate(() => {
    const hide = () => document.querySelectorAll('[data-testid=print-appendix]').forEach((appendix) => { appendix.style.display = 'none'; });
    new MutationObserver(hide).observe(document.body, { childList: true, subtree: true });
    hide();
  });
  const report = pageCount(await page.pdf({ preferCSSPageSize: true }));
  assert.ok(report <= REPORT_PAGES, `the report before the appendix takes ${report} pages, more than ${REPORT_PAGES}`);
  assert.ok(report < pages, 'the appendix adds pages of its own');
  t.diagnostic(`${pages} A4 pages in all, ${report} before the appendix`);
});

widgetTest('desk: a key file, a text file and a Word document dropped among results are named by their kind, in either language', async (session, t) => {
  const kinds = wrongKinds(t);
  const page = await openDesk(session);
  const some = NAMES.slice(0, 3).map((name) => ({ name, mimeType: 'application/json', buffer: readFileSync(join(RESULTS, name)) }));
  const mistaken = [kinds.key, kinds.text, kinds.word].map((kind) => ({ name: kind.file, mimeType: kind.mime, buffer: kind.content }));
  await page.setInputFiles(desk.files, [...some, ...mistaken]);
  // The Word document is one file, not an archive opened into its parts.
  await settled(page, some.length + mistaken.length);
  const verdictOf = (name) =>
    page.evaluate((name) => {
      const row = [...document.querySelectorAll('[data-testid=verdicts] tbody tr')].find((tr) => tr.querySelector('th')?.textContent === name);
      return row ? { verdict: row.dataset.verdict, text: row.querySelector('td').textContent.replace(/\s+/g, ' ').trim() } : null;
    }, name);
  for (const kind of [kinds.key, kinds.text, kinds.word]) {
    const shown = await verdictOf(kind.file);
    assert.equal(shown?.verdict, 'not-a-result', `${kind.file}: ${JSON.stringify(shown)}`);
    assert.ok(shown.text.includes(thisIsNot(kind.zh, '签名的自查结果')), `${kind.file}: ${shown.text}`);
  }
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  const english = { [kinds.key.file]: 'This is a key file, not a signed result.', [kinds.text.file]: 'This is a plain text file, not a signed result.', [kinds.word.file]: 'This is a word-processing document, not a signed result.' };
  for (const [name, expected] of Object.entries(english)) {
    await until(page, `${name} is named in English`, ([name, expected]) => [...document.querySelectorAll('[data-testid=verdicts] tbody tr')].some((tr) => tr.querySelector('th')?.textContent === name && tr.querySelector('td').textContent.includes(expected)), [name, expected]);
  }
});
