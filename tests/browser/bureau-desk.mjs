// The bureau's generated set and the review desk's page, shared by the desk's tests
// (desk.test.mjs) and the smoke run in old Chromium (old-chromium/smoke.mjs): where the set is,
// waiting for the desk's worker, and what `selfcheck summary` computes from the same files.
//
// SELFCHECK_BUREAU_SET is the folder `cargo xtask bureau-set` wrote (results/, register.txt,
// expected.csv, set.json); `cargo xtask test` writes it and sets the variable.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { SELFCHECK_BIN, SLOW, pageUrl, until } from './helpers.mjs';

export const SET = process.env.SELFCHECK_BUREAU_SET;
if (!SET) throw new Error('SELFCHECK_BUREAU_SET is not set: run the browser tests with `cargo xtask test`');
export const RESULTS = join(SET, 'results');
export const REGISTER = join(SET, 'register.txt');
export const EXPECTED = join(SET, 'expected.csv');
/** The results' file names, sorted. */
export const NAMES = readdirSync(RESULTS).sort();

/** Selectors of the desk's page. */
export const desk = {
  status: '[data-testid=load-status]',
  files: 'input[data-input=files]',
  folder: 'input[data-input=folder]',
  register: '#desk-register-text',
  applyRegister: 'button[data-action=apply-register]',
  expectedFile: 'input[data-input=expected-file]',
  expected: '#desk-expected-text',
  analysis: 'button[data-action=download-analysis]',
  exportReviews: 'button[data-action=export-reviews]',
  lang: 'button[data-action=lang]',
};

/** Opens the desk in a new page of the session's context and waits until it has restored what it kept. */
export async function openDesk(session) {
  const page = await session.context.newPage();
  await page.goto(pageUrl('desk.html'));
  await settled(page);
  return page;
}

/**
 * Waits until the worker has answered (files restored or verified): the status is not busy, and
 * holds `files` files when given. On a timeout, says what the page shows.
 */
export async function settled(page, files) {
  await until(
    page,
    files === undefined ? 'the desk to settle' : `the desk to hold ${files} files`,
    ({ selector, files }) => {
      const status = document.querySelector(selector);
      return status?.dataset.busy === 'false' && (files === undefined || status.dataset.files === String(files));
    },
    { selector: desk.status, files },
    { timeout: SLOW, describe: (p) => p.evaluate(() => document.body.innerText.slice(0, 400)) },
  );
}

/**
 * `selfcheck summary --format json` for the same files (in the order the desk lists them), with the
 * register, the list and the review file; without a review file, for the files alone.
 */
export function cliAnalysis(names, reviews, settings = []) {
  const args = ['summary', '--format', 'json', ...(reviews ? ['--trusted-keys', REGISTER, '--expected', EXPECTED, '--reviews', reviews] : []), ...settings, ...names];
  const run = spawnSync(SELFCHECK_BIN, args, { cwd: RESULTS, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  // 0: every file accepted; 1: some rejected (the set plants some); anything else is a failure.
  assert.ok([0, 1].includes(run.status), `selfcheck summary exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/**
 * Fails unless the desk's analysis is the CLI's, part by part: each was computed with its own clock
 * (`settings.now`), and the inputs are named as each was given them.
 */
export function expectSameAnalysis(fromDesk, fromCli) {
  const { now: _deskNow, ...deskSettings } = fromDesk.settings;
  const { now: _cliNow, ...cliSettings } = fromCli.settings;
  assert.deepEqual(deskSettings, cliSettings, 'the settings');
  assert.deepEqual(fromDesk.matrix, fromCli.matrix, 'the matrix');
  assert.deepEqual(fromDesk.ranking, fromCli.ranking, 'the ranking');
  assert.deepEqual(fromDesk.anomalies, fromCli.anomalies, 'the anomalies');
  assert.deepEqual(fromDesk.counts, fromCli.counts, 'the counts');
  assert.deepEqual(fromDesk.files, fromCli.files, 'the verdicts');
  assert.deepEqual(fromDesk.province, fromCli.province, "the province's figures");
}
