// The questionnaire: rendering, keyboard-only completion scored like the CLI, the results panel,
// the language switch and "start over".

import assert from 'node:assert/strict';

import {
  DEBOUNCE,
  PROFILE,
  PROFILE_FIELDS,
  answer,
  answersDocument,
  allowedValues,
  attribute,
  catalogue,
  fillProfile,
  criteria,
  criterionById,
  draftSnapshot,
  hidden,
  plannedAnswers,
  ready,
  results,
  scoreWithCli,
  sel,
  storedWith,
  until,
  visible,
  waitAnswered,
  waitSaved,
  widgetTest,
} from './helpers.mjs';

widgetTest('renders every criterion of the built-in catalogue, unanswered, inside an open shadow root', async (s) => {
  const page = await s.open();

  const tree = await page.evaluate(() => {
    const host = document.querySelector('#selfcheck');
    return {
      mode: host?.shadowRoot?.mode ?? null,
      inShadow: host?.shadowRoot?.querySelectorAll('.selfcheck fieldset[data-criterion]').length ?? 0,
      inDocument: document.querySelectorAll('.selfcheck, fieldset[data-criterion]').length,
    };
  });
  assert.equal(tree.mode, 'open', '#selfcheck has an open shadow root');
  assert.equal(tree.inShadow, criteria.length, 'the criteria are in the shadow root of #selfcheck, under .selfcheck');
  assert.equal(tree.inDocument, 0, 'no .selfcheck or fieldset[data-criterion] in the light DOM');

  const ids = await page.locator(sel.anyCriterion).evaluateAll((nodes) => nodes.map((n) => n.dataset.criterion));
  assert.deepEqual([...ids].sort(), criteria.map((c) => c.id).sort(), 'criteria on the page');

  for (const criterion of criteria) {
    const fieldset = page.locator(sel.criterion(criterion.id));
    if (criterion.kind === 'checklist') {
      const items = await fieldset
        .locator('input[type=checkbox][data-item]')
        .evaluateAll((nodes) => nodes.map((n) => n.dataset.item));
      assert.deepEqual([...items].sort(), criterion.items.map((item) => item.id).sort(), `${criterion.id}: sub-items`);
      const na = await fieldset.locator('input[type=checkbox][data-na]').count();
      assert.equal(na, criterion.not_applicable ? 1 : 0, `${criterion.id}: not-applicable checkbox`);
    } else {
      const values = await fieldset.locator('input[type=radio]').evaluateAll((nodes) => nodes.map((n) => n.value));
      assert.deepEqual([...values].sort(), allowedValues(criterion).sort(), `${criterion.id}: radio values`);
    }
    for (const control of ['textarea[data-note]', 'input[type=url][data-evidence-link]', 'button[data-action=add-link]', 'input[type=file][data-evidence-file]']) {
      assert.equal(await fieldset.locator(control).count(), 1, `${criterion.id}: one ${control}`);
    }
  }

  const shown = await results(page);
  assert.equal(shown.total, 0, 'initial total');
  assert.equal(shown.answered, 0, 'initially answered');
  const progress = await page.locator('progress[data-testid=progress]').evaluate((p) => [p.value, p.max]);
  assert.deepEqual(progress, [0, criteria.length], 'progress [value, max]');
});

/** What has keyboard focus, described for the keyboard walk. */
function focused(page) {
  return page.evaluate(() => {
    const el = __selfcheckTest.active();
    if (!el || el === document.body || el === document.documentElement) return null;
    const fieldset = el.closest('fieldset[data-criterion]');
    const radio = el.type === 'radio';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.type ?? null,
      id: el.id,
      criterion: fieldset?.dataset.criterion ?? null,
      value: el.value ?? null,
      item: el.dataset?.item ?? null,
      na: el.hasAttribute('data-na'),
      checked: Boolean(el.checked),
      // The radio group, in DOM order (what the arrow keys walk through).
      group: radio
        ? [...(fieldset ?? __selfcheckTest.root()).querySelectorAll('input[type=radio]')].filter((r) => r.name === el.name).map((r) => r.value)
        : null,
      checkedInGroup: radio && fieldset ? fieldset.querySelector('input[type=radio]:checked')?.value ?? null : null,
      html: el.outerHTML.slice(0, 160),
    };
  });
}

