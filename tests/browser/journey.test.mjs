// The association's journey on a phone (390×844) and an office laptop (1366×768) (issue 10):
// "next unanswered" lands on a control nothing covers; each action's message appears in the
// section of the control that caused it; signing with open criteria is confirmed; a checklist can
// be answered "none"; a bare link is kept as https://; the printed summary carries what an office
// needs; the Chinese interface says nothing in English; axe finds nothing in either language; and
// drafts and results of the first catalogue version still load.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  PASSPHRASE,
  PROFILE,
  SLOW,
  answer,
  answersDocument,
  attribute,
  catalogue,
  cliExpect,
  criteria,
  download,
  draftSnapshot,
  expectAccessible,
  exportResult,
  file,
  fillProfile,
  hidden,
  plannedAnswers,
  ready,
  results,
  scoreWithCli,
  sel,
  tempDir,
  until,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
  writeTemp,
} from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const SIZES = [
  ['390×844', PHONE],
  ['1366×768', LAPTOP],
];

/** The golden result of the first catalogue version (signed with the published test key). */
const FIRST_VERSION_RESULT = new URL('../data/golden/versions/1.0.0/result-complete.json', import.meta.url);

/**
 * Where the focused element is and whether it can be seen: inside the viewport, and the element at
 * its centre is the control itself or inside it (not a sticky bar over it).
 */
function focusedAndUncovered(page) {
  return page.evaluate(() => {
    const root = __selfcheckTest.root();
    const el = __selfcheckTest.active();
    if (!el || el === document.body) return { ok: false, why: 'nothing is focused' };
    const box = el.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const inView = box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
    const atCentre = root.elementFromPoint(x, y);
    const uncovered = Boolean(atCentre) && (atCentre === el || el.contains(atCentre));
    return {
      ok: inView && uncovered,
      id: el.id || null,
      criterion: el.closest('fieldset[data-criterion]')?.dataset.criterion ?? null,
      box: [Math.round(box.top), Math.round(box.bottom)],
      viewport: window.innerHeight,
      atCentre: atCentre?.outerHTML.slice(0, 120) ?? null,
    };
  });
}

/** Presses "next unanswered" and checks that the focus lands on something seen and uncovered; returns where. */
async function nextUnanswered(page, what) {
  await page.locator(sel.nextUnanswered).click();
  let where;
  await until(
    page,
    `${what}: the focused control is in view and nothing covers it`,
    () => {
      const el = __selfcheckTest.active();
      if (!el || el.tagName !== 'INPUT') return false;
      const box = el.getBoundingClientRect();
      const at = __selfcheckTest.root().elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return box.top >= 0 && box.bottom <= window.innerHeight && Boolean(at) && (at === el || el.contains(at));
    },
    undefined,
    { describe: focusedAndUncovered },
  );
  where = await focusedAndUncovered(page);
  assert.ok(where.ok, `${what}: ${JSON.stringify(where)}`);
  return where.criterion ?? where.id;
}

/**
 * Waits until the jump to the heading `id` has settled: the heading has the focus, every area drawn
 * lazily (content-visibility) that meets the view is drawn, and the heading stayed where it is over
 * three checks in a row. Returns where the heading's top and the sticky bar's bottom are.
 */
async function settledLanding(page, id) {
  await until(
    page,
    `the jump to #${id} has the focus and nothing moves any more`,
    (id) => {
      const root = __selfcheckTest.root();
      const heading = root.getElementById(id);
      if (!heading || __selfcheckTest.active() !== heading) return false;
      const drawn = [...root.querySelectorAll('.selfcheck-questions')].every((section) => {
        const box = section.getBoundingClientRect();
        const meetsView = box.bottom > 0 && box.top < window.innerHeight;
        return !meetsView || section.firstElementChild.checkVisibility({ contentVisibilityAuto: true });
      });
      const top = Math.round(heading.getBoundingClientRect().top);
      const seen = (globalThis.__landing ??= { top: null, same: 0 });
      seen.same = drawn && seen.top === top ? seen.same + 1 : 0;
      seen.top = top;
      return seen.same >= 3;
    },
    id,
    { describe: (p) => p.evaluate(() => globalThis.__landing) },
  );
  return page.evaluate((id) => {
    const root = __selfcheckTest.root();
    return {
      heading: Math.round(root.getElementById(id).getBoundingClientRect().top),
      bar: Math.round(root.querySelector('.selfcheck-nav-bar').getBoundingClientRect().bottom),
    };
  }, id);
}

widgetTest('390×844: each link of 目录 lands its target\'s heading just below the sticky bar, first time', async (s) => {
  const targets = [
    ...catalogue.areas.map((area) => [`a[data-area-link="${area.id}"]`, `selfcheck-area-title-${area.id}`]),
    ['a[href="#selfcheck-key"]', 'selfcheck-key-title'],
    ['a[href="#selfcheck-import"]', 'selfcheck-import-title'],
  ];
  for (const [link, heading] of targets) {
    // A fresh page each time: nothing drawn yet below the first screen.
    const page = await s.open({ viewport: PHONE });
    await page.locator('button[data-action=nav-toggle]').click();
    await page.locator(`#selfcheck-nav-list ${link}`).click();
    const landing = await settledLanding(page, heading);
    assert.ok(
      landing.heading >= landing.bar && landing.heading <= landing.bar + 24,
      `${link}: the heading #${heading} lands just below the bar (bottom ${landing.bar} px), not at ${landing.heading} px`,
    );
    await page.close();
  }
}, { timeout: 120_000 });

