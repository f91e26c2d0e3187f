// The bureau's review desk (desk.html): the generated set of received results loaded in the
// browser gives the same matrix, ranking, anomalies and verdicts as `selfcheck summary --format
// json` for the same files; the register, the expected list, the review states, the view and the
// files survive a reload; no request leaves the page; axe finds nothing in either language.
//
// The set, the desk's selectors and the CLI's analysis are in bureau-desk.mjs.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

import { EXPECTED, NAMES, REGISTER, RESULTS, SET, cliAnalysis, desk, expectSameAnalysis, openDesk, settled } from './bureau-desk.mjs';
import { PASSPHRASE, SELFCHECK_BIN, SLOW, attribute, download, expectAccessible, hidden, tempDir, until, visible, widgetTest } from './helpers.mjs';
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
  assert.equal(fromDesk.format, 'selfcheck-analysis/3');
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
  // An attachment cut short in transit within its first header: nothing of it can be read (one
  // cut further on is read by its local headers: see the test of archives as people make them).
  const whole = pythonZip(join(dir, 'whole.zip'), results.slice(0, 3));
  const damaged = join(dir, '损坏的附件.zip');
  writeFileSync(damaged, whole.subarray(0, 20));
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

// ---------------------------------------------------------------------------------------------
// What officers receive by e-mail (issue 25): archives as people make them, files dropped by
// mistake, and a register and list as the command line reads them.

const u16 = (value) => { const bytes = Buffer.alloc(2); bytes.writeUInt16LE(value); return bytes; };
const u32 = (value) => { const bytes = Buffer.alloc(4); bytes.writeUInt32LE(value >>> 0); return bytes; };
const u64 = (value) => { const bytes = Buffer.alloc(8); bytes.writeBigUInt64LE(BigInt(value)); return bytes; };