widgetTest(
  'fills the profile and answers every criterion with the keyboard alone, scored as `selfcheck score` does',
  async (s, t) => {
    const page = await s.open();
    const plan = plannedAnswers();
    const planned = new Map(plan.map((a) => [a.id, a]));
    // What is left to do. Radios: criterion ids; checkboxes: `ID:ID.n` or `ID:na`; profile: element ids.
    const radiosLeft = new Set();
    const boxesLeft = new Set();
    for (const a of plan) {
      if (a.checked) a.checked.forEach((item) => boxesLeft.add(`${a.id}:${item}`));
      else if (a.value === 'na' && criterionById.get(a.id).kind === 'checklist') boxesLeft.add(`${a.id}:na`);
      else radiosLeft.add(a.id);
    }
    const profileLeft = new Map(Object.entries(PROFILE_FIELDS).map(([key, selector]) => [selector.slice(1), PROFILE[key]]));
    const left = () => radiosLeft.size + boxesLeft.size + profileLeft.size;
    const remaining = () => ({ radios: [...radiosLeft], checkboxes: [...boxesLeft], profile: [...profileLeft.keys()] });

    let creditCodeChecked = false;
    let shiftTabChecked = false;
    let presses = 0;
    let wraps = 0;
    const tab = async (key = 'Tab') => {
      presses++;
      await page.keyboard.press(key);
    };
    const expectFocus = async (what, test) => {
      const el = await focused(page);
      assert.ok(el && test(el), `${what}; focus is on ${el ? el.html : 'nothing (the body)'}`);
      return el;
    };

    // The first control is reached by Tab from the top of the document; nothing is clicked or focused by script.
    await tab();
    while (left() > 0) {
      assert.ok(presses < 4000, `gave up after ${presses} key presses; still to do: ${JSON.stringify(remaining())}`);
      const el = await focused(page);
      if (el === null) {
        // Tab went past the last control (to the browser's UI); the next Tab starts at the top again.
        wraps++;
        assert.ok(wraps < 2, `went through the whole page by Tab without reaching: ${JSON.stringify(remaining())}`);
      } else if (profileLeft.has(el.id)) {
        const value = profileLeft.get(el.id);
        if (el.type === 'date') {
          // Chromium's date field: month, day, year segments; typing digits fills them in turn.
          const [year, month, day] = value.split('-');
          await page.keyboard.type(`${month}${day}${year}`);
        } else if (el.id === 'selfcheck-profile-credit-code' && !creditCodeChecked) {
          // A wrong check character first: the error shows once the field is left.
          await page.keyboard.type('514400005000031283');
          await tab();
          await until(
            page,
            'a wrong credit code shows #selfcheck-profile-credit-code-error and sets aria-invalid=true',
            () =>
              __selfcheckTest.$('#selfcheck-profile-credit-code')?.getAttribute('aria-invalid') === 'true' &&
              (__selfcheckTest.$('#selfcheck-profile-credit-code-error')?.textContent.trim() ?? '') !== '',
            undefined,
            {
              describe: (p) =>
                p.evaluate(() => ({
                  ariaInvalid: __selfcheckTest.$('#selfcheck-profile-credit-code')?.getAttribute('aria-invalid'),
                  error: __selfcheckTest.$('#selfcheck-profile-credit-code-error')?.textContent ?? '(no element)',
                })),
            },
          );
          await tab('Shift+Tab');
          await expectFocus('Shift+Tab should return to the credit code', (f) => f.id === 'selfcheck-profile-credit-code');
          await page.keyboard.press('Control+A');
          await page.keyboard.type(value);
          creditCodeChecked = true;
        } else {
          await page.keyboard.type(value);
        }
        const now = await page.locator(`#${el.id}`).inputValue();
        assert.equal(now, value, `#${el.id} after typing`);
        profileLeft.delete(el.id);
      } else if (el.type === 'radio' && radiosLeft.has(el.criterion)) {
        const target = planned.get(el.criterion).value;
        assert.ok(el.group.includes(target), `${el.criterion}: the radio group ${JSON.stringify(el.group)} should offer ${target}`);
        assert.equal(el.checkedInGroup, null, `${el.criterion}: nothing chosen yet`);
        if (el.value === target) {
          await page.keyboard.press('Space');
        } else {
          const n = el.group.length;
          const moves = (el.group.indexOf(target) - el.group.indexOf(el.value) + n) % n;
          for (let i = 0; i < moves; i++) await page.keyboard.press('ArrowDown');
        }
        await expectFocus(
          `${el.criterion}: the arrow keys (or Space) should focus and choose "${target}" within the group`,
          (f) => f.criterion === el.criterion && f.type === 'radio' && f.value === target && f.checked,
        );
        radiosLeft.delete(el.criterion);
        if (!shiftTabChecked) {
          // Leaving the group and coming back with Shift+Tab lands on its chosen radio.
          await tab();
          await tab('Shift+Tab');
          await expectFocus(
            `${el.criterion}: Tab then Shift+Tab should come back to the chosen radio`,
            (f) => f.criterion === el.criterion && f.type === 'radio' && f.value === target && f.checked,
          );
          shiftTabChecked = true;
        }
      } else if (el.type === 'checkbox' && el.criterion) {
        const key = `${el.criterion}:${el.na ? 'na' : el.item}`;
        if (boxesLeft.has(key)) {
          assert.equal(el.checked, false, `${key}: not checked before Space`);
          await page.keyboard.press('Space');
          await expectFocus(`${key}: Space should check it and keep the focus on it`, (f) => f.criterion === el.criterion && f.type === 'checkbox' && (f.na ? 'na' : f.item) === key.split(':')[1] && f.checked);
          boxesLeft.delete(key);
        }
      }
      if (left() > 0) await tab();
    }
    assert.ok(creditCodeChecked && shiftTabChecked, 'the credit code error and the Shift+Tab check ran');

    await waitAnswered(page, criteria.length);
    const creditCode = await page.evaluate(() => ({
      ariaInvalid: __selfcheckTest.$('#selfcheck-profile-credit-code').getAttribute('aria-invalid'),
      error: __selfcheckTest.$('#selfcheck-profile-credit-code-error')?.textContent.trim() ?? '',
    }));
    assert.notEqual(creditCode.ariaInvalid, 'true', 'a valid credit code is not marked invalid');
    assert.equal(creditCode.error, '', 'a valid credit code shows no error');

    const shown = await results(page);
    const report = scoreWithCli(t, answersDocument(plan, PROFILE));
    assert.deepEqual(
      { total: shown.total, maximum: shown.maximum, score: shown.score, grade: shown.grade, answered: shown.answered },
      { total: report.total, maximum: report.maximum, score: report.score, grade: report.grade, answered: report.completeness.answered },
      'the page (actual) against `selfcheck score` (expected)',
    );
    const snapshot = await draftSnapshot(page);
    assert.deepEqual(snapshot.profile, PROFILE, 'the profile as typed');
  },
);