for (const [size, viewport] of SIZES) {
  widgetTest(`${size}: "next unanswered" visits the empty profile fields, then each open criterion, always in view and uncovered`, async (s) => {
    const page = await s.open({ viewport });
    // Half the profile: the empty fields come first.
    await fillProfile(page, { name: PROFILE.name, credit_code: PROFILE.credit_code, person: PROFILE.person, email: PROFILE.email });
    const emptyFields = ['selfcheck-profile-phone', 'selfcheck-profile-from', 'selfcheck-profile-to'];
    // Everything of areas A to C answered: the open criteria are deep down the page.
    const answered = plannedAnswers().filter((a) => /^[ABC]/.test(a.id));
    await answer(page, answered);
    await waitAnswered(page, answered.length);
    const open = criteria.filter((c) => !answered.some((a) => a.id === c.id)).map((c) => c.id);
    await page.evaluate(() => window.scrollTo(0, 0));

    const visited = [];
    for (let press = 0; press < emptyFields.length + 3; press++) visited.push(await nextUnanswered(page, `press ${press + 1}`));
    assert.deepEqual(visited, [...emptyFields, ...open.slice(0, 3)], 'each press goes on to the next empty field or open criterion (a second press does not stay put)');

    // From the bottom of the page, and after jumping to the last area, the landing is still uncovered.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.locator(`a[data-area-link="${catalogue.areas.at(-1).id}"]`).first().evaluate((a) => a.click());
    await nextUnanswered(page, 'after the area link');
  });

  widgetTest(`${size}: each action's message appears inside the section of the control that caused it`, async (s, t) => {
    const page = await s.open({ viewport });
    await fillProfile(page, PROFILE);
    await answer(page, [{ id: 'A1', value: 'yes' }]);

    /** The message (a `[data-testid=notice]` with this data-place) and the section holding `control`. */
    const expectNear = async (control, place, what) => {
      const message = await visible(page, `[data-testid=notice][data-place=${place}]`, { timeout: SLOW });
      const same = await page.evaluate(
        ([c, p]) => {
          const container = (el) => el?.closest('fieldset[data-criterion], section, header') ?? null;
          const control = __selfcheckTest.$(c);
          const message = __selfcheckTest.$(`[data-testid=notice][data-place=${p}]`);
          return { same: Boolean(control) && container(control) === container(message), section: container(message)?.id || container(message)?.tagName };
        },
        [control, place],
      );
      assert.ok(same.same, `${what}: the message is in ${same.section}, not with ${control}`);
      const text = (await message.textContent()).trim();
      assert.notEqual(text, '', `${what}: the message says something`);
      const live = await message.getAttribute('role');
      assert.equal(live, 'status', `${what}: the message is announced politely`);
      return text;
    };

    // The key: passphrases that differ, then a key made.
    await page.locator(sel.newPassphrase).fill(PASSPHRASE);
    await page.locator(sel.repeatPassphrase).fill(`${PASSPHRASE}!`);
    await page.locator(sel.createKey).click();
    await expectNear(sel.createKey, 'key', 'passphrases that differ');
    assert.equal(await page.locator(sel.repeatPassphrase).inputValue(), `${PASSPHRASE}!`, 'the repeated passphrase is kept to be corrected');
    await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
    await page.locator(sel.createKey).click();
    await until(page, 'a fingerprint is shown', (f) => Boolean(__selfcheckTest.$(f)), sel.fingerprint, { timeout: SLOW });
    await expectNear(sel.downloadKey, 'key', 'the key made');
    await download(page, () => page.locator(sel.downloadKey).click());

    // Export: a wrong passphrase (said before any question about open criteria), then done.
    await page.locator(sel.unlockPassphrase).fill('wrong passphrase');
    await page.locator(sel.exportButton).click();
    await until(page, 'the export failed', () => __selfcheckTest.$('[data-testid=notice][data-place=export]')?.dataset.state === 'error', undefined, { timeout: SLOW });
    await expectNear(sel.exportButton, 'export', 'a wrong passphrase');
    await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);
    const exported = await exportResult(page);
    await until(page, 'the export is reported', () => __selfcheckTest.$('[data-testid=notice][data-place=export]')?.dataset.state === 'ok');
    assert.ok((await expectNear(sel.exportButton, 'export', 'the export done')).includes(exported.name), 'the export message names the file');

    // Evidence: a link that is not an address, in the criterion where it was typed.
    await page.locator(`${sel.criterion('A3')} input[data-evidence-link]`).fill('会议纪要第三页');
    await page.locator(`${sel.criterion('A3')} button[data-action=add-link]`).click();
    await expectNear(`${sel.criterion('A3')} button[data-action=add-link]`, 'criterion', 'a refused link');

    // Import: a result that fails, in the import section.
    await page.locator(sel.resultFile).setInputFiles(file('changed.json', exported.text.replace('"value": "yes"', '"value": "no"')));
    await expectNear(sel.resultFile, 'import', 'an import that fails');

    // A draft file, in the header with the draft tools.
    const dir = tempDir(t);
    const draftFile = writeTemp(dir, 'draft.json', answersDocument([{ id: 'B1', checked: ['B1.1'] }], PROFILE));
    await page.locator(sel.draftFile).setInputFiles(draftFile);
    await expectNear(sel.draftFile, 'draft', 'a draft file loaded');
    await waitAnswered(page, 1);

    // Another tab changes the draft while this one edits C2: the choice is offered in C2.
    await waitSaved(page, 'B1.1');
    const other = await s.context.newPage();
    await other.setViewportSize(viewport);
    await other.goto(page.url());
    await ready(other);
    await answer(other, [{ id: 'E1', checked: ['E1.1'] }]);
    await page.locator(`${sel.criterion('C2')} textarea[data-note]`).fill('本页的备注 tab-note-91c2');
    const conflict = await visible(page, `${sel.criterion('C2')} [data-testid=conflict]`);
    assert.equal(await conflict.getAttribute('role'), 'status', 'the conflict is announced politely');
    await attribute(page, sel.storageStatus, 'data-state', 'paused');
    const status = (await page.locator(sel.storageStatus).textContent()).trim();
    assert.ok(!status.includes('正在保存'), `while paused the status does not say it is saving: ${status}`);
    await conflict.locator('button[data-action=keep-this-tab]').click();
    await hidden(page, '[data-testid=conflict]');
    await waitSaved(page, 'tab-note-91c2');
  }, { timeout: 90_000 });
}