/**
 * A zip archive made byte by byte, laid out as the archivers people use lay them out. Each entry:
 * `name` (text, marked UTF-8; or bytes, as Windows writes GBK, unmarked), `content`, `deflate`,
 * and what to claim instead of the truth: `flags`, `declared` (the unpacked size), `crc`. Over
 * 65,535 entries it ends with ZIP64's records, as it must.
 */
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name);
    const content = entry.content ?? Buffer.alloc(0);
    const data = entry.deflate ? deflateRawSync(content) : content;
    const common = Buffer.concat([
      u16(20), u16(entry.flags ?? (Buffer.isBuffer(entry.name) ? 0 : 0x0800)), u16(entry.deflate ? 8 : 0), u32(0),
      u32(entry.crc ?? crc32(content)), u32(data.length), u32(entry.declared ?? content.length), u16(name.length), u16(0),
    ]);
    const local = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), common, name, data]);
    centrals.push(Buffer.concat([Buffer.from('PK\x01\x02', 'latin1'), u16(20), common, Buffer.alloc(10), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const many = entries.length > 0xffff;
  const zip64 = many
    ? Buffer.concat([
      Buffer.from('PK\x06\x06', 'latin1'), u64(44), u16(45), u16(45), u32(0), u32(0), u64(entries.length), u64(entries.length),
      u64(directory.length), u64(offset),
      Buffer.from('PK\x06\x07', 'latin1'), u32(0), u64(offset + directory.length), u32(1),
    ])
    : Buffer.alloc(0);
  const count = many ? 0xffff : entries.length;
  const end = Buffer.concat([
    Buffer.from('PK\x05\x06', 'latin1'), u16(0), u16(0), u16(count), u16(count),
    u32(many ? 0xffffffff : directory.length), u32(many ? 0xffffffff : offset), u16(0),
  ]);
  return Buffer.concat([...locals, directory, zip64, end]);
}

/** The verdict row of the file named `name` (`[data-testid=verdicts]`): its verdict code and text. */
function rowOf(page, name) {
  return page.evaluate((name) => {
    const row = [...document.querySelectorAll('[data-testid=verdicts] tbody tr')].find((tr) => tr.querySelector('th')?.textContent === name);
    return row ? { verdict: row.dataset.verdict, text: row.querySelector('td').textContent.replace(/\s+/g, ' ').trim() } : null;
  }, name);
}

/** Whether `text` holds a Latin word (Chinese verdicts may quote “__MACOSX”, and name macOS). */
const latinWord = (text) => /[A-Za-z]{3,}/.test(text.replace(/“[^”]*”/g, '').replace(/macOS/g, ''));
const chinese = (text) => /[\u3000-\u9fff\uff00-\uffef]/.test(text);

widgetTest('desk: .zip attachments as people make them: GBK names from Windows, macOS metadata, archives inside archives, names leading out, a bomb, encrypted and changed files, a cut directory, 100,000 entries', async (session, t) => {
  const dir = tempDir(t);
  const result = (index) => readFileSync(join(RESULTS, NAMES[index]));
  const inner = zipOf([{ name: NAMES[1], content: result(1), deflate: true }, { name: NAMES[2], content: result(2), deflate: true }]);
  const outer = zipOf([
    // 自查结果.json in GBK, as Windows' "Send to compressed folder" writes it on a Chinese system.
    { name: Buffer.concat([Buffer.from('d7d4b2e9bde1b9fb', 'hex'), Buffer.from('.json')]), content: result(0), deflate: true },
    { name: '__MACOSX/._自查结果.json', content: Buffer.from('00051607000200004d6163204f5320582020202020202020', 'hex') },
    { name: '转发/附件.zip', content: inner },
    { name: '../../etc/cron.d/result.json', content: result(3) },
    // Declared 100 bytes, 20 MiB of spaces in fact.
    { name: 'bomb.json', content: Buffer.alloc(20 << 20, 0x20), deflate: true, declared: 100 },
    { name: 'encrypted.json', content: result(4), flags: 0x0801 },
    { name: 'changed.json', content: result(5), crc: 0x12345678 },
    { name: NAMES[6], content: result(6), deflate: true },
  ]);
  const outerPath = join(dir, '邮件附件.zip');
  writeFileSync(outerPath, outer);
  // Cut short in transit: the central directory is gone, its three files are whole.
  const whole = zipOf([7, 8, 9].map((index) => ({ name: NAMES[index], content: result(index), deflate: true })));
  const cutPath = join(dir, '中断的附件.zip');
  writeFileSync(cutPath, whole.subarray(0, whole.indexOf(Buffer.from('PK\x01\x02', 'latin1'))));
  // 100,000 files (ZIP64's end record says so): far more than a month brings. Over 4 MiB, so the
  // desk reads it where it lies, not copied whole.
  const manyPath = join(dir, '十万个文件.zip');
  writeFileSync(manyPath, zipOf(Array.from({ length: 100_000 }, (_, index) => ({ name: `f${index}.txt` }))));

  const page = await openDesk(session);
  await page.setInputFiles(desk.files, [outerPath, cutPath, manyPath]);
  // 9 of the outer archive (its nested archive opened into 2), 1 + 3 of the cut one, 1 of the many.
  await settled(page, 14);
  assert.equal(await page.locator('[data-testid=load-failure]').count(), 0, 'no failure: every archive and entry is a row');
  const analysis = await deskAnalysis(page);
  const reasons = Object.fromEntries(analysis.files.map((file) => [file.name, file.reason || file.verdict]));
  assert.deepEqual(reasons, {
    '邮件附件.zip/自查结果.json': 'accepted',
    '邮件附件.zip/__MACOSX/._自查结果.json': 'macos-metadata',
    [`邮件附件.zip/转发/附件.zip/${NAMES[1]}`]: 'accepted',
    [`邮件附件.zip/转发/附件.zip/${NAMES[2]}`]: 'accepted',
    '邮件附件.zip/../../etc/cron.d/result.json': 'unsafe-entry-name',
    '邮件附件.zip/bomb.json': 'entry-too-large',
    '邮件附件.zip/encrypted.json': 'encrypted-entry',
    '邮件附件.zip/changed.json': 'entry-checksum-mismatch',
    [`邮件附件.zip/${NAMES[6]}`]: 'accepted',
    '中断的附件.zip': 'damaged-archive-directory',
    [`中断的附件.zip/${NAMES[7]}`]: 'accepted',
    [`中断的附件.zip/${NAMES[8]}`]: 'accepted',
    [`中断的附件.zip/${NAMES[9]}`]: 'accepted',
    '十万个文件.zip': 'too-many-entries',
  });
  // The results read get the verdicts and digests the CLI gives them.
  const read = [0, 1, 2, 6, 7, 8, 9].map((index) => NAMES[index]);
  const direct = cliAnalysis(read, null);
  const accepted = new Set(analysis.files.filter((file) => file.verdict === 'accepted').map((file) => file.sha256));
  assert.deepEqual(direct.files.map((file) => [file.verdict, accepted.has(file.sha256)]), read.map(() => ['accepted', true]));
  // Memory stays bounded: the bomb was not unpacked, the large archive not copied whole.
  const memory = Number(await page.locator(desk.status).getAttribute('data-worker-memory'));
  assert.ok(memory < 256 << 20, `the worker's memory after the archives: ${memory} bytes`);
  // Each row says what it is, wholly in the interface's language.
  const says = {
    '邮件附件.zip/__MACOSX/._自查结果.json': ['元数据', 'metadata macOS adds'],
    '邮件附件.zip/../../etc/cron.d/result.json': ['指向压缩包之外', 'leads out of the archive'],
    '邮件附件.zip/bomb.json': ['未予解压', 'not unpacked'],
    '邮件附件.zip/encrypted.json': ['已加密', 'encrypted'],
    '邮件附件.zip/changed.json': ['校验码不符', 'checksum'],
    '中断的附件.zip': ['目录已损坏或缺失', 'directory (at its end) is damaged'],
    '十万个文件.zip': ['超过 10,000 个文件', 'more than 10,000 files'],
  };
  for (const [name, [zh]] of Object.entries(says)) {
    const row = await rowOf(page, name);
    assert.equal(row?.verdict, 'not-a-result', `${name}: ${JSON.stringify(row)}`);
    assert.ok(row.text.includes(zh), `${name}: ${row.text}`);
    assert.ok(!latinWord(row.text), `no English in the Chinese row of ${name}: ${row.text}`);
  }
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  for (const [name, [, en]] of Object.entries(says)) {
    await until(page, `${name} in English`, ([name, en]) => [...document.querySelectorAll('[data-testid=verdicts] tbody tr')]
      .some((tr) => tr.querySelector('th')?.textContent === name && tr.querySelector('td').textContent.includes(en)), [name, en]);
    const row = await rowOf(page, name);
    assert.ok(!chinese(row.text), `no Chinese in the English row of ${name}: ${row.text}`);
  }
  // After a reload, the same rows (the large archive's entry kept by its digest alone).
  await page.reload();
  await settled(page, 14);
  assert.deepEqual(Object.fromEntries((await deskAnalysis(page)).files.map((file) => [file.name, file.reason || file.verdict])), reasons);
});

widgetTest('desk: files dropped by mistake: a video too large to read is named, hashed in pieces with a moving bar that can be cancelled, and the page stays responsive', async (session, t) => {
  const dir = tempDir(t);
  // A 2 GB video: its first bytes say MP4 ("ftyp"); the rest is never held whole.
  const video = join(dir, '培训录像.mp4');
  writeFileSync(video, Buffer.from('0000002066747970697336d000000200697336d069736f326176633170d6d831', 'hex'));
  truncateSync(video, 2 ** 31);
  const small = join(dir, '会议录像.json');
  writeFileSync(small, Buffer.concat([Buffer.from('0000002066747970', 'hex'), Buffer.from('isom'), Buffer.alloc(20 << 20, 7)]));
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, video);
  // The bar moves while the video is hashed: its value grows between two looks.
  const value = async () => Number(await page.locator('[data-testid=progress]').getAttribute('value'));
  await visible(page, '[data-testid=progress]', { timeout: SLOW });
  await until(page, 'the progress bar to move', () => Number(document.querySelector('[data-testid=progress]')?.getAttribute('value')) > 0, undefined, { timeout: SLOW });
  const first = await value();
  await until(page, 'the progress bar to move on', (first) => Number(document.querySelector('[data-testid=progress]')?.getAttribute('value')) > first, first, { timeout: SLOW });
  // The page answers meanwhile: the language switches at once.
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  await page.locator('button[data-action=cancel-load]').click();
  await until(page, 'the reading to stop, saying so', () => {
    const status = document.querySelector('[data-testid=load-status]');
    return status?.dataset.busy === 'false' && status.textContent.startsWith('Cancelled: 0 of 1 files read');
  }, undefined, { timeout: SLOW });
  assert.equal(await page.locator(desk.status).getAttribute('data-files'), '0', 'nothing half-read is kept');
  // A smaller one, named .json by mistake, goes through: a row naming what it is, with the
  // digest of all its bytes.
  await page.setInputFiles(desk.files, small);
  await settled(page, 1);
  const analysis = await deskAnalysis(page);
  assert.equal(analysis.files[0].sha256, createHash('sha256').update(readFileSync(small)).digest('hex'));
  assert.equal(analysis.files[0].reason, 'wrong-document');
  assert.ok((await rowOf(page, '会议录像.json')).text.endsWith('Not a result: This is a video or audio file, not a signed result.'));
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'zh-CN');
  await until(page, 'the row in Chinese', () => document.querySelector('[data-testid=verdicts] tbody td')?.textContent.includes('这是音视频文件，不是签名的自查结果。'));
});