widgetTest('the results panel: vetoes, the rectification list in the CLI\'s order, progress, navigation', async (s, t) => {
  const page = await s.open();
  // The profile first: "next unanswered" goes to its empty fields before the criteria.
  await fillProfile(page, PROFILE);
  const some = plannedAnswers().filter((a) => a.id.startsWith('A') || a.id.startsWith('B'));
  await answer(page, some);
  await waitAnswered(page, some.length);
  const report = scoreWithCli(t, answersDocument(some));
  assert.ok(report.vetoes.includes('B4'), 'the planned answers trigger the B4 veto');

  const shown = await results(page);
  assert.deepEqual(
    { total: shown.total, maximum: shown.maximum, score: shown.score, grade: shown.grade },
    { total: report.total, maximum: report.maximum, score: report.score, grade: report.grade },
    'the page (actual) against `selfcheck score` (expected)',
  );

  const panel = await page.evaluate(() => {
    const all = (s) => __selfcheckTest.$$(s);
    const progress = __selfcheckTest.$('progress[data-testid=progress]');
    return {
      progress: progress ? [progress.value, progress.max] : null,
      vetoes: all('ul[data-testid=vetoes] li').map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
      rectification: all('ol[data-testid=rectification] li').map((li) => li.querySelector('a[href^="#selfcheck-criterion-"]')?.getAttribute('href') ?? null),
      areaLinks: all('a[data-area-link]').map((a) => [a.dataset.areaLink, a.getAttribute('href')]),
      chart: Boolean(__selfcheckTest.$('svg[data-testid=chart]')),
      areaTable: all('table[data-testid=area-table] tr').map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()),
    };
  });
  assert.deepEqual(panel.progress, [some.length, criteria.length], 'progress [value, max]');

  assert.equal(panel.vetoes.length, report.vetoes.length, `one veto item per veto triggered: ${JSON.stringify(panel.vetoes)}`);
  report.vetoes.forEach((id, i) => {
    const title = criterionById.get(id).title.zh;
    assert.ok(panel.vetoes[i].includes(id) || panel.vetoes[i].includes(title), `veto item ${i} names ${id} (${title}): ${panel.vetoes[i]}`);
  });

  assert.deepEqual(
    panel.rectification,
    report.rectification.map((r) => `#selfcheck-criterion-${r.criterion}`),
    'rectification links (actual) in the order of `selfcheck score` (expected)',
  );
  const targets = await page.evaluate(
    (hrefs) => hrefs.filter((href) => !__selfcheckTest.byId(href.slice(1))),
    panel.rectification.filter(Boolean),
  );
  assert.deepEqual(targets, [], 'rectification links whose target id is missing');

  assert.deepEqual(panel.areaLinks.map(([area]) => area), catalogue.areas.map((a) => a.id), 'a[data-area-link] per area');
  const areaTargets = await page.evaluate(
    (links) => links.filter(([, href]) => !(href?.startsWith('#') && __selfcheckTest.byId(href.slice(1)))).map(([a, h]) => `${a}: ${h}`),
    panel.areaLinks,
  );
  assert.deepEqual(areaTargets, [], 'area links without an existing #target');

  assert.ok(panel.chart, 'svg[data-testid=chart] is shown');
  for (const area of catalogue.areas) {
    assert.ok(panel.areaTable.some((row) => row.includes(area.title.zh)), `table[data-testid=area-table] has a row for ${area.id} ${area.title.zh}: ${JSON.stringify(panel.areaTable)}`);
  }

  // "Next unanswered" moves focus to the first control of the next unanswered criterion.
  const firstOpen = criteria.find((c) => !some.some((a) => a.id === c.id));
  const secondOpen = criteria.find((c) => c.id !== firstOpen.id && !some.some((a) => a.id === c.id));
  const focusIsFirstControlOf = (id) =>
    page.evaluate((cid) => {
      const fieldset = __selfcheckTest.$(`fieldset[data-criterion="${cid}"]`);
      const first = fieldset?.querySelector('input:not([type=hidden]):not([disabled])');
      const active = __selfcheckTest.active();
      return { ok: Boolean(first) && active === first, focus: active?.outerHTML.slice(0, 160) ?? null };
    }, id);
  await page.locator('button[data-action=next-unanswered]').click();
  await until(page, `focus is on the first control of ${firstOpen.id}`, (cid) => {
    const first = __selfcheckTest.$(`fieldset[data-criterion="${cid}"]`)?.querySelector('input:not([type=hidden]):not([disabled])');
    return Boolean(first) && __selfcheckTest.active() === first;
  }, firstOpen.id, { describe: () => focusIsFirstControlOf(firstOpen.id) });
  await page.keyboard.press('Space'); // answers it: its first radio or sub-item
  await waitAnswered(page, some.length + 1);
  await page.locator('button[data-action=next-unanswered]').click();
  await until(page, `focus is on the first control of ${secondOpen.id}`, (cid) => {
    const first = __selfcheckTest.$(`fieldset[data-criterion="${cid}"]`)?.querySelector('input:not([type=hidden]):not([disabled])');
    return Boolean(first) && __selfcheckTest.active() === first;
  }, secondOpen.id, { describe: () => focusIsFirstControlOf(secondOpen.id) });

  // Fragment navigation cannot reach into a shadow root: the widget handles the click of an
  // in-page link and moves the focus into its target.
  const whereFocus = () =>
    page.evaluate(() => {
      const el = __selfcheckTest.active();
      return {
        criterion: el?.closest('fieldset[data-criterion]')?.dataset.criterion ?? null,
        area: el?.closest('[id^="selfcheck-area-"]')?.id ?? null,
        focus: el?.outerHTML.slice(0, 160) ?? null,
      };
    });
  const linked = report.rectification.map((r) => r.criterion).filter((id) => id !== secondOpen.id);
  for (const target of [linked.at(-1), linked[0]]) {
    await page.locator(`ol[data-testid=rectification] a[href="#selfcheck-criterion-${target}"]`).click();
    await until(
      page,
      `clicking the rectification link to ${target} focuses a control inside fieldset[data-criterion="${target}"]`,
      (cid) => __selfcheckTest.active()?.closest('fieldset[data-criterion]')?.dataset.criterion === cid,
      target,
      { describe: whereFocus },
    );
  }
  const lastArea = catalogue.areas.at(-1).id;
  await page.locator(`a[data-area-link="${lastArea}"]`).click();
  await until(
    page,
    `clicking the area link to ${lastArea} moves the focus into #selfcheck-area-${lastArea}`,
    (id) => Boolean(__selfcheckTest.active()?.closest(`#selfcheck-area-${id}`)),
    lastArea,
    { describe: whereFocus },
  );
});

