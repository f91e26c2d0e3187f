// Browser tests of the selfcheck widget, run by `cargo xtask test`, which builds the widget,
// serves it and sets SELFCHECK_URL (the page), SELFCHECK_BIN (the selfcheck CLI) and CHROMIUM.
//
// The page's DOM contract: each criterion is a <fieldset data-criterion="ID">; scale and binary
// criteria have radio inputs with value yes|partly|no|na (only the allowed ones); a checklist
// has a checkbox [data-item="ID"] per sub-item and, where not applicable is allowed, a checkbox
// [data-na]. The live results are [data-testid=total|maximum|score|answered] (text: an integer)
// and [data-testid=grade] (attribute data-grade: the grade id).

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

const { SELFCHECK_URL, SELFCHECK_BIN, CHROMIUM } = process.env;
for (const [name, value] of Object.entries({ SELFCHECK_URL, SELFCHECK_BIN, CHROMIUM })) {
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
}

const TIMEOUT = 120_000;

/** The built-in catalogue as `selfcheck catalog --format json` prints it. */
let catalogue;
/** Its criteria, in catalogue order. */
let criteria;
let browser;

before(async () => {
  catalogue = JSON.parse(execFileSync(SELFCHECK_BIN, ['catalog', '--format', 'json'], { encoding: 'utf8' }));
  criteria = catalogue.areas.flatMap((area) => area.criteria);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/**
 * Opens the widget in a fresh context (no stored draft) and waits until it has rendered.
 * Records every request and uncaught page error from the start.
 */
async function openWidget(t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(SELFCHECK_URL);
  await page.locator('[data-criterion]').first().waitFor();
  return { page, requests, errors };
}

/** The live results shown by the page, numbers parsed strictly. */
async function results(page) {
  const shown = await page.evaluate(() => {
    const find = (id) => document.querySelector(`[data-testid=${id}]`);
    const text = (id) => find(id)?.textContent.trim() ?? null;
    return {
      total: text('total'),
      maximum: text('maximum'),
      score: text('score'),
      answered: text('answered'),
      grade: find('grade')?.getAttribute('data-grade') ?? null,
    };
  });
  const integer = (name) => {
    assert.match(shown[name] ?? '', /^\d+$/, `[data-testid=${name}] should show an integer, shows ${shown[name]}`);
    return Number(shown[name]);
  };
  return {
    total: integer('total'),
    maximum: integer('maximum'),
    score: integer('score'),
    answered: integer('answered'),
    grade: shown.grade,
  };
}

/** The radio values a scale or binary criterion allows. */
function allowedValues(criterion) {
  const values = criterion.kind === 'scale' ? ['yes', 'partly', 'no'] : ['yes', 'no'];
  return criterion.not_applicable ? [...values, 'na'] : values;
}

/**
 * A deterministic, varied answer for every criterion (i is its catalogue position):
 * scale criteria cycle through their allowed values, binary ones are yes except every 7th,
 * and checklists have their even-indexed sub-items checked; but every other criterion that
 * allows it (the 1st, 3rd, …) is marked not applicable, so that `na` is exercised too.
 */
function plannedAnswers() {
  let allowingNa = 0;
  return criteria.map((criterion, i) => {
    if (criterion.not_applicable && allowingNa++ % 2 === 0) {
      return { id: criterion.id, value: 'na' };
    }
    switch (criterion.kind) {
      case 'scale': {
        const values = allowedValues(criterion);
        return { id: criterion.id, value: values[i % values.length] };
      }
      case 'binary':
        return { id: criterion.id, value: (i + 1) % 7 === 0 ? 'no' : 'yes' };
      case 'checklist':
        return { id: criterion.id, checked: criterion.items.filter((_, j) => j % 2 === 0).map((item) => item.id) };
      default:
        throw new Error(`criterion ${criterion.id} has an unknown kind ${criterion.kind}`);
    }
  });
}

/** The inputs that give an answer: a radio, the not-applicable checkbox, or sub-item checkboxes. */
function inputsFor(page, answer) {
  const fieldset = page.locator(`fieldset[data-criterion="${answer.id}"]`);
  if (answer.checked) {
    return answer.checked.map((item) => fieldset.locator(`input[type=checkbox][data-item="${item}"]`));
  }
  const radio = fieldset.locator(`input[type=radio][value="${answer.value}"]`);
  return answer.value === 'na' ? [radio.or(fieldset.locator('input[type=checkbox][data-na]'))] : [radio];
}

/** Answers through the page the way a keyboard user does: focus the input, press Space. */
async function answerAll(page, answers) {
  for (const answer of answers) {
    const inputs = inputsFor(page, answer);
    for (const input of inputs) {
      await input.press('Space');
      assert.ok(await input.isChecked(), `${answer.id}: ${answer.value ?? answer.checked} should be checked`);
    }
  }
  await page.waitForFunction(
    (count) => document.querySelector('[data-testid=answered]')?.textContent.trim() === String(count),
    answers.length,
  );
}

/** The answers document for `selfcheck score`. */
function answersDocument(answers) {
  return {
    format: 'selfcheck-answers/1',
    catalogue: { id: catalogue.id, version: catalogue.version },
    answers: Object.fromEntries(
      answers.map((answer) => [answer.id, answer.value ? { value: answer.value } : { checked: answer.checked }]),
    ),
  };
}

/** Scores an answers document with the CLI and returns its report. */
function scoreWithCli(document) {
  const dir = mkdtempSync(join(tmpdir(), 'selfcheck-browser-'));
  try {
    const file = join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const run = spawnSync(SELFCHECK_BIN, ['score', file, '--format', 'json'], { encoding: 'utf8' });
    try {
      return JSON.parse(run.stdout);
    } catch {
      assert.fail(`\`selfcheck score ${file} --format json\` printed no report (exit ${run.status}):\n${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('renders every criterion of the built-in catalogue, unanswered', { timeout: TIMEOUT }, async (t) => {
  const { page, errors } = await openWidget(t);

  const ids = await page.locator('[data-criterion]').evaluateAll((nodes) => nodes.map((n) => n.dataset.criterion));
  assert.deepEqual([...ids].sort(), criteria.map((c) => c.id).sort(), 'criteria on the page');

  for (const criterion of criteria) {
    const fieldset = page.locator(`fieldset[data-criterion="${criterion.id}"]`);
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
  }

  const shown = await results(page);
  assert.equal(shown.total, 0, 'initial total');
  assert.equal(shown.answered, 0, 'initially answered');
  assert.deepEqual(errors, [], 'uncaught errors in the page');
});

test('scores a complete self-assessment exactly as the CLI does', { timeout: TIMEOUT }, async (t) => {
  const { page, errors } = await openWidget(t);
  const answers = plannedAnswers();
  await answerAll(page, answers);
  const shown = await results(page);
  assert.equal(shown.answered, criteria.length, 'answered');

  const report = scoreWithCli(answersDocument(answers));
  assert.deepEqual(
    { total: shown.total, maximum: shown.maximum, score: shown.score, grade: shown.grade },
    { total: report.total, maximum: report.maximum, score: report.score, grade: report.grade },
    'the page (actual) against `selfcheck score` (expected)',
  );
  assert.deepEqual(errors, [], 'uncaught errors in the page');
});

test('makes no request outside its own origin', { timeout: TIMEOUT }, async (t) => {
  const { page, requests } = await openWidget(t);
  await answerAll(page, plannedAnswers());
  assert.ok(requests.length > 0, 'the page load was recorded');
  const foreign = requests.filter((url) => !url.startsWith(SELFCHECK_URL));
  assert.deepEqual(foreign, [], `requests that left ${SELFCHECK_URL}`);
});