widgetTest('desk: a folder of 50,000 files: the bar moves, the page answers, and the reading can be cancelled, keeping what was read', async (session, t) => {
  const dir = tempDir(t);
  const folder = join(dir, '收件箱');
  mkdirSync(folder);
  for (let index = 0; index < 50_000; index += 1) writeFileSync(join(folder, `${String(index).padStart(5, '0')}.txt`), `第 ${index} 个`);
  const page = await openDesk(session);
  await page.setInputFiles(desk.folder, folder, { timeout: 120_000 });
  await until(page, 'a thousand files read', () => Number(document.querySelector('[data-testid=progress]')?.getAttribute('value')) >= 1_000_000, undefined, { timeout: 120_000 });
  await page.locator(desk.lang).click();
  await attribute(page, 'html', 'lang', 'en');
  await page.locator('button[data-action=cancel-load]').click();
  await until(page, 'the reading to stop', () => document.querySelector('[data-testid=load-status]')?.dataset.busy === 'false', undefined, { timeout: 120_000 });
  const status = await page.locator(desk.status).textContent();
  const [, done, total] = status.match(/^Cancelled: (\d+) of (\d+) files read/) ?? [];
  assert.ok(Number(done) >= 1000 && Number(done) < 50_000 && total === '50000', status);
  assert.equal(await page.locator(desk.status).getAttribute('data-files'), done, 'every file read is held, and only those');
  await page.locator('button[data-action=clear-files]').click();
  await settled(page, 0);
}, { timeout: 300_000 });