/** The legend text of every criterion, whitespace collapsed. */
function legends(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      __selfcheckTest.$$('fieldset[data-criterion]').map((f) => [
        f.dataset.criterion,
        f.querySelector('legend')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
      ]),
    ),
  );
}

function expectLegends(shown, lang) {
  const wrong = criteria
    .filter((c) => !shown[c.id]?.includes(c.title[lang].replace(/\s+/g, ' ').trim()))
    .map((c) => `${c.id}: "${shown[c.id]}" lacks "${c.title[lang]}"`);
  assert.deepEqual(wrong, [], `legends in ${lang}`);
}

widgetTest('switches to English and back, keeping the answers', async (s) => {
  const page = await s.open();
  await attribute(page, sel.root, 'lang', 'zh-CN');
  expectLegends(await legends(page), 'zh');

  await page.locator(PROFILE_FIELDS.name).fill(PROFILE.name);
  await answer(page, [{ id: 'A1', value: 'partly' }, { id: 'A4', checked: ['A4.2'] }, { id: 'B4', value: 'no' }, { id: 'D10', value: 'na' }]);
  await page.locator(`${sel.criterion('A1')} textarea[data-note]`).fill('language-switch note 说明');
  await waitAnswered(page, 4);
  const before = await draftSnapshot(page);

  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'en');
  expectLegends(await legends(page), 'en');
  assert.deepEqual(await draftSnapshot(page), before, 'the draft after switching to English');

  await page.locator(sel.lang).click();
  await attribute(page, sel.root, 'lang', 'zh-CN');
  expectLegends(await legends(page), 'zh');
  assert.deepEqual(await draftSnapshot(page), before, 'the draft after switching back');
});

