// The review desk's benchmark for `cargo xtask bench`: a folder of signed results chosen in
// desk.html, verified in the desk's worker and kept in IndexedDB, until the page shows the
// verdicts. Measures the time, the main thread's long tasks (PerformanceObserver `longtask`,
// over the whole load) and the peak memory of every Chromium process (PSS, sampled every
// 250 ms). Prints one JSON object.
// Env: SELFCHECK_URL (the demo server), CHROMIUM, DESK_SETS (comma-separated `LABEL=DIR`, each DIR
// made by `cargo xtask bureau-set DIR --plain`, with results/).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../tests/browser/package.json', import.meta.url)));
const { chromium } = require('playwright-core');

const base = process.env.SELFCHECK_URL;
const sets = (process.env.DESK_SETS || '').split(',').filter(Boolean).map((entry) => entry.split('='));

/** A number from a /proc file's `Name: N kB` line, or 0. */
function procKb(path, name) {
  try {
    const line = readFileSync(path, 'utf8').split('\n').find((text) => text.startsWith(`${name}:`));
    return line ? Number(line.split(/\s+/)[1]) : 0;
  } catch {
    return 0;
  }
}

/** The processes of a tree: `root` and its descendants (read from /proc, no child process spawned). */
function tree(root) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry)) parents.set(Number(entry), procKb(`/proc/${entry}/status`, 'PPid'));
  }
  const found = [root];
  for (let at = 0; at < found.length; at += 1) {
    for (const [pid, parent] of parents) if (parent === found[at]) found.push(pid);
  }
  return found;
}

/**
 * Proportional memory (PSS: shared pages split between the processes sharing them, so that the
 * browser's shared libraries are not counted once per process) of a process tree, in MB.
 */
function treePssMb(root) {
  return tree(root).filter((pid) => pid !== process.pid).reduce((total, pid) => total + procKb(`/proc/${pid}/smaps_rollup`, 'Pss'), 0) / 1024;
}

const results = {};
for (const [label, set] of sets) {
  const dir = join(set, 'results');
  const files = readdirSync(dir).map((name) => join(dir, name));
  // A browser of its own per set, so that its memory is this load's alone: the browser's
  // processes are this process's descendants. (Launched, not connected to: over a connection
  // Playwright would send every chosen file's content instead of its path.)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    // When the file input's change event fires: the browser builds the FileList of the chosen
    // files in the task that dispatches it, before the desk's code runs.
    document.addEventListener('change', () => { window.__changeAt ??= performance.now(); }, true);
  });
  const page = await context.newPage();
  await page.goto(`${base}desk.html`);
  await page.waitForFunction(() => document.querySelector('[data-testid=load-status]')?.dataset.busy === 'false');
  const before = treePssMb(process.pid);
  await page.evaluate(() => { window.__longTasks = []; });
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, treePssMb(process.pid)); }, 250);
  const start = Date.now();
  await page.setInputFiles('input[data-input=files]', files);
  await page.waitForFunction(
    (count) => {
      const status = document.querySelector('[data-testid=load-status]');
      return status.dataset.busy === 'false' && status.dataset.files === String(count);
    },
    files.length,
    { timeout: 600_000, polling: 50 },
  );
  const elapsed = Date.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, treePssMb(process.pid));
  const { tasks, changeAt, workerWasm, pageHeap } = await page.evaluate(() => ({
    tasks: window.__longTasks,
    changeAt: window.__changeAt,
    workerWasm: Number(document.querySelector('[data-testid=load-status]').dataset.workerMemory),
    pageHeap: performance.memory ? performance.memory.usedJSHeapSize : 0,
  }));
  const durations = tasks.map(([, duration]) => duration);
  const after = tasks.filter(([startTime]) => startTime > changeAt).map(([, duration]) => duration);
  results[label] = {
    files: files.length,
    ms: elapsed,
    long_tasks: durations.length,
    longest_task_ms: durations.length ? Math.round(Math.max(...durations)) : 0,
    long_tasks_after_input: after.length,
    longest_task_after_input_ms: after.length ? Math.round(Math.max(...after)) : 0,
    worker_wasm_mb: Math.round(workerWasm / 1048576),
    page_js_heap_mb: Math.round(pageHeap / 1048576),
    pss_before_mb: Math.round(before),
    pss_peak_mb: Math.round(peak),
  };
  await browser.close();
}
console.log(JSON.stringify({ desk: results }));