widgetTest('desk: the CLI\'s hostile files (empty, a Word document named .json, GBK, UTF-16, one file under two names, …) get the CLI\'s verdicts and words', async (session) => {
  const hostile = new URL('../data/hostile/', import.meta.url).pathname;
  const names = readdirSync(hostile).sort();
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, names.map((name) => join(hostile, name)));
  await settled(page, names.length);
  const clock = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g;
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.locator(desk.lang).click();
      await attribute(page, 'html', 'lang', 'en');
    }
    const run = spawnSync(SELFCHECK_BIN, ['--lang', lang, 'summary', '--format', 'json', ...names], { cwd: hostile, encoding: 'utf8', maxBuffer: 64 << 20 });
    const cli = JSON.parse(run.stdout);
    const desks = await deskAnalysis(page);
    const view = (files) => files.map((file) => [file.name, file.sha256, file.verdict, file.reason, file.message.replace(clock, '…'), file.copy_of]);
    assert.deepEqual(view(desks.files), view(cli.files), lang);
    assert.ok(desks.anomalies.some((anomaly) => anomaly.code === 'same-file-twice'), 'the file dropped twice is named as such');
  }
  // The same file dropped twice, under two names, says so on its row; the first does not.
  const copyOf = (name) => page.locator('[data-testid=verdicts] tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) }).locator('[data-testid=copy-of]');
  // (result-golden-copy.json sorts first; the file with a byte-order mark holds the same result.)
  assert.equal(await copyOf('result-golden-copy.json').count(), 0);
  for (const copy of ['result-golden.json', 'result-with-bom.json']) {
    assert.equal((await copyOf(copy).textContent()).trim(), 'The same result as “result-golden-copy.json”: counted once.', copy);
  }
  const utf16 = await rowOf(page, 'result-utf16.json');
  assert.match(utf16.text, /UTF-16/);
  assert.ok((await rowOf(page, 'empty.json')).text.endsWith('Not a result: The signed result cannot be read: it is empty.'));
  assert.ok((await rowOf(page, 'word-document-named.json')).text.endsWith('Not a result: This is a word-processing document, not a signed result.'));
});