widgetTest('"start over" asks first: cancel keeps everything, confirm clears the answers and the stored draft', async (s) => {
  const page = await s.open();
  const marker = 'start-over-marker-5f1c';
  await answer(page, [{ id: 'A1', value: 'yes' }, { id: 'B1', checked: ['B1.1', 'B1.3'] }, { id: 'C4', value: 'no' }]);
  await page.locator(`${sel.criterion('B1')} textarea[data-note]`).fill(marker);
  await waitSaved(page, marker);
  const before = await draftSnapshot(page);
  const storedBefore = await storedWith(page, marker);

  await page.locator(sel.startOver).click();
  const dialog = await visible(page, '[role=dialog]');
  assert.equal(await dialog.locator('button[data-action=confirm-start-over]').count(), 1, 'the dialog has a confirm button');
  assert.equal(await dialog.locator('button[data-action=cancel]').count(), 1, 'the dialog has a cancel button');
  await dialog.locator('button[data-action=cancel]').click();
  await hidden(page, '[role=dialog]');
  assert.deepEqual(await draftSnapshot(page), before, 'the draft after cancelling');
  await page.waitForTimeout(DEBOUNCE); // the documented debounce bound: a save would have happened by now
  assert.deepEqual(await storedWith(page, marker), storedBefore, 'the stored draft after cancelling');

  await page.locator(sel.startOver).click();
  await visible(page, '[role=dialog]');
  await page.locator('[role=dialog] button[data-action=confirm-start-over]').click();
  await hidden(page, '[role=dialog]');
  await waitAnswered(page, 0);
  const after = await draftSnapshot(page);
  assert.deepEqual(after.checked, [], 'no input is checked after starting over');
  assert.deepEqual(after.notes, {}, 'no note is left after starting over');
  await until(
    page,
    'no stored value contains the old note',
    (m) => {
      for (let i = 0; i < localStorage.length; i++) if ((localStorage.getItem(localStorage.key(i)) ?? '').includes(m)) return false;
      return true;
    },
    marker,
  );

  await page.reload();
  await ready(page);
  const reloaded = await draftSnapshot(page);
  assert.deepEqual([reloaded.checked, reloaded.notes], [[], {}], 'nothing comes back after a reload');
});
