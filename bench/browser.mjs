// Browser measurements for `cargo xtask bench`: time to interactive, per-answer latency,
// memory, signing and import verification, in headless Chromium. Prints one JSON object.
// Env: SELFCHECK_URL (the demo server), CHROMIUM (the browser), LOADS (cold loads, default 12).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const require = createRequire(fileURLToPath(new URL('../tests/browser/package.json', import.meta.url)));
const { chromium } = require('playwright-core');

const base = process.env.SELFCHECK_URL;
const loads = Number(process.env.LOADS || 12);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const summary = (values) => ({
  n: values.length, median: quantile(values, 0.5), p95: quantile(values, 0.95), min: Math.min(...values), max: Math.max(...values),
});

async function page(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const tab = await context.newPage();
  await tab.goto(base + path);
  await tab.waitForFunction(() => window.selfcheckBench || document.getElementById('selfcheck')?.shadowRoot?.querySelector('[data-criterion]'));
  return { context, tab };
}

// Time to interactive: navigation start to the first control rendered and focusable, cold.
const tti = [];
for (let load = 0; load < loads; load++) {
  const { context, tab } = await page('bench.html');
  tti.push(await tab.evaluate(() => {
    const input = document.getElementById('selfcheck').shadowRoot.querySelector('[data-criterion] input');
    input.focus();
    if (document.getElementById('selfcheck').shadowRoot.activeElement !== input) throw new Error('the first control is not focusable');
    return performance.getEntriesByName('selfcheck:interactive')[0].startTime;
  }));
  await context.close();
}

// Per-answer latency: from the click to the new total in the DOM, over a full completion.
async function answerAll(criteria) {
  const { context, tab } = await page(criteria ? `bench.html?criteria=${criteria}` : 'bench.html');
  const result = await tab.evaluate(async () => {
    const root = document.getElementById('selfcheck').shadowRoot;
    const total = root.querySelector('[data-testid=total]');
    const times = [];
    for (const fieldset of root.querySelectorAll('[data-criterion]')) {
      const input = fieldset.querySelector('input[value=yes]') || fieldset.querySelector('input[data-item]');
      const started = performance.now();
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
        observer.observe(total, { childList: true, characterData: true, subtree: true });
        input.click();
      });
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    window.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { times, heap: performance.memory.usedJSHeapSize, wasm: window.selfcheckBench.wasmMemoryBytes() };
  });
  await context.close();
  return { criteria: result.times.length, latency: summary(result.times), heap: result.heap, wasm: result.wasm };
}
const answers = [];
for (const criteria of [0, 250, 500, 1000]) answers.push(await answerAll(criteria));

// Signing (key unlock included) and verifying an imported result, in the full page.
const passphrase = 'benchmark passphrase';
const sign = [];
const verify = [];
{
  const context = await browser.newContext({ acceptDownloads: true });
  const tab = await context.newPage();
  await tab.goto(`${base}?storage=off`);
  const at = (css) => tab.locator(`#selfcheck ${css}`);
  await at('[data-criterion]').first().waitFor();
  await at('#selfcheck-profile-name').fill('广东省基准测试行业协会');
  await at('#selfcheck-profile-credit-code').fill('514400005000031282');
  await at('#selfcheck-profile-from').fill('2026-10-01');
  await at('#selfcheck-profile-to').fill('2026-10-31');
  await at('[data-passphrase=new]').fill(passphrase);
  await at('[data-passphrase=repeat]').fill(passphrase);
  await at('[data-action=create-key]').click();
  await at('[data-testid=fingerprint]').waitFor();
  await Promise.all([tab.waitForEvent('download'), at('[data-action=download-key]').click()]);
  let result = null;
  for (let run = 0; run < 5; run++) {
    await at('[data-passphrase=unlock]').fill(passphrase);
    const started = Date.now();
    const [download] = await Promise.all([tab.waitForEvent('download'), at('[data-action=export]').click()]);
    sign.push(Date.now() - started);
    result = readFileSync(await download.path());
  }
  for (let run = 0; run < 5; run++) {
    const started = Date.now();
    await at('[data-result-file]').setInputFiles({ name: `result-${run}.json`, mimeType: 'application/json', buffer: result });
    await tab.waitForFunction((name) => document.getElementById('selfcheck').shadowRoot
      .querySelector('[data-testid=import-message][data-state=ok]')?.textContent.includes(name), `result-${run}.json`);
    verify.push(Date.now() - started);
  }
  await context.close();
}

console.log(JSON.stringify({
  chromium: browser.version(),
  tti: summary(tti),
  answers,
  sign: summary(sign),
  verify: summary(verify),
}));
await browser.close();