widgetTest('desk: a register and an expected list loaded get the words the CLI gives --trusted-keys and --expected', async (session, t) => {
  const dir = tempDir(t);
  const golden = new URL('../data/golden/result-complete.json', import.meta.url).pathname;
  const fingerprint = '65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0';
  const utf16 = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const gbk = Buffer.concat([Buffer.from('# '), Buffer.from('b5c7bcc7', 'hex'), Buffer.from(`\n514400005000031282 ${fingerprint}\n`)]);
  const files = {
    register: {
      'gbk.txt': gbk,
      'utf16.txt': utf16(`514400005000031282 ${fingerprint}\n`),
      'a-result.txt': readFileSync(golden),
      'word.txt': readFileSync(new URL('../data/hostile/word-document-named.json', import.meta.url)),
      'bad-line.txt': Buffer.from(`514400005000031283 ${fingerprint}\n51440000 0000 FE81\n`),
      'huge.txt': Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 << 20, 0x20)]),
      'spaced.txt': Buffer.from(`514400 005000 031282 ${fingerprint}\n`),
    },
    expected: {
      'gbk.csv': Buffer.concat([Buffer.from('b5a5cebbc3fbb3c62cb4fac2eb0a', 'hex'), Buffer.from('x,514400005000031282\n')]),
      'unicode.txt': utf16('名称\t统一社会信用代码\r\n广东省示例行业协会\t514400005000031282\r\n'),
      // The same code twice, once as a Chinese input method types it: one association.
      'twice.csv': Buffer.from(`名称,统一社会信用代码\n甲协会,514400005000031282\n乙协会,${[...'514400005000031282'].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')}\n`),
      'number.csv': Buffer.from('名称,统一社会信用代码\n甲协会,5.144E+17\n'),
      'a-result.csv': readFileSync(golden),
      'huge.csv': Buffer.alloc(5 << 20, 0x41),
    },
  };
  const page = await openDesk(session);
  for (const lang of ['zh', 'en']) {
    if (lang === 'en') {
      await page.locator(desk.lang).click();
      await attribute(page, 'html', 'lang', 'en');
    }
    for (const [kind, byName] of Object.entries(files)) {
      for (const [name, content] of Object.entries(byName)) {
        const path = join(dir, name);
        writeFileSync(path, content);
        const args = kind === 'register' ? ['verify', golden, '--trusted-keys', path] : ['summary', golden, '--expected', path];
        const run = spawnSync(SELFCHECK_BIN, ['--lang', lang, ...args], { encoding: 'utf8' });
        const message = page.locator(`[data-testid=${kind}-message]`);
        // A message that is this file's: cleared by typing first.
        await page.locator(`#desk-${kind}-text`).fill('#');
        await page.locator(`#desk-${kind}-text`).fill('');
        await until(page, 'the message cleared', (kind) => document.querySelector(`[data-testid=${kind}-message]`)?.textContent.trim() === '', kind);
        await page.locator(`input[data-input=${kind}-file]`).setInputFiles(path);
        await until(page, `the desk's word on ${name}`, (kind) => document.querySelector(`[data-testid=${kind}-message]`)?.textContent.trim() !== '', kind);
        const said = (await message.textContent()).trim();
        if (run.status === 0) {
          assert.equal(await message.getAttribute('class'), 'desk-ok', `${lang} ${name}: the CLI accepts it: ${said}`);
        } else {
          assert.equal(await message.getAttribute('class'), 'desk-error', `${lang} ${name}: ${said}`);
          assert.ok(run.stderr.includes(said), `${lang} ${name}: the desk says "${said}", the CLI ${run.stderr}`);
        }
      }
    }
  }
});
