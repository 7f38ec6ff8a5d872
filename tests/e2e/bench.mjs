// Web app benchmarks (BENCHMARKS.md, issue #5): wasm sizes, first render of
// the dashboard, re-render of a 50-row case list on a filter change.
// Run through scripts/e2e.sh (it starts the server); TGPL_E2E_SYNTHETIC=N
// seeds N synthetic cases so that the list has full pages.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BASE, launch, loginAs } from './lib.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;

// --- Sizes -------------------------------------------------------------------
const raw = root + 'target/wasm/wasm32-unknown-unknown/release/tgpl_web.wasm';
// The build names its files by their content (tgpl_web_bg.<hash>.wasm).
const dist = root + 'frontend/dist/';
const built = (re) => dist + readdirSync(dist).find((f) => re.test(f));
const opt = built(/^tgpl_web_bg\.[0-9a-f]+\.wasm$/);
const js = built(/^tgpl_web\.[0-9a-f]+\.js$/);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
if (existsSync(raw)) console.log(`wasm from cargo (release, opt-level z, LTO): ${kb(statSync(raw).size)}`);
const optBytes = readFileSync(opt);
console.log(`wasm after wasm-bindgen + wasm-opt -Oz: ${kb(optBytes.length)}; gzip -9: ${kb(gzipSync(optBytes, { level: 9 }).length)}`);
console.log(`tgpl_web.js: ${kb(statSync(js).size)}; gzip -9: ${kb(gzipSync(readFileSync(js), { level: 9 }).length)}`);

const browser = await launch();
try {
  // --- Dashboard first render (a reload of a logged-in tab) ------------------
  const { context, page } = await loginAs(browser, process.env.BENCH_USER ?? 'gd.hanoi');
  await page.getByTestId('chart-status').waitFor();
  const first = [];
  for (let i = 0; i < 7; i++) {
    await page.goto(BASE + '/', { waitUntil: 'commit' });
    await page.locator('[data-testid=chart-status] rect').first().waitFor();
    first.push(await page.evaluate(() => performance.now()));
  }
  console.log(`dashboard first render (navigation start → charts drawn with data): ${fmt(first)}`);

  // --- Case list: re-render of 50 rows on a filter change --------------------
  await page.goto(BASE + '/cases');
  await page.getByTestId('case-table').waitFor();
  const rows0 = await page.locator('[data-testid=case-table] tbody tr').count();
  const total = [];
  const render = [];
  const values = ['in_progress', 'concluded'];
  for (let i = 0; i < 12; i++) {
    const value = values[i % 2];
    const r = await page.evaluate(async (value) => {
      performance.clearResourceTimings();
      const sel = document.querySelector('#f-status');
      const t0 = performance.now();
      sel.value = value;
      sel.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => {
          const rows = document.querySelectorAll('[data-testid=case-table] tbody tr');
          if (rows.length && [...rows].every((r) => r.querySelector('.st-' + value))) resolve();
          else requestAnimationFrame(check);
        };
        check();
      });
      const t1 = performance.now();
      const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/cases?')).pop();
      return { total: t1 - t0, render: api ? t1 - api.responseEnd : NaN, rows: document.querySelectorAll('[data-testid=case-table] tbody tr').length };
    }, value);
    if (i >= 2) { total.push(r.total); render.push(r.render); }
    if (i === 2) console.log(`case list rows per page: ${r.rows} (first page ${rows0})`);
  }
  console.log(`case list filter change, click → 50 rows re-rendered (incl. API): ${fmt(total)}`);
  console.log(`case list filter change, API response → rows re-rendered: ${fmt(render)}`);

  // --- A case opens (issue #13 item 8): a click on a code in the list → its
  // page whole (summary, timeline, papers: no "loading" left), then Back.
  await page.goto(BASE + '/cases');
  await page.getByTestId('case-table').waitFor();
  const opens = [];
  for (let i = 0; i < 12; i++) {
    const ms = await page.evaluate(async (i) => {
      const links = document.querySelectorAll('[data-testid=case-table] tbody tr a[href^="/cases/"]');
      const t0 = performance.now();
      links[i % links.length].click();
      await new Promise((resolve) => {
        const check = () => {
          const open = document.querySelector('[data-testid=case-code]')
            && document.querySelector('ol.timeline, [data-testid=documents], section.card h2')
            && !document.querySelector('p.muted[aria-live=polite]');
          if (open) resolve(); else requestAnimationFrame(check);
        };
        check();
      });
      return performance.now() - t0;
    }, i);
    if (i >= 2) opens.push(ms);
    await page.goBack();
    await page.getByTestId('case-table').waitFor();
  }
  console.log(`a case opens, click in the list → whole case page: ${fmt(opens)}`);
  await context.close();
} finally {
  await browser.close();
}