widgetTest('signing with open criteria asks first, saying how many; cancelled, nothing is signed; the result says 已作答 N / 46', async (s, t) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  const some = plannedAnswers().slice(0, 5);
  await answer(page, some);
  await waitAnswered(page, some.length);
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await visible(page, sel.fingerprint, { timeout: SLOW });
  await download(page, () => page.locator(sel.downloadKey).click());
  await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.locator(sel.exportButton).click();
  const dialog = await visible(page, sel.dialog);
  const question = (await dialog.textContent()).replace(/\s+/g, '');
  const open = criteria.length - some.length;
  assert.ok(question.includes(`还有${open}项未作答`), `the question says how many criteria are open: ${question}`);
  assert.ok(question.includes(`已作答${some.length}/${criteria.length}`), `and what the result will say: ${question}`);
  await page.keyboard.press('Escape');
  await hidden(page, sel.dialog);
  assert.equal(await page.evaluate(() => __selfcheckTest.active()?.dataset.action), 'export', 'Escape gives the focus back to the export button');
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, 'nothing is signed when the question is cancelled');

  const exported = await exportResult(page);
  const file = writeTemp(tempDir(t), exported.name, exported.content);
  const report = JSON.parse(cliExpect(0, ['report', file, '--format', 'json']).stdout).report;
  assert.deepEqual([report.completeness.answered, report.completeness.total], [some.length, criteria.length], 'the signed report says how many were answered');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('#selfcheck-print [data-testid=print-answered]').textContent();
  assert.equal(printed.trim(), `${some.length} / ${criteria.length}`, 'the printed summary says 已作答 N / 46');
});

widgetTest('a checklist answered "以上均未做到" counts as answered with 0 points; unticking the last item leaves it open; the state is said in words', async (s, t) => {
  const page = await s.open();
  const checklist = criteria.find((c) => c.kind === 'checklist' && !c.not_applicable);
  const fieldset = page.locator(sel.criterion(checklist.id));
  const stateWord = () => fieldset.locator('legend .selfcheck-state').textContent();
  assert.equal((await stateWord()).trim(), '未作答', 'an untouched checklist says 未作答');

  // Ticking then unticking an item: open again, as before it was touched.
  await fieldset.locator(`input[data-item="${checklist.items[0].id}"]`).check();
  await waitAnswered(page, 1);
  await fieldset.locator(`input[data-item="${checklist.items[0].id}"]`).uncheck();
  await waitAnswered(page, 0);
  assert.equal((await stateWord()).trim(), '未作答', 'ticked and unticked, the checklist is open again');

  // "None of the above": answered, 0 points, as `selfcheck score` scores `checked: []`.
  await fieldset.locator('input[data-none]').check();
  await waitAnswered(page, 1);
  assert.equal((await stateWord()).trim(), '已作答', 'answered "none", the checklist says 已作答');
  const shown = await results(page);
  const report = scoreWithCli(t, answersDocument([{ id: checklist.id, checked: [] }]));
  assert.deepEqual([shown.total, shown.maximum, shown.answered], [0, report.maximum, 1], 'answered with 0 points');
  assert.equal(report.completeness.answered, 1, '`selfcheck score` counts checked: [] as answered');
  const rectified = await page.locator(`ol[data-testid=rectification] a[href="#selfcheck-criterion-${checklist.id}"]`).locator('xpath=..').textContent();
  assert.ok(rectified.includes(`扣 ${checklist.points} 分`) && !rectified.includes('未作答'), `the rectification entry: ${rectified}`);

  // Ticking an item replaces "none"; the draft keeps either across a reload.
  await fieldset.locator(`input[data-item="${checklist.items[1].id}"]`).check();
  assert.equal(await fieldset.locator('input[data-none]').isChecked(), false, 'an item ticked unticks "none"');
  await fieldset.locator('input[data-none]').check();
  assert.deepEqual((await draftSnapshot(page)).checked, [`${checklist.id}:none`], 'only "none" is ticked');
  await waitSaved(page, `"checked":[]`);
  await page.reload();
  await ready(page);
  assert.deepEqual((await draftSnapshot(page)).checked, [`${checklist.id}:none`], '"none" after a reload');
});

