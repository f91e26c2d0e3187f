// Smoke tests of what an association and the bureau do, in each browser Guangdong's offices run
// (issue 22): Chromium 88 (360 极速模式, the 信创 browsers' cores), 109 (Windows 7's last Chrome) and
// Debian's current one, as `cargo xtask test --only old` lists them in SELFCHECK_BROWSERS. Per
// browser: the standalone page (answers and the score, the draft over a reload, a key made and its
// backup, the export `selfcheck verify` accepts, the printed summary, the backup loaded and the
// result imported in a fresh context), the portal (the custom element and the iframe), and the desk
// (the generated set gives what `selfcheck summary` computes). Few steps each: the thorough tests
// are those of tests/browser/*.test.mjs, in Debian's Chromium.
//
// Every action goes through the DOM (see by-dom.mjs), since Playwright's own do not work in 88.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { EXPECTED, NAMES, REGISTER, RESULTS, cliAnalysis, desk, expectSameAnalysis, openDesk, settled } from '../bureau-desk.mjs';
import {
  PASSPHRASE,
  PROFILE,
  SLOW,
  Widget,
  answersDocument,
  attribute,
  catalogue,
  cliExpect,
  draftSnapshot,
  pageUrl,
  plannedAnswers,
  results,
  scoreWithCli,
  sel,
  tempDir,
  until,
  waitAnswered,
  waitSaved,
  widgetTest,
  writeTemp,
} from '../helpers.mjs';
import { BROWSERS, answer, chooseFiles, click, download, exportResult, fillProfile, isShown, launchListed, majorVersion, rendered, shown, textIn, toleratedCspReports, type, wholePage } from './by-dom.mjs';

/** A test's upper bound; the standalone page's journey in Chromium 88 takes a fraction of it. */
const TIMEOUT = 180_000;

/** A few answers of every kind (radio, not applicable, checklist items) and the B4 veto. */
const ANSWERS = plannedAnswers().filter((a) => ['A1', 'A2', 'A3', 'A5', 'B4', 'D10'].includes(a.id));

/** Waits until the page shows the key's fingerprint; returns it. */
async function waitFingerprint(w) {
  await until(w, 'the key fingerprint is shown', ([s, host]) => /^[0-9A-F]{4}( [0-9A-F]{4}){7}$/.test(__selfcheckTest.$(s, host)?.textContent.trim() ?? ''), [sel.fingerprint, w.host], { timeout: SLOW });
  return textIn(w, sel.fingerprint);
}

/** The page's figures against `selfcheck score`'s for the same answers. */
function expectScoredAsCli(shown, expected, what) {
  const figures = (r) => ({ total: r.total, maximum: r.maximum, score: r.score, grade: r.grade });
  assert.deepEqual(figures(shown), figures(expected), `${what}: the page's figures (actual) against \`selfcheck score\` (expected)`);
}

/** Opens the standalone page in a new page of the session; returns its widget once rendered. */
async function openStandalone(session) {
  const page = await session.context.newPage();
  await page.goto(pageUrl());
  const w = new Widget(page);
  await rendered(w);
  return w;
}

