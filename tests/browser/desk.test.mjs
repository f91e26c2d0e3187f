// The bureau's review desk (desk.html): the generated set of received results loaded in the
// browser gives the same matrix, ranking, anomalies and verdicts as `selfcheck summary --format
// json` for the same files; the register, the expected list, the review states, the view and the
// files survive a reload; no request leaves the page; axe finds nothing in either language.
//
// SELFCHECK_BUREAU_SET is the folder `cargo xtask bureau-set` wrote (results/, register.txt,
// expected.csv); `cargo xtask test` writes it and sets the variable.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PASSPHRASE, SELFCHECK_BIN, SLOW, attribute, download, expectAccessible, pageUrl, tempDir, until, widgetTest } from './helpers.mjs';
import { thisIsNot, wrongKinds } from './wrong-kinds.mjs';

const SET = process.env.SELFCHECK_BUREAU_SET;
if (!SET) throw new Error('SELFCHECK_BUREAU_SET is not set: run the browser tests with `cargo xtask test`');
const RESULTS = join(SET, 'results');
const REGISTER = join(SET, 'register.txt');
const EXPECTED = join(SET, 'expected.csv');
const NAMES = readdirSync(RESULTS).sort();

const desk = {
  status: '[data-testid=load-status]',
  files: 'input[data-input=files]',
  register: '#desk-register-text',
  applyRegister: 'button[data-action=apply-register]',
  expectedFile: 'input[data-input=expected-file]',
  expected: '#desk-expected-text',
  analysis: 'button[data-action=download-analysis]',
  lang: 'button[data-action=lang]',
};

/** Opens the desk in a new page of the session's context and waits until it has restored what it kept. */
async function openDesk(session) {
  const page = await session.context.newPage();
  await page.goto(pageUrl('desk.html'));
  await settled(page);
  return page;
}

/** Waits until the worker has answered (files restored or verified): the status is not busy. */
async function settled(page, files) {
  await until(
    page,
    files === undefined ? 'the desk to settle' : `the desk to hold ${files} files`,
    ({ selector, files }) => {
      const status = document.querySelector(selector);
      return status?.dataset.busy === 'false' && (files === undefined || status.dataset.files === String(files));
    },
    { selector: desk.status, files },
    { timeout: SLOW },
  );
}

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

/** The desk's analysis, downloaded as the bureau would. */
async function deskAnalysis(page) {
  const { text } = await download(page, () => page.locator(desk.analysis).click());
  return JSON.parse(text);
}

/**
 * `selfcheck summary --format json` for the same files (in the order the desk lists them), with the
 * register, the list and the review file; without a review file, for the files alone.
 */
function cliAnalysis(names, reviews) {
  const args = ['summary', '--format', 'json', ...(reviews ? ['--trusted-keys', REGISTER, '--expected', EXPECTED, '--reviews', reviews] : []), ...names];
  const run = spawnSync(SELFCHECK_BIN, args, { cwd: RESULTS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  // 0: every file accepted; 1: some rejected (the set plants some); anything else is a failure.
  assert.ok([0, 1].includes(run.status), `selfcheck summary exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

widgetTest('desk: the generated set gives what selfcheck summary computes', async (session, t) => {
  const page = await openDesk(session);
  await loadSet(page);
  // Two results asked to explain, in bulk with a note; the review file goes to the CLI too. (The
  // ranking is drawn a moment after the matrix: wait for its rows.)
  await page.locator('[data-testid=ranking] tbody tr').nth(2).waitFor();
  const picked = await page.locator('[data-testid=ranking] tbody tr').evaluateAll((rows) => rows.slice(1, 3).map((row) => row.dataset.result));
  for (const digest of picked) await page.locator(`input[data-pick="${digest}"]`).check();
  await page.locator('select[data-bulk=state]').selectOption('needs-explanation');
  await page.locator('input[data-bulk=note]').fill('请说明本月得分变化。');
  await page.locator('button[data-action=apply-reviews]').click();
  await attribute(page, '[data-testid=review-message]', 'class', 'desk-ok');
  for (const digest of picked) assert.equal(await page.locator(`select[data-review="${digest}"]`).inputValue(), 'needs-explanation');
  const reviewFile = await download(page, () => page.locator('button[data-action=export-reviews]').click());
  const reviews = join(tempDir(t), 'reviews.json');
  writeFileSync(reviews, reviewFile.content);
  assert.deepEqual(JSON.parse(reviewFile.text).reviews.map((review) => review.result).sort(), [...picked].sort());

  const fromDesk = await deskAnalysis(page);
  assert.equal(fromDesk.format, 'selfcheck-analysis/1');
  assert.equal(fromDesk.files.length, NAMES.length);
  const fromCli = cliAnalysis(fromDesk.files.map((file) => file.name), reviews);
  assert.deepEqual(fromDesk.matrix, fromCli.matrix, 'the matrix');
  assert.deepEqual(fromDesk.ranking, fromCli.ranking, 'the ranking');
  assert.deepEqual(fromDesk.anomalies, fromCli.anomalies, 'the anomalies');
  assert.deepEqual(fromDesk.counts, fromCli.counts, 'the counts');
  assert.deepEqual(fromDesk.files, fromCli.files, 'the verdicts');
  assert.deepEqual(fromDesk.province, fromCli.province, "the province's figures");
  // The set plants rejected files, anomalies and missed months: the comparison is not of empties.
  assert.ok(fromDesk.counts.accepted < fromDesk.counts.files, 'some files are rejected');
  assert.ok(fromDesk.anomalies.length > 0, 'some anomalies are found');
  assert.ok(fromDesk.matrix.rows.some((row) => row.cells.includes('missing')), 'some months are missing');

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
  // The inputs as the desk holds them: the register, the list and the review file, downloaded.
  const inputs = [];
  for (const [action, name] of [['download-register', 'register.txt'], ['download-expected', 'expected.csv'], ['export-reviews', 'reviews.json']]) {
    const { content } = await download(page, () => page.locator(`button[data-action=${action}]`).click());
    inputs.push(join(dir, name));
    writeFileSync(join(dir, name), content);
  }
  const verify = spawnSync(SELFCHECK_BIN, ['verify', summaryPath, '--inputs', RESULTS, ...inputs], { encoding: 'utf8' });
  assert.equal(verify.status, 0, `selfcheck verify of the desk's signed summary:\n${verify.stdout}\n${verify.stderr}`);

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