widgetTest('a link typed without a scheme is kept as https://, and what is no address is explained; nothing is dropped in silence', async (s) => {
  const page = await s.open();
  const fieldset = page.locator(sel.criterion('B3'));
  const link = fieldset.locator('input[data-evidence-link]');
  const add = fieldset.locator('button[data-action=add-link]');
  const message = fieldset.locator('[data-testid=notice]');

  await add.click();
  assert.match(await message.textContent(), /请先填写链接/, 'an empty field is explained');

  await link.fill('www.example.org.cn/xxgk/2026-11.html');
  await link.press('Enter');
  await visible(page, `${sel.criterion('B3')} li[data-evidence]`);
  assert.ok((await fieldset.locator('li[data-evidence]').textContent()).includes('https://www.example.org.cn/xxgk/2026-11.html'), 'kept with https://');
  assert.match(await message.textContent(), /补上了“https:\/\/”/, 'and the page says so');
  assert.equal(await link.inputValue(), '', 'the field is emptied once added');

  await link.fill('见会议纪要第三页');
  await add.click();
  await until(page, 'the refusal is explained', () => /不是网址/.test(__selfcheckTest.$('fieldset[data-criterion="B3"] [data-testid=notice]')?.textContent ?? ''));
  assert.equal(await link.inputValue(), '见会议纪要第三页', 'a refused text stays in the field to be corrected');
  assert.equal(await fieldset.locator('li[data-evidence]').count(), 1, 'nothing else was added');
});

widgetTest('the print view (print media) has the addressee, 已作答, Beijing time, the declaration, the whole rectification list and the QR code', async (s) => {
  const page = await s.open();
  await fillProfile(page, PROFILE);
  const plan = plannedAnswers();
  await answer(page, plan);
  await waitAnswered(page, plan.length);
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await visible(page, sel.fingerprint, { timeout: SLOW });
  await download(page, () => page.locator(sel.downloadKey).click());
  await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  const before = Date.now();
  await exportResult(page);

  await page.emulateMedia({ media: 'print' });
  await until(page, 'the print view is shown', () => __selfcheckTest.$('#selfcheck-print')?.checkVisibility() === true);
  assert.equal(await page.locator('.selfcheck-screen').isVisible(), false, 'the screen view is not printed');
  const print = page.locator('#selfcheck-print');
  const text = (await print.innerText()).replace(/\s+/g, ' ');
  assert.ok(text.includes('广东省民政厅：'), 'addressed to 广东省民政厅');
  assert.ok(text.includes('广东省全省性行业协会商会行业自律与诚信创建活动自查结果摘要'), 'titled with the campaign\'s full name');
  assert.ok(text.includes('本协会承诺以上自查情况真实、准确、完整，如有不实，愿承担相应责任。'), 'the declaration');
  assert.ok(/法定代表人（负责人）签字/.test(text) && text.includes('协会（盖章）'), 'the signature line and the seal');
  assert.equal((await print.locator('[data-testid=print-answered]').textContent()).trim(), `${plan.length} / ${criteria.length}`, '已作答');

  // Signed at, in Beijing time as people are shown it (2026-11-08 09:30), within the minutes of the test.
  const signedAt = (await print.locator('[data-testid=print-signed-at]').textContent()).trim();
  const match = /签名时间（北京时间）：(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(signedAt);
  assert.ok(match, `the signing time in Beijing time: ${signedAt}`);
  const [, y, mo, d, h, mi] = match.map(Number);
  const printedUtc = Date.UTC(y, mo - 1, d, h - 8, mi);
  assert.ok(printedUtc >= before - 120_000 && printedUtc <= Date.now() + 60_000, `${signedAt} is now in UTC+8`);

  // The whole rectification list, in the order of the results panel.
  const onScreen = await page.locator('ol[data-testid=rectification] li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace('#selfcheck-criterion-', '')));
  const printed = await print.locator('[data-testid=print-rectification] li').evaluateAll((lis) => lis.map((li) => li.dataset.criterion));
  assert.ok(printed.length > 12, `a long list (${printed.length}) is not cut short`);
  assert.deepEqual(printed, onScreen, 'every entry of the rectification list is printed');
  assert.ok(!text.includes('……'), 'nothing is elided');
  assert.ok(text.includes(`整改清单（共 ${printed.length} 项）`), 'the list says how many');
  const vetoes = await print.locator('[data-testid=print-vetoes] li').allTextContents();
  assert.ok(vetoes.length > 0 && vetoes.every((v) => v.includes('：') && v.length > 20), `vetoes with their reasons: ${vetoes}`);
  assert.equal(await print.locator('[data-testid=qr]').count(), 1, 'the QR code of the exported result');
  assert.equal(await print.locator('[data-testid=print-unsigned]').count(), 0, 'not marked as a draft');
  const background = await page.evaluate(() => getComputedStyle(__selfcheckTest.$('.selfcheck')).backgroundColor);
  assert.equal(background, 'rgb(255, 255, 255)', 'a white page, even with background graphics on');

  // Edited after the export: the print button offers to export first, and the print says "draft".
  await page.emulateMedia({ media: 'screen' });
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('导出后的修改');
  await page.locator('button[data-action=print]').click();
  const dialog = await visible(page, sel.dialog);
  assert.equal(await dialog.locator('button[data-action=print-export-first]').count(), 1, 'export first is offered');
  await dialog.locator('button[data-action=print-export-first]').click();
  await hidden(page, sel.dialog);
  await until(page, 'export first: the focus goes to the passphrase to sign', (id) => __selfcheckTest.active()?.id === id, 'selfcheck-passphrase-unlock', {
    describe: (p) => p.evaluate(() => ({ focused: __selfcheckTest.active()?.id ?? null })),
  });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await print.locator('[data-testid=print-unsigned]').count(), 1, 'the changed draft prints marked as unsigned');
  assert.equal(await print.locator('[data-testid=qr]').count(), 0, 'and without the QR code of a result it no longer matches');
});

/** Three or more English words in a row: a sentence, not a name, a number or an address. */
function englishSentence(text) {
  const stripped = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.-]+\.(json|pem|pdf)/g, ' ')
    .replace(/\bSHA-256\b|\bselfcheck keygen\b|\bUTF-8\b|\bJSON\b/g, ' ');
  return /[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}[\s,;:]+[A-Za-z]{2,}/.exec(stripped)?.[0] ?? null;
}

