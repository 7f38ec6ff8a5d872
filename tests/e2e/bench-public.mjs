// Public services benchmark (BENCHMARKS.md, issue #12), run by
// scripts/bench-public.sh against a server that trusts this machine as its
// proxy (TGPL_TRUSTED_PROXIES=127.0.0.1):
// 1. fills the directory to 300 organisations and 2,000 practitioners and
//    sends 200 online requests (from as many addresses), writing the request
//    files the open-loop load generator replays (lookups, directory
//    searches) into $BENCH_WORK;
// 2. the public pages under Chromium's "Slow 4G" network emulation (CDP
//    Network.emulateNetworkConditions, cache disabled), 5 runs each: the first
//    contentful paint (the static first screen of public.html, whose links
//    work without the module; for `/`, the static login form of index.html)
//    and the page ready (the module drew it).
import { writeFileSync } from 'node:fs';
import { BASE, PASSWORD, launch } from './lib.mjs';

const WORK = process.env.BENCH_WORK ?? '/tmp';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function api(method, path, { token, body, from } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (from) headers['x-forwarded-for'] = from;
  const r = await fetch(BASE + '/api/v1' + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} -> ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}
/** Runs `f` over `items`, `n` at a time. */
async function pool(items, n, f) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await f(items[next++]);
  }));
}

const admin = (await api('POST', '/auth/login', { body: { username: 'admin', password: PASSWORD } })).access_token;
const all = async (path) => {
  const out = [];
  let after = '';
  for (;;) {
    const page = await api('GET', `${path}${path.includes('?') ? '&' : '?'}limit=200${after}`, { token: admin });
    out.push(...page.items);
    if (!page.next) return out;
    after = `&after=${page.next}`;
  }
};

// --- 1. The directory at its national size, and requests to look up -------
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Đức', 'Thanh', 'Hữu', 'Kim'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vy', 'Yến'];
let orgs = await all('/organisations');
const centres = orgs.filter((o) => o.kind === 'centre');
const stamp = Date.now().toString(36).toUpperCase();
const newOrgs = Math.max(0, 300 - orgs.length);
await pool(Array.from({ length: newOrgs }, (_, i) => i), 8, async (i) => {
  const c = centres[i % centres.length];
  await api('POST', '/organisations', { token: admin, body: {
    kind: 'contracted_org', name: `Công ty Luật ${SURNAMES[i % 16]} ${GIVEN[i % 22]} ${stamp}${i}`,
    abbreviation: `CTL${i}`, province_code: c.province_code, parent_id: c.parent_id ?? c.id,
    registration_number: `HD-${stamp}-${i}`, valid_from: '2025-01-01' } }).catch(() => {});
});
orgs = await all('/organisations');
let people = await all('/practitioners');
const units = orgs.filter((o) => ['centre', 'branch'].includes(o.kind));
const newPeople = Math.max(0, 2000 - people.length);
await pool(Array.from({ length: newPeople }, (_, i) => i), 8, async (i) => {
  const u = units[i % units.length];
  const name = `${SURNAMES[i % 16]} ${MIDDLE[(i >> 4) % 10]} ${GIVEN[(i >> 2) % 22]}`;
  await api('POST', '/practitioners', { token: admin, body: {
    full_name: name, kind: i % 3 ? 'collaborator' : 'legal_aid_officer',
    card_number: `B${stamp}${i}`, organisation_id: u.id } }).catch(() => {});
});
people = await all('/practitioners');
console.log(`directory: ${orgs.length} organisations, ${people.length} practitioners`);

const receipts = [];
await pool(Array.from({ length: 200 }, (_, i) => i), 8, async (i) => {
  const r = await api('POST', '/public/requests', { from: `10.200.${i >> 8}.${i & 255}`, body: {
    province: '01',
    requester: { full_name: `${SURNAMES[i % 16]} ${MIDDLE[i % 10]} ${GIVEN[i % 22]}`, phone: `09${String(10000000 + i).padStart(8, '0')}` },
    categories: ['2'], form_of_aid: 'advice', field_of_law: 'land',
    summary: 'Gia đình tôi bị lấn chiếm đất ở, xin được tư vấn.', consent: true, consent_version: '2026-01' } });
  receipts.push(r);
});
writeFileSync(`${WORK}/lookups`, receipts.map((r) =>
  `POST /api/v1/public/lookup ${JSON.stringify({ tracking_code: r.tracking_code, secret: r.secret })}`).join('\n') + '\n');
const queries = ['nguyen', 'tran thi', 'le van', 'hanh', 'pham minh', 'hoang', 'vu duc', 'dang thu'];
const provinces = ['01', '79', '48', '92', '38'];
const dir = [];
for (let i = 0; i < 40; i++) {
  const q = encodeURIComponent(queries[i % queries.length]);
  dir.push(i % 2
    ? `/api/v1/public/practitioners?q=${q}&limit=20`
    : `/api/v1/public/organisations?q=${encodeURIComponent(['luat', 'trung tam', 'chi nhanh'][i % 3])}&province=${provinces[i % 5]}&limit=20`);
}
writeFileSync(`${WORK}/directory`, dir.join('\n') + '\n');
console.log(`requests sent: ${receipts.length}`);

// --- 2. First render under Slow 4G -------------------------------------------
// Chromium DevTools' "Slow 4G" preset (packet-level adjusted as DevTools applies it).
const SLOW_4G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1000 * 1000 / 8) * 0.9, uploadThroughput: (750 * 1000 / 8) * 0.9 };
const browser = await launch();
try {
  const pages = [
    ['/public', 'a.pub-card'],
    ['/public/request', '#cat-2'],
    ['/public/lookup', '#secret'],
    ['/public/directory', '[data-testid=practitioners] li'],
    // The staff's login (issue #13 item 8): the first paint is the static
    // login form of index.html; ready is the app's own form.
    ['/', '#username'],
  ];
  for (const [path, ready] of pages) {
    const times = [];
    const fcps = [];
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', isMobile: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await page.goto(BASE + path, { waitUntil: 'commit', timeout: 60000 });
      await page.locator(ready).first().waitFor({ timeout: 60000 });
      // Ready: the page's own content drawn by the module (the static first
      // screen of public.html is gone).
      await page.waitForFunction(() => !document.getElementById('shell'), null, { timeout: 60000 });
      const t = await page.evaluate(() => ({
        ready: performance.now(),
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      times.push(t.ready);
      fcps.push(t.fcp);
      await context.close();
    }
    console.log(`RESULT slow4g ${path} first contentful paint median ${median(fcps).toFixed(0)} ms (min ${Math.min(...fcps).toFixed(0)}, max ${Math.max(...fcps).toFixed(0)}); page ready median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), n=5`);
  }
} finally {
  await browser.close();
}
