// Shared helpers of the browser tests: Debian's Chromium through
// playwright-core (never a downloaded browser), login, screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const BASE = process.env.TGPL_URL ?? 'http://127.0.0.1:8080';
export const PASSWORD = 'Demo@2026tgpl';
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

// A client address of its own for each person (context) and API call: the
// server, which trusts this machine as its proxy in the tests (scripts/e2e.sh),
// limits logins per address, as it would per office machine.
let clients = 0;
export const clientAddress = () => { clients += 1; return `10.77.${clients >> 8}.${clients & 255}`; };

// One API call as an integrator makes it; a non-2xx status throws with the body.
export async function api(method, path, token, body, headers = {}) {
  const h = { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(), ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  const r = await fetch(BASE + '/api/v1' + path, { method, headers: h, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} -> ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// An access token for a demo account.
export const login = async (username) =>
  (await api('POST', '/auth/login', null, { username, password: PASSWORD })).access_token;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** A fresh context (its own sessionStorage) logged in as `username`. */
export async function loginAs(browser, username, { viewport = { width: 1366, height: 768 }, shot } = {}) {
  // bypassCSP: the accessibility checks inject axe-core as an inline script,
  // which the app's Content-Security-Policy rightly forbids. The keyboard
  // step in scenario.mjs runs without the bypass and fails on any violation.
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true,
    extraHTTPHeaders: { 'x-forwarded-for': clientAddress() } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
  // What the page did lately, printed when a step fails.
  const recent = [];
  const note = (line) => { recent.push(`${new Date().toISOString().slice(11, 23)} ${line}`); if (recent.length > 12) recent.shift(); };
  page.on('response', (r) => { if (r.url().includes('/api/')) note(`${r.request().method()} ${r.url().replace(BASE, '')} -> ${r.status()}`); });
  page.on('requestfailed', (r) => note(`${r.method()} ${r.url().replace(BASE, '')} failed: ${r.failure()?.errorText}`));
  page.on('console', (m) => note(`console.${m.type()}: ${m.text()}`));
  recentOf.set(page, recent);
  await page.goto(BASE + '/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  if (shot) await page.screenshot({ path: ARTIFACTS + shot });
  await page.locator('form.login button[type=submit]').click();
  await page.getByTestId('who').waitFor();
  return { context, page };
}

export async function shot(page, name) {
  await page.screenshot({ path: ARTIFACTS + name, fullPage: true });
}

const recentOf = new WeakMap();

let passed = 0;
let failed = 0;
/** Runs one step; a failure is reported with a screenshot and stops the scenario. */
export async function step(name, page, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}: ${e.message}`);
    const recent = page && recentOf.get(page);
    if (recent?.length) console.log(`     the page lately:\n       ${recent.join('\n       ')}`);
    if (page) await page.screenshot({ path: ARTIFACTS + `FAILED-${name.replace(/\W+/g, '_')}.png`, fullPage: true }).catch(() => {});
    throw e;
  }
}

export function summary() {
  return { passed, failed };
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** WCAG 2.1 A/AA checks of the current page with axe-core; serious and
 * critical violations fail, the rest are printed. */
export async function checkA11y(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const bad = [];
  for (const v of result.violations) {
    const line = `${name}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`;
    if (v.impact === 'serious' || v.impact === 'critical') bad.push(line);
    else console.log(`note ${line}`);
  }
  if (bad.length) throw new Error(`accessibility:\n  ${bad.join('\n  ')}`);
  console.log(`     a11y ${name}: ${result.passes.length} WCAG 2.1 A/AA rules pass, ${result.violations.length} minor findings`);
}