widgetTest('no message of the Chinese interface is an English sentence', async (s, t) => {
  const page = await s.open();
  const seen = new Set();
  const collect = async () => {
    for (const text of await page.locator('[data-testid=notice], [data-testid=conflict], .selfcheck-field-message, [role=dialog]').allTextContents()) {
      if (text.trim()) seen.add(text.replace(/\s+/g, ' ').trim());
    }
  };
  await fillProfile(page, { ...PROFILE, credit_code: '514400005000031283', email: 'not-an-address' });
  await collect();
  await page.locator('#selfcheck-profile-credit-code').fill(PROFILE.credit_code);
  await page.locator('#selfcheck-profile-email').fill(PROFILE.email);
  await answer(page, [{ id: 'A1', value: 'yes' }]);
  for (const typed of ['', 'javascript:alert(1)', 'www.example.org.cn/a']) {
    await page.locator(`${sel.criterion('A1')} input[data-evidence-link]`).fill(typed);
    await page.locator(`${sel.criterion('A1')} button[data-action=add-link]`).click();
    await visible(page, `${sel.criterion('A1')} [data-testid=notice]`);
    await collect();
  }
  // Files the widget cannot read as text, as drafts, keys and results.
  const notText = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
  await page.locator(sel.draftFile).setInputFiles(file('draft.json', notText));
  await visible(page, '[data-testid=notice][data-place=draft]');
  await page.locator(sel.resultFile).setInputFiles(file('result.json', notText));
  await visible(page, '[data-testid=notice][data-place=import]');
  await page.locator(sel.keyFile).setInputFiles(file('key.pem', notText, 'application/x-pem-file'));
  await visible(page, '[data-testid=notice][data-place=key]');
  await collect();
  // The key: passphrases that differ, too short, made, a wrong one to sign with, removed.
  await page.locator(sel.newPassphrase).fill('short');
  await page.locator(sel.repeatPassphrase).fill('shorter');
  await page.locator(sel.createKey).click();
  await collect();
  await page.locator(sel.repeatPassphrase).fill('short');
  await page.locator(sel.createKey).click();
  await until(page, 'a too short passphrase is refused', () => /口令至少/.test(__selfcheckTest.$('[data-place=key]')?.textContent ?? ''), undefined, { timeout: SLOW });
  await collect();
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await visible(page, sel.fingerprint, { timeout: SLOW });
  await collect();
  await download(page, () => page.locator(sel.downloadKey).click());
  await collect();
  await page.locator(sel.unlockPassphrase).fill('wrong passphrase');
  await page.locator(sel.exportButton).click();
  await until(page, 'the export failed', () => __selfcheckTest.$('[data-place=export]')?.dataset.state === 'error', undefined, { timeout: SLOW });
  await collect();
  // With the right passphrase the question about open criteria comes; cancelled, nothing is signed.
  await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);
  await page.locator(sel.exportButton).click();
  await visible(page, sel.dialog, { timeout: SLOW });
  await collect();
  await page.locator(`${sel.dialog} button[data-action=cancel]`).click();
  await hidden(page, sel.dialog);
  // Files of the wrong kind or broken, worded by the core; the wrong kind names the right control.
  const golden = readFileSync(new URL('../data/golden/result-complete.json', import.meta.url));
  const template = cliExpect(0, ['template']).stdout;
  const drafts = [
    ['a signed result', golden, /这是签名的自查结果，不是草稿文件。请用“导入已签名结果”/],
    ['not JSON', Buffer.from('这不是 JSON {'), null],
    ['cut short', golden.subarray(0, 300), null],
    ['an unknown field', Buffer.from(template.replace('"format"', '"surprise": 1, "format"')), null],
  ];
  const draftNotice = '[data-testid=notice][data-place=draft]';
  for (const [what, content, expected] of drafts) {
    if ((await page.locator(draftNotice).count()) > 0) await page.locator(`${draftNotice} button`).click();
    await hidden(page, draftNotice);
    await page.locator(sel.draftFile).setInputFiles(file(`${what}.json`, content));
    const said = (await (await visible(page, draftNotice)).textContent()).replace(/\s+/g, ' ');
    if (expected) assert.match(said, expected, `${what}: ${said}`);
    await collect();
  }
  await page.locator(sel.resultFile).setInputFiles(file('answers.json', Buffer.from(template)));
  await until(page, 'an answers document given as a result is refused', () => /请用“载入草稿文件”/.test(__selfcheckTest.$('[data-testid=notice][data-place=import]')?.textContent ?? ''));
  await collect();
  // A tampered result, and the print question.
  const exported = await (async () => {
    await page.locator(sel.unlockPassphrase).fill(PASSPHRASE);
    return exportResult(page);
  })();
  await collect();
  await page.locator(sel.resultFile).setInputFiles(file('changed.json', exported.text.replace('"value": "yes"', '"value": "no"')));
  await visible(page, '[data-testid=notice][data-place=import][data-state=error]');
  await collect();
  await page.locator(`${sel.criterion('A2')} input[value=no]`).check();
  await page.locator('button[data-action=print]').click();
  await visible(page, sel.dialog);
  await collect();
  await page.keyboard.press('Escape');
  await page.locator('button[data-action=forget-key]').click();
  await visible(page, sel.dialog);
  await collect();
  await page.locator('[role=dialog] button[data-action=confirm-forget-key]').click();
  await visible(page, '[data-testid=notice][data-place=key]');
  await collect();

  assert.ok(seen.size >= 12, `enough messages were seen: ${seen.size}`);
  const english = [...seen].map((text) => [text, englishSentence(text)]).filter(([, sentence]) => sentence);
  assert.deepEqual(english, [], 'messages of the Chinese interface with an English sentence in them');
});