for (const browser of BROWSERS) {
  describe(browser.name, () => {
    let launching;
    const launch = () => (launching ??= launchListed(browser));
    after(async () => {
      if (launching) await (await launching).close();
    });
    const options = { timeout: TIMEOUT, launch, tolerated: toleratedCspReports(browser.major) };

    test(`is the Chromium it is listed as (${browser.major ?? 'newer than 109'})`, async () => {
      const launched = await launch();
      const major = majorVersion(launched);
      if (browser.major === null) assert.ok(major > 109, `Debian's Chromium is the current one, newer than the old ones tested: ${launched.version()}`);
      else assert.equal(major, browser.major, `${browser.executable} reports version ${launched.version()}`);
    });

    widgetTest('standalone page: answers score as `selfcheck score`; the draft is kept over a reload; a key is made and its backup downloaded; the export passes `selfcheck verify`; the print shows the summary; in a fresh context the backup loads and the result is imported and compared', async (s, t) => {
      const dir = tempDir(t);
      const w = await openStandalone(s);
      await fillProfile(w, PROFILE);
      await answer(w, ANSWERS);
      await waitAnswered(w, ANSWERS.length);
      expectScoredAsCli(await results(w), scoreWithCli(t, answersDocument(ANSWERS)), 'after answering');

      // The draft over a reload: a note typed last, saved, then everything back as it was.
      const marker = `old-browser-note-${browser.major ?? 'current'}`;
      await type(w, `${sel.criterion('A1')} textarea[data-note]`, marker);
      await waitSaved(w, marker);
      const before = await draftSnapshot(w);
      await w.page.reload();
      await rendered(w);
      await waitAnswered(w, ANSWERS.length);
      assert.deepEqual(await draftSnapshot(w), before, 'the draft after a reload (actual) against before it (expected)');

      // A key: the passphrase twice, then its backup, which must be downloaded before signing.
      await type(w, sel.newPassphrase, PASSPHRASE);
      await type(w, sel.repeatPassphrase, PASSPHRASE);
      await click(w, sel.createKey);
      const fingerprint = await waitFingerprint(w);
      const backup = await download(w, () => click(w, sel.downloadKey));
      // Two blocks: the key and its SM2 part (the 国密 signature runs in this old Chromium too).
      const block = '-----BEGIN ENCRYPTED PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END ENCRYPTED PRIVATE KEY-----\\r?\\n?';
      assert.match(backup.text, new RegExp(`^${block}${block}$`), `the key backup ${backup.name} is two encrypted PKCS#8 PEM blocks`);

      // The export, checked by the bureau's tool.
      await type(w, sel.unlockPassphrase, PASSPHRASE);
      await until(w, 'the export button is enabled', ([s, host]) => __selfcheckTest.$(s, host)?.disabled === false, [sel.exportButton, w.host]);
      const exported = await exportResult(w);
      assert.equal(exported.name, '514400005000031282-2026-10.json', 'the export\'s file name: the credit code and the month of the period');
      const resultFile = writeTemp(dir, exported.name, exported.content);
      cliExpect(0, ['verify', resultFile, '--require-sm2']);
      const signed = JSON.parse(cliExpect(0, ['report', resultFile, '--format', 'json']).stdout);
      assert.ok(signed.sm2, 'signed with both signatures');
      expectScoredAsCli(await results(w), signed.report, 'the exported result');
      assert.equal(signed.fingerprint.replace(/\s/g, ''), fingerprint.replace(/\s/g, ''), 'signed with the key whose fingerprint the page shows');

      // Printing: the summary of the signed result replaces the questionnaire.
      await w.page.emulateMedia({ media: 'print' });
      await shown(w, '#selfcheck-print');
      assert.equal(await isShown(w, '.selfcheck-screen'), false, 'the questionnaire is not printed');
      await attribute(w, '#selfcheck-print', 'data-signed', 'true');
      const printed = await textIn(w, '#selfcheck-print');
      for (const text of [PROFILE.name, exported.name, String(signed.report.score)]) assert.ok(printed.includes(text), `the printed summary shows ${text}: ${printed.slice(0, 300)}`);
      assert.ok(await isShown(w, '#selfcheck-print [data-testid=qr]'), 'the printed summary shows the QR code of the result');
      await w.page.emulateMedia({ media: 'screen' });

      // Another office computer: the backup loaded with its passphrase, the result compared.
      const other = await openStandalone(await s.newSession());
      await type(other, 'input[data-passphrase=load]', PASSPHRASE);
      await chooseFiles(other, sel.keyFile, { name: backup.name, mimeType: 'application/x-pem-file', buffer: backup.content });
      assert.equal(await waitFingerprint(other), fingerprint, 'the loaded backup is the same key');
      await chooseFiles(other, sel.resultFile, { name: exported.name, mimeType: 'application/json', buffer: exported.content });
      await attribute(other, sel.importMessage, 'data-state', 'ok');
      await click(other, sel.importCompare);
      await shown(other, sel.compare);
      const compared = await other.frame.evaluate(([s, host]) => __selfcheckTest.$$(`${s} tr`, host).map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()), [sel.compare, other.host]);
      for (const area of catalogue.areas) {
        const points = signed.report.areas.find((a) => a.id === area.id).points;
        const row = compared.find((r) => r.includes(area.title.zh));
        assert.ok(row?.includes(String(points)), `the comparison's ${area.id} row shows the result's ${points} points: ${row ?? JSON.stringify(compared)}`);
      }
    }, options);

    widgetTest('portal: the custom element and the iframe render, and each reports its answers to the portal as `selfcheck score` scores them', async (s, t) => {
      const page = await s.context.newPage();
      await page.goto(pageUrl('portal.html'));
      const element = new Widget(page, { host: '#portal-widget' });
      await rendered(element);
      const iframe = new Widget(page, { frame: await (await page.$('iframe#portal-iframe')).contentFrame() });
      await rendered(iframe);

      const inElement = ANSWERS.slice(0, 3);
      await answer(element, inElement);
      await waitAnswered(element, inElement.length);
      const elementReport = await until(
        page,
        'the portal received the element\'s selfcheck:change for its answers',
        ([n]) => __selfcheckTest.events.filter((e) => e.type === 'selfcheck:change' && e.target === 'portal-widget' && e.detail?.completeness?.answered === n).pop()?.detail,
        [inElement.length],
      );
      assert.deepEqual(await elementReport.jsonValue(), scoreWithCli(t, answersDocument(inElement)), 'the element\'s report (actual) against `selfcheck score` (expected)');

      const inIframe = ANSWERS.slice(3);
      await answer(iframe, inIframe);
      const iframeReport = await until(
        page,
        'the portal received the iframe\'s selfcheck:change message for its answers',
        ([n]) => __selfcheckTest.messages.filter((m) => m.from === 'portal-iframe' && m.data?.type === 'selfcheck:change' && m.data.report?.completeness?.answered === n).pop()?.data.report,
        [inIframe.length],
      );
      assert.deepEqual(await iframeReport.jsonValue(), scoreWithCli(t, answersDocument(inIframe)), 'the iframe\'s report (actual) against `selfcheck score` (expected)');
    }, options);

    widgetTest('desk: the generated set, with the register and the expected list, gives the analysis `selfcheck summary --format json` gives', async (s, t) => {
      const page = await openDesk(s);
      const onDesk = wholePage(page);
      await type(onDesk, desk.register, readFileSync(REGISTER, 'utf8'));
      await click(onDesk, desk.applyRegister);
      await attribute(onDesk, '[data-testid=register-message]', 'class', 'desk-ok');
      await chooseFiles(onDesk, desk.expectedFile, EXPECTED);
      await attribute(onDesk, '[data-testid=expected-message]', 'class', 'desk-ok');
      await chooseFiles(onDesk, desk.files, NAMES.map((name) => join(RESULTS, name)));
      await settled(page, NAMES.length);

      const fromDesk = JSON.parse((await download(onDesk, () => click(onDesk, desk.analysis))).text);
      // The desk's review states (every result 待审) go to the CLI too, as the bureau's review file.
      const reviews = writeTemp(tempDir(t), 'reviews.json', (await download(onDesk, () => click(onDesk, desk.exportReviews))).content);
      expectSameAnalysis(fromDesk, cliAnalysis(fromDesk.files.map((file) => file.name), reviews));
      assert.equal(fromDesk.files.length, NAMES.length, 'every file of the set is in the analysis');
    }, options);
  });
}
