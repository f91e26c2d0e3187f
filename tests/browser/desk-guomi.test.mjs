// The desk and the second signature (国密签名, SM2/SM3): each received file says whether it
// carries it; with the setting "要求附国密签名" a result with the Ed25519 proof alone is refused
// with that reason, as `selfcheck summary --require-sm2` refuses it, and the setting is kept.

import assert from 'node:assert/strict';

import { desk, openDesk, settled } from './bureau-desk.mjs';
import { cliExpect, until, widgetTest } from './helpers.mjs';

const BEFORE = new URL('../data/golden/result-complete.json', import.meta.url);
const WITH_SM2 = new URL('../data/golden/formats/result-sm2.json', import.meta.url);

/** Each file's verdict row: its verdict and what it says of the 国密 signature. */
async function rows(page) {
  return page.locator('[data-testid=verdicts] tbody tr').evaluateAll((rows) => rows.map((row) => ({
    verdict: row.dataset.verdict,
    sm2: row.querySelector('[data-testid=sm2]')?.dataset.sm2 ?? null,
    text: row.textContent,
  })).sort((a, b) => a.verdict.localeCompare(b.verdict)));
}

widgetTest('desk: each file says whether it carries the 国密 signature, and the setting refuses one without it', async (session) => {
  const page = await openDesk(session);
  await page.setInputFiles(desk.files, [BEFORE.pathname, WITH_SM2.pathname]);
  await settled(page, 2);
  const before = await rows(page);
  assert.deepEqual(before.map((row) => [row.verdict, row.sm2]), [['accepted', 'absent'], ['accepted', 'valid']]);
  assert.match(before.find((row) => row.sm2 === 'valid').text, /国密签名（SM2\/SM3）：有效/);

  await page.locator('input[data-setting=require-sm2]').check();
  await until(page, 'the result without it refused', () => document.querySelector('[data-testid=verdicts] tr[data-verdict=signature]') !== null);
  await settled(page, 2);
  const refused = await page.locator('[data-testid=verdicts] tr[data-verdict=signature]').textContent();
  assert.match(refused, /未附国密签名（SM2\/SM3），按要求不予接收/);
  assert.equal(await page.locator('[data-testid=verdicts] tr[data-verdict=accepted]').count(), 1);
  // The command line says the same of the same files.
  const cli = JSON.parse(cliExpect(0, ['summary', BEFORE.pathname, WITH_SM2.pathname, '--require-sm2', '--format', 'json']).stdout);
  assert.deepEqual(cli.files.map((file) => [file.verdict, file.reason]).sort(), [['accepted', null], ['signature', 'sm2-required']]);
  assert.equal(cli.settings.require_sm2, true);

  // Kept across a reload, as every setting is.
  await page.reload();
  await settled(page, 2);
  assert.equal(await page.locator('input[data-setting=require-sm2]').isChecked(), true);
  assert.equal(await page.locator('[data-testid=verdicts] tr[data-verdict=signature]').count(), 1);
});