for (const [size, viewport] of SIZES) {
  widgetTest(`axe at ${size}, Chinese and English: answers, messages, the key section and the comparison`, async (s) => {
    const page = await s.open({ viewport });
    await fillProfile(page, { ...PROFILE, email: 'not-an-address' });
    await answer(page, plannedAnswers().filter((a) => /^[AB]/.test(a.id)));
    await answer(page, [{ id: 'C1', checked: [] }]);
    await page.locator(`${sel.criterion('A3')} input[data-evidence-link]`).fill('www.example.org.cn/a');
    await page.locator(`${sel.criterion('A3')} button[data-action=add-link]`).click();
    await page.locator(sel.newPassphrase).fill(PASSPHRASE);
    await page.locator(sel.repeatPassphrase).fill('different');
    await page.locator(sel.createKey).click();
    await visible(page, '[data-testid=notice][data-place=key]');
    await page.locator(sel.resultFile).setInputFiles(file('result.json', readFileSync(FIRST_VERSION_RESULT)));
    await attribute(page, sel.importMessage, 'data-state', 'ok');
    await page.locator(sel.importCompare).click();
    await visible(page, sel.compare);
    if (viewport === PHONE) await page.locator('button[data-action=nav-toggle]').click();
    await attribute(page, sel.root, 'lang', 'zh-CN');
    await expectAccessible(page, `${size} (zh-CN)`);
    await page.locator(sel.lang).click();
    await attribute(page, sel.root, 'lang', 'en');
    await expectAccessible(page, `${size} (en)`);
  });
}

widgetTest('a draft stored under catalogue 1.0.0 loads into the current version, answers kept, and the page says so; the choice of language is remembered', async (s) => {
  const page = await s.open();
  assert.notEqual(catalogue.version, '1.0.0', 'the current catalogue is a later version');
  const first = JSON.parse(readFileSync(new URL('../data/golden/versions/1.0.0/answers-complete.json', import.meta.url), 'utf8'));
  assert.equal(first.catalogue.version, '1.0.0');
  await page.evaluate((draft) => {
    localStorage.setItem('selfcheck:default:draft', JSON.stringify({ revision: 3, tab: 'an-old-tab', draft }));
  }, first);
  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'en');
  await page.reload();
  await ready(page);
  await attribute(page, sel.root, 'lang', 'en');
  const answered = Object.values(first.answers).filter((a) => a.value || a.checked).length;
  await waitAnswered(page, answered);
  const banner = await visible(page, '[data-testid=notice][data-place=page]');
  assert.match(await banner.textContent(), /version 1\.0\.0/, 'the page says the draft came from version 1.0.0');
  const snapshot = await draftSnapshot(page);
  assert.equal(snapshot.notes.A1, first.answers.A1.note, 'notes are kept');
  assert.equal(snapshot.profile.name, first.profile.name, 'the profile is kept');
  // Saved again, it names the current catalogue.
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('carried-over-note-5d1e');
  await waitSaved(page, 'carried-over-note-5d1e');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('selfcheck:default:draft')));
  assert.equal(stored.draft.catalogue.version, catalogue.version, 'the saved draft names the current version');
});

widgetTest('a result signed under catalogue 1.0.0 verifies, compares criterion by criterion, and continues in the current version', async (s) => {
  const page = await s.open();
  const result = JSON.parse(readFileSync(FIRST_VERSION_RESULT, 'utf8'));
  const answers = result.credentialSubject.answers;
  // Three criteria answered as in the result (and without note or evidence there): unchanged.
  const same = Object.entries(answers)
    .filter(([, a]) => a.value && a.value !== 'na' && !a.note && !a.evidence)
    .slice(0, 3)
    .map(([id, a]) => ({ id, value: a.value }));
  assert.equal(same.length, 3, 'the golden result has answers without notes or evidence');
  await answer(page, [...same, { id: 'A1', value: 'no' }]);
  await waitAnswered(page, 4);
  await page.locator(sel.resultFile).setInputFiles(file('earlier.json', readFileSync(FIRST_VERSION_RESULT)));
  await attribute(page, sel.importMessage, 'data-state', 'ok');
  assert.match(await page.locator('#selfcheck-import').textContent(), /1\.0\.0 版/, 'the older version is named');
  await page.locator(sel.importCompare).click();
  const rows = page.locator(`${sel.compare} tr[data-criterion-row]`);
  const listed = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.criterionRow));
  assert.deepEqual(listed, criteria.map((c) => c.id).filter((id) => !same.some((a) => a.id === id)), 'only the criteria that changed are listed');
  const a1 = await page.locator(`${sel.compare} tr[data-criterion-row="A1"]`).evaluate((tr) => ({ text: tr.textContent, change: Number(tr.dataset.change) }));
  assert.equal(answers.A1.value, 'partly', 'the golden result answered A1 partly');
  const a1Points = criteria.find((c) => c.id === 'A1').points;
  assert.ok(a1.text.includes('部分做到') && a1.text.includes('未做到'), `A1: 部分做到 then 未做到 (${a1.text})`);
  assert.equal(a1.change, -a1Points / 2, 'A1 lost half its points');
  await page.locator('input[data-action=only-changed]').uncheck();
  assert.equal(await rows.count(), criteria.length, 'every criterion on request');

  await page.locator(sel.importContinue).click();
  await page.locator(sel.confirmImport).click();
  await waitAnswered(page, result.credentialSubject.report.completeness.answered);
  const shown = await results(page);
  assert.equal(shown.score, result.credentialSubject.report.score, 'the same answers score the same in the current version');
});

widgetTest('smaller points: locked fields look and behave read-only, credit codes are tidied, e-mail is checked, the grid does not jump, sizes read as KB', async (s) => {
  const page = await s.open();
  // A credit code as printed on a certificate, in full-width characters with spaces.
  const code = page.locator('#selfcheck-profile-credit-code');
  await code.fill('５１４４ ００００ ５０００ ０３１２ ８２');
  const person = page.locator('#selfcheck-profile-person');
  await person.click();
  assert.equal(await code.inputValue(), PROFILE.credit_code, 'tidied when the field is left');
  assert.equal(await page.locator('#selfcheck-profile-credit-code-error').textContent(), '', 'and valid');

  // An inline error does not move the other fields.
  const boxes = () => page.locator('.selfcheck-profile input').evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
  const before = await boxes();
  await code.fill('514400005000031283');
  await person.click();
  await until(page, 'the code error shows', () => (__selfcheckTest.$('#selfcheck-profile-credit-code-error')?.textContent ?? '') !== '');
  assert.deepEqual(await boxes(), before, 'no field moves when the message appears');

  const email = page.locator('#selfcheck-profile-email');
  await email.fill('xiehui.example.org.cn');
  assert.match(await page.locator('#selfcheck-profile-email-error').textContent(), /name@example\.cn/);
  assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the address is marked invalid');
  await email.fill(PROFILE.email);
  assert.equal(await page.locator('#selfcheck-profile-email-error').textContent(), '');

  await page.locator(`${sel.criterion('E6')} input[data-evidence-file]`).setInputFiles(file('进展报告.pdf', Buffer.alloc(20025, 1), 'application/pdf'));
  const item = await visible(page, `${sel.criterion('E6')} li[data-evidence]`);
  assert.ok((await item.textContent()).includes('进展报告.pdf（20 KB）'), `the size is in KB: ${await item.textContent()}`);

  // A page that locks the name: read-only, and looks it.
  const portal = await (await s.newSession()).context.newPage();
  await portal.goto(new URL('portal.html', page.url()).href);
  const widget = portal.locator('#portal-widget');
  await widget.locator('fieldset[data-criterion]').first().waitFor();
  const locked = widget.locator('#selfcheck-profile-name');
  assert.equal(await locked.evaluate((input) => input.readOnly), true, 'the locked name is read-only');
  const look = await locked.evaluate((input) => ({ border: getComputedStyle(input).borderStyle, background: getComputedStyle(input).backgroundColor }));
  assert.equal(look.border, 'dashed', 'a locked field looks different');
  assert.ok((await widget.locator('label[for=selfcheck-profile-name]').textContent()).includes('不可修改'), 'and says so');
  await locked.focus();
  await portal.keyboard.type('改动');
  assert.equal(await locked.inputValue(), '广东省示例行业协会', 'typing does not change it');
});

widgetTest('如何提交 names the exported file only once the association\'s own valid credit code and period are there', async (s) => {
  const page = await s.open();
  const steps = page.locator('[data-testid=submission]');
  await steps.waitFor();
  const fileName = /\b[0-9A-Z]{18}-\d{4}-\d{2}(_\d{4}-\d{2})?\.json/;
  assert.doesNotMatch(await steps.textContent(), fileName, 'no file name before the profile is filled in');
  await fillProfile(page, { credit_code: '514400005000031283', from: PROFILE.from, to: PROFILE.to });
  assert.doesNotMatch(await steps.textContent(), fileName, 'no file name for an invalid credit code');
  await fillProfile(page, { credit_code: PROFILE.credit_code });
  await until(page, '如何提交 names the file', (s) => __selfcheckTest.$(s)?.textContent.includes('514400005000031282-2026-10.json'), '[data-testid=submission]');
});

widgetTest('removing the key asks first and says only the backup brings it back; Escape returns the focus to the button that opened a dialog', async (s) => {
  const page = await s.open();
  await page.locator(sel.newPassphrase).fill(PASSPHRASE);
  await page.locator(sel.repeatPassphrase).fill(PASSPHRASE);
  await page.locator(sel.createKey).click();
  await visible(page, sel.fingerprint, { timeout: SLOW });
  await page.locator('button[data-action=forget-key]').click();
  const dialog = await visible(page, sel.dialog);
  assert.match(await dialog.textContent(), /备份文件/, 'the question says only the backup file brings the key back');
  await page.keyboard.press('Escape');
  await hidden(page, sel.dialog);
  assert.equal(await page.evaluate(() => __selfcheckTest.active()?.dataset.action), 'forget-key', 'Escape gives the focus back');
  assert.equal(await page.locator(sel.fingerprint).count(), 1, 'the key is still there');

  await page.locator(sel.startOver).click();
  await visible(page, sel.dialog);
  await page.keyboard.press('Escape');
  await hidden(page, sel.dialog);
  assert.equal(await page.evaluate(() => __selfcheckTest.active()?.dataset.action), 'start-over', 'Escape on start over gives the focus back to its button');

  await page.locator('button[data-action=forget-key]').click();
  await page.locator('[role=dialog] button[data-action=confirm-forget-key]').click();
  await hidden(page, sel.fingerprint);
  await visible(page, '[data-testid=notice][data-place=key]');
  await until(page, 'the focus goes to making or loading a key', (id) => __selfcheckTest.active()?.id === id, 'selfcheck-passphrase-new', {
    describe: (p) => p.evaluate(() => ({ focused: __selfcheckTest.active()?.id ?? null })),
  });
});

widgetTest('a key file loads with its passphrase in either order, and a wrong passphrase is corrected without choosing the file again', async (s) => {
  const { generateKeyPairSync } = await import('node:crypto');
  const passphrase = 'key file passphrase 2026';
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase });
  const page = await s.open();
  const labels = await page.locator('#selfcheck-key label').allTextContents();
  for (const label of labels.filter((text) => text.includes('口令'))) {
    assert.notEqual(label.trim(), '密钥口令', `each passphrase field says what it is for: ${labels}`);
  }
  // The file first: the page asks for the passphrase and waits.
  await page.locator(sel.keyFile).setInputFiles(file('协会密钥.pem', Buffer.from(pem), 'application/x-pem-file'));
  const asked = await visible(page, '[data-testid=notice][data-place=key]');
  assert.match(await asked.textContent(), /请输入该密钥文件的口令/);
  assert.match(await page.locator('#selfcheck-key-file-chosen').textContent(), /协会密钥\.pem/, 'the chosen file is named');
  await until(page, 'the focus goes to its passphrase', (id) => __selfcheckTest.active()?.id === id, 'selfcheck-passphrase-load', {
    describe: (p) => p.evaluate(() => ({ focused: __selfcheckTest.active()?.id ?? null })),
  });
  // A wrong passphrase: said, kept and selected; the file stays chosen.
  await page.keyboard.type('not it');
  await page.keyboard.press('Enter');
  // Its own words: the request for the passphrase, still shown when Enter is pressed, is a
  // problem too (and went when the key began to open).
  await until(page, 'the wrong passphrase is reported', () => {
    const notice = __selfcheckTest.$('[data-testid=notice][data-place=key]');
    return notice?.dataset.state === 'error' && notice.textContent.includes('口令不正确');
  }, undefined, { timeout: SLOW });
  assert.equal(await page.locator('input[data-passphrase=load]').inputValue(), 'not it');
  // Typed again (the selection is replaced), Enter loads the key.
  await page.locator('input[data-passphrase=load]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(passphrase);
  await page.keyboard.press('Enter');
  await until(page, 'the key is loaded', () => __selfcheckTest.$('[data-testid=fingerprint]') !== null, undefined, {
    timeout: SLOW,
    describe: (p) => p.evaluate(() => ({
      notice: __selfcheckTest.$('[data-testid=notice][data-place=key]')?.textContent ?? null,
      busy: __selfcheckTest.$('.selfcheck-busy')?.textContent ?? null,
      typed: __selfcheckTest.$('input[data-passphrase=load]')?.value.length ?? null,
      focused: __selfcheckTest.active()?.id ?? null,
      chosen: __selfcheckTest.$('#selfcheck-key-file-chosen')?.textContent ?? null,
    })),
  });
  assert.match(await page.locator('[data-testid=notice][data-place=key]').textContent(), /密钥已载入/);
});
