// The issue #5 scenario in a real browser against `tgpl serve` with demo data:
// a clerk takes a request through intake and acceptance, the director assigns
// the officer, the officer records an activity, uploads a PDF and concludes,
// the director sees it on the dashboard, another centre's director cannot
// open it. Screenshots of each screen go to tests/e2e/artifacts/.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { BASE, ARTIFACTS, PASSWORD, api, login, launch, loginAs, shot, step, summary, checkA11y } from './lib.mjs';

/** The TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret now. */
function totp(b32, t = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...b32.replace(/=+$/, '')].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[19] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1e6).padStart(6, '0');
}

const PDF = ARTIFACTS + 'ban-bao-chua.pdf';
writeFileSync(PDF, [
  '%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
  'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'));

const TXT = ARTIFACTS + 'ghi-chu.exe';
writeFileSync(TXT, 'MZ\x90\x00 not a document\n');

const spec = await (await fetch(BASE + '/api/openapi.json')).json();
const hasDocuments = Boolean(spec.paths['/api/v1/cases/{id}/documents']);
const stamp = Date.now().toString(36);
const beneficiary = `Nguyễn Văn Nam ${stamp}`;

/** Waits for `done` to show on `page`; a privileged act asks for the
 * password again when the last check is over ten minutes old: give it. */
async function afterReauth(page, done) {
  const reauth = page.getByTestId('reauth');
  await Promise.race([done.waitFor().catch(() => {}), reauth.waitFor().catch(() => {})]);
  if (await reauth.count()) {
    await page.locator('#reauth_password').fill(PASSWORD);
    await reauth.locator('button[type=submit]').click();
  }
  await done.waitFor();
}

const browser = await launch();
let caseUrl;
let exitCode = 0;
try {
  // --- Clerk: intake and acceptance ------------------------------------------
  const clerk = await loginAs(browser, 'vt.hanoi', { shot: '01-login.png' });
  let p = clerk.page;
  await step('clerk sees the dashboard', p, async () => {
    await p.getByTestId('chart-status').waitFor();
    await shot(p, '02-dashboard-clerk.png');
    await checkA11y(p, 'dashboard');
    if ((await p.title()) !== 'Tổng quan — TGPL') throw new Error(`page title ${await p.title()}`);
  });
  await step('clerk records a request through intake', p, async () => {
    await p.locator('nav a[href="/cases/new"]').click();
    await p.locator('#form_of_aid').selectOption('litigation_defence');
    await p.locator('#field_of_law').selectOption('criminal');
    await p.locator('#summary').fill('abc');
    await p.locator('#party-0-name').fill(beneficiary);
    await p.locator('#party-0-dob').fill('12/03/2009');
    await p.getByTestId('cat-5').check();
    // "Proof present" is never ticked for the clerk (issue #13).
    if (await p.getByTestId('proof-5').isChecked()) throw new Error('proof ticked by default');
    await p.getByTestId('proof-5').check();
    await p.locator('#party-0-sex').selectOption('male');
    await p.locator('#party-0-phone').fill('0912 345 678');
    // Clause 5 reads the beneficiary's procedural role and age (Law 59/2024).
    await p.locator('[data-testid=verdict][data-verdict=not_eligible]').waitFor();
    await p.locator('#party-0-procedural-role').selectOption('accused');
    await p.locator('[data-testid=verdict][data-verdict=eligible]').waitFor();
    // The category by its name, and the age the rule read from the birth date.
    await p.getByTestId('verdict').locator('li', { hasText: /^5\. .*tuổi vào ngày yêu cầu: 1[6-7]\)$/ }).waitFor();
    await checkA11y(p, 'intake');
    // A 422 from the API: the message sits next to its field, nothing typed is lost.
    await p.getByTestId('intake-submit').click();
    await p.locator('#err-summary').waitFor();
    if ((await p.locator('#summary').getAttribute('aria-invalid')) !== 'true') throw new Error('summary not marked invalid');
    if ((await p.locator('#party-0-name').inputValue()) !== beneficiary) throw new Error('typed name lost');
    await shot(p, '03-intake-422.png');
    await p.locator('#summary').fill('Bị can 17 tuổi bị khởi tố, gia đình đề nghị cử người bào chữa.');
    await shot(p, '03-intake.png');
    await p.getByTestId('intake-submit').click();
    await p.getByTestId('case-status').filter({ hasText: 'Đã tiếp nhận yêu cầu' }).waitFor();
    caseUrl = p.url();
    if (!/\/cases\/[0-9a-f-]{36}$/.test(caseUrl)) throw new Error(`unexpected case URL ${caseUrl}`);
  });
  await step('clerk accepts it: register entry and case code', p, async () => {
    await p.getByTestId('act-accept').click();
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('case-status').filter({ hasText: 'Đã thụ lý' }).waitFor();
    const code = await p.getByTestId('case-code').textContent();
    if (!/^TT\.TGTT\.\d+\.\d{4}$/.test(code)) throw new Error(`unexpected case code ${code}`);
    await shot(p, '04-case-accepted.png');
  });
  await step('clerk finds it in the case list, search without diacritics', p, async () => {
    await p.locator('nav a[href="/cases"]').click();
    await p.locator('#q').fill(`nguyen van nam ${stamp}`);
    await p.locator('#case-filters button[type=submit]').click();
    await p.waitForURL(/q=nguyen/);
    await p.getByTestId('case-table').getByText(beneficiary).waitFor();
    await p.locator('#f-status').selectOption('accepted');
    await p.waitForURL(/status=accepted/);
    await p.getByTestId('case-table').getByText(beneficiary).waitFor();
    await shot(p, '05-case-list.png');
    await checkA11y(p, 'case list');
    await p.reload();
    await p.getByTestId('case-table').getByText(beneficiary).waitFor();
    if ((await p.locator('#f-status').inputValue()) !== 'accepted') throw new Error('filter not restored from the URL');
  });
  await step('the case list counts, sorts and pages forward and back', p, async () => {
    await p.goto(BASE + `/cases?q=${encodeURIComponent('nguyen van nam ' + stamp)}`);
    await p.getByTestId('case-total').filter({ hasText: /^1 vụ việc khớp bộ lọc$/ }).waitFor();
    // More than one page of 50: top up the demo register through the API.
    const clerkToken = await login('vt.hanoi');
    const listed = await api('GET', '/cases?limit=1', clerkToken);
    const centre = (await api('GET', '/organisations?province=01&kind=centre', clerkToken)).items[0].id;
    for (let i = listed.total.count; i <= 50; i++) {
      await api('POST', '/cases', clerkToken, {
        organisation_id: centre, channel: 'in_person', form_of_aid: 'advice', field_of_law: 'land',
        summary: 'Tranh chấp ranh giới thửa đất với hộ liền kề.',
        eligibility: [{ code: '2', proof_documents_present: true, financial_hardship_proven: false }],
        parties: [{ role: 'beneficiary', full_name: `Lường Văn Trang ${i}`, sex: 'male' }],
      });
    }
    await p.goto(BASE + '/cases');
    const total = await p.getByTestId('case-total').textContent();
    const count = Number(total.replace(/\D/g, ''));
    if (!(count > 50)) throw new Error(`the list should hold more than a page, says "${total}"`);
    await p.locator('#f-sort').selectOption('deadline_asc');
    await p.waitForURL(/sort=deadline_asc/);
    // The pages the API gives in that order are the pages the list shows.
    const sorted = await api('GET', '/cases?limit=50&sort=deadline_asc', clerkToken);
    const following = await api('GET', `/cases?limit=50&sort=deadline_asc&after=${sorted.next}`, clerkToken);
    const firstRow = (c) => p.locator('[data-testid=case-table] tbody tr').first()
      .filter({ hasText: new RegExp(c.parties.find((x) => x.role === 'beneficiary').full_name + '(?!\\d)') });
    await firstRow(sorted.items[0]).waitFor();
    await p.getByTestId('next-page').click();
    await p.waitForURL(/after=.*back=0/);
    await firstRow(following.items[0]).waitFor();
    await p.getByTestId('previous-page').click();
    await p.waitForURL((u) => !u.search.includes('after='));
    await firstRow(sorted.items[0]).waitFor();
    if (await p.getByTestId('previous-page').count()) throw new Error('the first page offers a previous page');
    if ((await p.locator('#f-sort').inputValue()) !== 'deadline_asc') throw new Error('the sort was lost on the way back');
    // Saved as a view (kept on the server), it opens again from a clean list.
    const viewName = `Hạn gần nhất ${stamp}`;
    await p.locator('#view_name').fill(viewName);
    await p.getByTestId('save-view').click();
    await p.getByTestId('saved-views').getByTestId('notice').filter({ hasText: viewName }).waitFor();
    await p.goto(BASE + '/cases');
    await p.getByTestId('case-table').waitFor();
    await p.locator('#view').selectOption({ label: viewName });
    await p.waitForURL(/sort=deadline_asc/);
    await firstRow(sorted.items[0]).waitFor();
    await checkA11y(p, 'case list with saved views');
    p.once('dialog', (d) => d.accept());
    await p.getByTestId('delete-view').click();
    await p.waitForFunction((n) => ![...document.querySelectorAll('#view option')].some((o) => o.textContent === n), viewName);
    // Back to the search the next step starts from.
    await p.goto(BASE + `/cases?status=accepted&q=${encodeURIComponent('nguyen van nam ' + stamp)}`);
    await p.getByTestId('case-table').getByText(beneficiary).waitFor();
  });
  await step('a network failure is explained and the form keeps its values', p, async () => {
    await p.route('**/api/v1/cases?**', (route) => route.abort('internetdisconnected'));
    await p.locator('#f-form').selectOption('litigation_defence');
    await p.getByTestId('error').filter({ hasText: 'Không kết nối được' }).waitFor();
    if ((await p.locator('#q').inputValue()) !== `nguyen van nam ${stamp}`) throw new Error('search text lost');
    await shot(p, '05-network-error.png');
    await p.unroute('**/api/v1/cases?**');
    await p.locator('#f-form').selectOption('');
    await p.getByTestId('case-table').getByText(beneficiary).waitFor();
  });
  await clerk.context.close();

  // --- One login per browser (issue #13 items 3 and 8) ------------------------
  await step('the login form is there before the module: typed and pressed early, it logs in once the app starts', null, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    // A slow line: the module arrives two seconds late.
    await page.route(/\.wasm$/, async (route) => { await new Promise((r) => setTimeout(r, 2000)); await route.continue(); });
    await page.goto(BASE + '/');
    await page.locator('#shell-username').fill('vt.hanoi');
    await page.locator('#shell-password').fill(PASSWORD);
    await page.locator('#shell-login button[type=submit]').click();
    await page.getByTestId('who').waitFor();
    await context.close();
  });
  await step('two tabs share one login, and logging out in one ends both', null, async () => {
    const first = await loginAs(browser, 'vt.hanoi');
    const second = await first.context.newPage();
    second.setDefaultTimeout(15000);
    await second.goto(BASE + '/cases');
    await second.getByTestId('who').waitFor();
    await second.getByTestId('case-table').waitFor();
    await first.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await first.page.locator('#username').waitFor();
    await second.locator('#username').waitFor({ timeout: 5000 })
      .catch(() => { throw new Error('the second tab is still logged in'); });
    await second.getByTestId('login-notice').waitFor();
    await first.context.close();
  });

  // --- Director: assignment ---------------------------------------------------
  const director = await loginAs(browser, 'gd.hanoi');
  p = director.page;
  await step('director assigns officer Nguyễn Thị Hạnh', p, async () => {
    await p.goto(caseUrl);
    await p.getByTestId('act-assign').click();
    const option = p.locator('#practitioner_id option', { hasText: 'Nguyễn Thị Hạnh' }).first();
    await option.waitFor({ state: 'attached' });
    await p.locator('#practitioner_id').selectOption(await option.getAttribute('value'));
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('case-status').filter({ hasText: 'Đã phân công' }).waitFor();
    await p.getByTestId('case-practitioner').filter({ hasText: 'Nguyễn Thị Hạnh' }).waitFor();
    // The case file's assignment history shows in the timeline, by name.
    await p.getByTestId('timeline').locator('li', { hasText: 'Phân công người thực hiện' })
      .filter({ hasText: 'Nguyễn Thị Hạnh' }).waitFor();
    await shot(p, '06-case-assigned.png');
  });
  await step('assigning her to a case against her own client is refused: conflict of interest (409)', p, async () => {
    // A second request, set up through the API: her client is the opposing party there.
    const call = async (method, path, token, body, ifMatch) => {
      const headers = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (ifMatch) headers['if-match'] = `"${ifMatch}"`;
      const r = await fetch(BASE + '/api/v1' + path, { method, headers, body: body && JSON.stringify(body) });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    };
    const { access_token: clerkToken } = await call('POST', '/auth/login', null, { username: 'vt.hanoi', password: 'Demo@2026tgpl' });
    const me = await call('GET', '/auth/me', clerkToken);
    const created = await call('POST', '/cases', clerkToken, {
      organisation_id: me.organisation_id, channel: 'in_person', form_of_aid: 'litigation_protection',
      field_of_law: 'civil_family', summary: 'Tranh chấp hợp đồng vay tài sản với ông Nam.',
      eligibility: [{ code: '2', proof_documents_present: true, financial_hardship_proven: false }],
      parties: [{ role: 'beneficiary', full_name: `Trần Thị Bình ${stamp}` },
        { role: 'opposing_party', full_name: beneficiary }],
    });
    await call('POST', `/cases/${created.case.id}/accept`, clerkToken, {}, created.case.version);
    await p.goto(BASE + `/cases/${created.case.id}`);
    await p.getByTestId('act-assign').click();
    const option = p.locator('#practitioner_id option', { hasText: 'Nguyễn Thị Hạnh' }).first();
    await option.waitFor({ state: 'attached' });
    const value = await option.getAttribute('value');
    await p.locator('#practitioner_id').selectOption(value);
    // The warning comes when she is picked, before anything is submitted.
    await p.getByTestId('candidate-warning').filter({ hasText: 'Xung đột lợi ích' }).waitFor();
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('error').filter({ hasText: 'Xung đột lợi ích' }).waitFor();
    if ((await p.locator('#practitioner_id').inputValue()) !== value) throw new Error('the choice was lost');
    await shot(p, '06-conflict-of-interest.png');
    await p.goto(caseUrl);
    await p.getByTestId('case-status').filter({ hasText: 'Đã phân công' }).waitFor();
  });
  await step('director puts an online hearing in the calendar', p, async () => {
    const d = new Date(Date.now() + 30 * 86400000);
    const dd = `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
    await p.getByTestId('act-hearing').click();
    await p.locator('#court').fill('Tòa án nhân dân Thành phố Hà Nội');
    await p.locator('#hearing_date').fill(dd);
    await p.locator('#hearing_time').fill('08:30');
    await p.locator('#mode').selectOption('online');
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('timeline').getByText('Tòa án nhân dân Thành phố Hà Nội').waitFor();
  });
  await step('director records the beneficiary\'s request for another practitioner (form 04)', p, async () => {
    // Someone who goes straight to the second field keeps the focus there:
    // the form's own focus move (next animation frame) once took it back to
    // the first field, and typed text landed in the date (CI, session 4).
    const focused = await p.evaluate(async () => {
      document.querySelector('[data-testid=act-reassignment-request]').click();
      let reason = null;
      for (let i = 0; i < 10000 && !reason; i += 1) {
        await Promise.resolve(); // the form renders in microtasks, before any frame
        reason = document.querySelector('#reassignment_reason');
      }
      if (!reason) return 'the form did not open';
      reason.focus();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return document.activeElement?.id || 'nothing';
    });
    if (focused !== 'reassignment_reason') throw new Error(`focus moved to ${focused}`);
    await p.locator('#reassignment_reason').fill('Gia đình đề nghị đổi người bào chữa vì lý do cá nhân.');
    const answered = p.waitForResponse((r) => r.url().includes('/reassignment-requests'), { timeout: 15000 })
      .catch(() => null);
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    const r = await answered;
    if (!r) throw new Error('the form sent no request within 15 s of the click');
    if (r.status() !== 200) throw new Error(`the server answered ${r.status()}: ${await r.text()}`);
    try {
      await p.getByText('Yêu cầu đổi người thực hiện').waitFor();
    } catch (e) {
      const shown = await p.getByTestId('error').allInnerTexts();
      throw new Error(`answered 200 but not shown; messages on screen: ${shown.join(' | ') || 'none'} (${e.message})`);
    }
    await p.getByTestId('act-reassignment-request').waitFor({ state: 'detached' });
  });

  // --- Officer: activity, document, conclusion ------------------------------
  const officer = await loginAs(browser, 'tgv.hanoi');
  p = officer.page;
  await step('officer\'s bell tells of the assignment; she reads it and the count drops', p, async () => {
    // The job runner hands the outbox on within a second.
    await p.getByTestId('bell-count').waitFor();
    const before = Number(await p.getByTestId('bell-count').innerText());
    await p.getByTestId('bell').click();
    const notice = p.getByTestId('notifications').locator('li', { hasText: 'được phân công cho bạn' }).first();
    await notice.waitFor();
    await shot(p, '06b-notifications.png');
    await checkA11y(p, 'notifications');
    await notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor({ state: 'detached' });
    if (before > 1) {
      await p.getByTestId('bell-count').filter({ hasText: String(before - 1) }).waitFor();
    } else {
      await p.getByTestId('bell-count').waitFor({ state: 'detached' });
    }
    await p.getByTestId('notification-preferences').waitFor();
  });
  await step('officer records an activity', p, async () => {
    await p.goto(caseUrl);
    await p.getByTestId('act-record_activity').click();
    await p.locator('#activity_kind').selectOption('meeting');
    await p.locator('#description').fill('Gặp bị can tại trại tạm giam, trao đổi về vụ án.');
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('case-status').filter({ hasText: 'Đang thực hiện' }).waitFor();
    await p.getByTestId('timeline').getByText('Gặp bị can').waitFor();
  });
  await step('officer subscribes to her calendar: the hearing, no names, and the link can be revoked', p, async () => {
    await p.goto(BASE + '/account');
    await p.getByTestId('calendar-link').click();
    const feed = p.getByTestId('calendar-feed');
    await feed.getByTestId('calendar-open').click();
    const url = await p.getByTestId('calendar-url').inputValue();
    if (!url.startsWith(BASE + '/api/v1/calendar-feeds/')) throw new Error(`calendar link ${url}`);
    await checkA11y(p, 'account with calendar link');
    // What a calendar app reads, without a login.
    const ics = await (await fetch(url)).text();
    if (!ics.startsWith('BEGIN:VCALENDAR') || !ics.includes('Phiên tòa')) throw new Error(`feed: ${ics.slice(0, 300)}`);
    if (ics.includes(beneficiary)) throw new Error('the feed holds the beneficiary\'s name');
    p.once('dialog', (d) => d.accept());
    await feed.getByTestId('calendar-revoke').click();
    await feed.getByText('Đã thu hồi liên kết lịch.').waitFor();
    const gone = await fetch(url);
    if (gone.status !== 404) throw new Error(`revoked feed answers ${gone.status}`);
    await p.goto(caseUrl);
    await p.getByTestId('case-status').waitFor();
  });
  await step('the server has the documents API', p, async () => {
    if (!hasDocuments) throw new Error('GET /api/v1/cases/{id}/documents is not in the served OpenAPI document');
  });
  {
    await step('officer uploads a PDF and sees it listed; a wrong type is explained', p, async () => {
      await p.locator('#doc_file').setInputFiles(TXT);
      await p.locator('[data-testid=upload-form] button[type=submit]').click();
      await p.getByTestId('error').filter({ hasText: 'Loại tệp không được chấp nhận' }).waitFor();
      await p.locator('#doc_kind').selectOption('submission');
      await p.locator('#doc_file').setInputFiles(PDF);
      await p.locator('[data-testid=upload-form] button[type=submit]').click();
      await p.getByTestId('documents').getByText('ban-bao-chua.pdf').waitFor();
      await shot(p, '07-case-document.png');
    });
  }
  await step('officer concludes the case', p, async () => {
    await p.getByTestId('act-conclude').click();
    await p.waitForFunction(() => document.activeElement?.id === 'outcome');
    await p.locator('#outcome').fill('Tòa tuyên án treo; bị can được hưởng án treo.');
    await p.locator('#success_criterion').selectOption({ index: 1 });
    await p.locator('#success_evidence').fill('Bản án số 125/2026/HS-ST ngày 20/11/2026 của Tòa án nhân dân Thành phố Hà Nội');
    await p.locator('[data-testid=act-form] button[type=submit]').click();
    await p.getByTestId('case-status').filter({ hasText: 'Đã kết thúc' }).waitFor();
    await p.getByTestId('no-actions').waitFor();
    // The outcome and the success assessment are on the page, and the
    // timeline (from the event outbox) tells the whole way here.
    await p.getByTestId('case-success').filter({ hasText: 'Bản án số 125/2026/HS-ST' }).waitFor();
    const timeline = p.getByTestId('timeline');
    await timeline.locator('li', { hasText: 'Kết thúc vụ việc' }).filter({ hasText: 'án treo' }).waitFor();
    await timeline.locator('li', { hasText: 'Thụ lý vụ việc, cấp mã vụ việc' }).filter({ hasText: /TT\.TGTT\.\d+\.\d{4}/ }).waitFor();
    await timeline.locator('li', { hasText: 'Tiếp nhận yêu cầu trợ giúp pháp lý' }).waitFor();
    await shot(p, '08-case-concluded.png');
    await checkA11y(p, 'case detail');
  });
  await step('the case page and the case list at phone width (390×844): no sideways scrolling, rows become cards, filters fold away', p, async () => {
    const caseUrlHere = p.url();
    await p.setViewportSize({ width: 390, height: 844 });
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if ((await overflow()) > 0) throw new Error(`the case page scrolls sideways by ${await overflow()} px`);
    await shot(p, '09-case-phone.png');
    await p.goto(BASE + '/cases');
    await p.getByTestId('case-table').waitFor();
    if (await p.locator('#case-filters').isVisible()) throw new Error('the filters should fold away on a phone');
    await p.getByTestId('filter-toggle').click();
    await p.locator('#q').waitFor({ state: 'visible' });
    await p.getByTestId('filter-toggle').click();
    // The header stays for screen readers only (one pixel, clipped); each row is a card.
    const head = await p.locator('[data-testid=case-table] thead').boundingBox();
    if (head && head.height > 1) throw new Error(`the table header shows on a phone (${head.height} px)`);
    const display = await p.locator('[data-testid=case-table] tbody tr').first().evaluate((tr) => getComputedStyle(tr).display);
    if (display !== 'block') throw new Error(`a case row is displayed as ${display}, not a card`);
    const row = p.locator('[data-testid=case-table] tbody tr').first();
    const box = await row.boundingBox();
    if (box.width > 390) throw new Error(`a case card is ${box.width} px wide`);
    if ((await overflow()) > 0) throw new Error(`the case list scrolls sideways by ${await overflow()} px`);
    await shot(p, '09b-case-list-phone.png');
    await checkA11y(p, 'case list on a phone');
    await p.setViewportSize({ width: 1366, height: 768 });
    await p.goto(caseUrlHere);
  });
  await officer.context.close();

  // --- Director: dashboard and other screens --------------------------------
  p = director.page;
  await step('director sees the concluded case on the dashboard', p, async () => {
    await p.goto(BASE + '/');
    await p.getByTestId('chart-status').getByText('Đã kết thúc', { exact: true }).waitFor();
    await p.locator('.card', { hasText: 'Phiên tòa sắp tới' }).getByText('Tòa án nhân dân Thành phố Hà Nội').waitFor();
    // Wait for the figure rather than reading whatever is drawn at this instant.
    await p.getByTestId('stat-successful').filter({ hasText: /^1$/ }).waitFor({ timeout: 5000 })
      .catch(() => { throw new Error('the successful case is not counted'); });
    const total = Number((await p.getByTestId('stat-total').textContent()).replace(/[.,]/g, ''));
    if (!(total >= 1)) throw new Error(`dashboard total ${total}`);
    await shot(p, '10-dashboard-director.png');
  });
  await step('the hearings calendar shows the hearing in its month and its week', p, async () => {
    const d = new Date(Date.now() + 30 * 86400000);
    const iso = d.toISOString().slice(0, 10);
    await p.goto(BASE + '/desk/calendar');
    await p.getByTestId('hearings-calendar').waitFor();
    const cell = p.locator(`[data-testid=hearings-calendar] td[data-date="${iso}"]`);
    for (let i = 0; i < 3 && !(await cell.count()); i++) await p.getByTestId('cal-next').click();
    await cell.getByText('Tòa án nhân dân Thành phố Hà Nội').first().waitFor();
    await shot(p, '10b-hearings-month.png');
    await checkA11y(p, 'hearings calendar');
    await p.getByTestId('cal-week').click();
    // The week shown is the week of the day the calendar stands on; step to the hearing's.
    for (let i = 0; i < 6 && !(await cell.count()); i++) await p.getByTestId('cal-next').click();
    await cell.getByText('Tòa án nhân dân Thành phố Hà Nội').first().waitFor();
    if ((await p.locator('[data-testid=hearings-calendar] tbody td').count()) !== 7) throw new Error('a week shows seven days');
    await shot(p, '10c-hearings-week.png');
  });
  await step('director takes the concluded case file out as one ZIP with its papers and checksums', p, async () => {
    await p.goto(caseUrl);
    await p.getByTestId('case-status').filter({ hasText: 'Đã kết thúc' }).waitFor();
    const [zip] = await Promise.all([p.waitForEvent('download'), p.getByTestId('case-archive').click()]);
    const name = zip.suggestedFilename();
    if (!/^ho-so-.+\.zip$/.test(name)) throw new Error(`archive named ${name}`);
    const bytes = readFileSync(await zip.path());
    if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('not a ZIP archive');
    const listing = bytes.toString('latin1');
    for (const entry of ['ho-so.html', 'manifest.json', 'SHA256SUMS', hasDocuments ? 'ban-bao-chua.pdf' : 'ho-so.html']) {
      if (!listing.includes(entry)) throw new Error(`the archive lacks ${entry}`);
    }
  });
  await step('directories, users and audit trail open', p, async () => {
    await p.locator('nav a[href="/organisations"]').click();
    await p.getByTestId('org-table').waitFor();
    // Every register list says how many it holds.
    const orgCount = (await api('GET', '/organisations?limit=1', await login('gd.hanoi'))).total.count;
    await p.getByTestId('list-total').filter({ hasText: new RegExp(`^${orgCount} kết quả`) }).waitFor();
    await shot(p, '11-organisations.png');
    await p.locator('[data-testid=org-table] tbody a').first().click();
    await p.locator('#name').waitFor();
    await shot(p, '12-organisation-edit.png');
    await p.locator('nav a[href="/practitioners"]').click();
    await p.getByTestId('practitioner-table').getByText('Nguyễn Thị Hạnh').waitFor();
    await shot(p, '13-practitioners.png');
    await p.getByTestId('practitioner-table').getByText('Nguyễn Thị Hạnh').click();
    await p.locator('#annual_quota').waitFor();
    await shot(p, '14-practitioner-edit.png');
    await p.locator('nav a[href="/desk/users"]').click();
    await p.getByTestId('user-table').getByText('vt.hanoi').waitFor();
    await p.getByTestId('list-total').waitFor();
    await shot(p, '15-users.png');
    await checkA11y(p, 'users');
    // The audit trail's old address leads to the administration module.
    await p.goto(caseUrl.replace(/\/cases\/(.*)$/, '/audit?entity=case&entity_id=$1'));
    await p.waitForURL(/\/desk\/audit\?entity=case/);
    await p.getByTestId('audit-list').waitFor();
    // A record is picked by searching for it, not by typing its id.
    await p.goto(BASE + '/desk/audit');
    await p.locator('#entity').selectOption('case');
    await p.locator('#record_search').fill(`nguyen van nam ${stamp}`);
    await p.getByTestId('audit-find').click();
    await p.getByTestId('audit-picks').getByRole('button', { name: beneficiary }).click();
    await p.getByTestId('audit-list').waitFor();
    await checkA11y(p, 'audit trail');
    // Acts in words and people by name, not codes and ids (issue #13).
    await p.getByTestId('audit-list').getByText('Tiếp nhận yêu cầu').first().waitFor();
    await p.getByTestId('audit-list').getByText('Hoàng Thị Mai').first().waitFor();
    await shot(p, '16-audit.png');
  });
  await step('a leaked account is locked: its open session ends with a message; then unlocked', p, async () => {
    const lawyer = await loginAs(browser, 'ls.hanoi');
    await p.locator('nav a[href="/desk/users"]').click();
    const row = p.getByTestId('user-table').locator('tr', { hasText: 'ls.hanoi' });
    p.once('dialog', (d) => d.accept('Lộ mật khẩu'));
    await row.getByRole('button', { name: 'Khóa và thu hồi phiên' }).click();
    await p.getByTestId('notice').filter({ hasText: 'thu hồi' }).waitFor();
    await lawyer.page.locator('nav a[href="/cases"]').click();
    await lawyer.page.getByTestId('login-notice').filter({ hasText: 'thu hồi' }).waitFor();
    if ((await lawyer.page.locator('#username').inputValue()) !== 'ls.hanoi') throw new Error('username not kept');
    await shot(lawyer.page, '15-session-ended.png');
    await lawyer.context.close();
    await row.getByRole('button', { name: 'Mở khóa' }).click();
    await p.getByTestId('notice').filter({ hasText: 'mở khóa' }).waitFor();
    // Resetting a password is irreversible: it asks first; cancelled, nothing happens.
    let asked = '';
    p.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    if (!asked.includes('ls.hanoi')) throw new Error('no confirmation before a password reset: ' + asked);
    await p.waitForTimeout(300);
    if (await p.getByTestId('notice').filter({ hasText: 'Mật khẩu tạm thời' }).count() !== 0) throw new Error('the reset went through');
    if (await p.getByTestId('notice').filter({ hasText: 'mở khóa' }).count() !== 1) throw new Error('the last message was lost');
  });
  await step('the director makes a new clerk head of the branch (administration module): only the changed fields go, and it asks first', p, async () => {
    const token = await login('gd.hanoi');
    const orgs = (kind) => api('GET', `/organisations?province=01&kind=${kind}`, token);
    const centre = (await orgs('centre')).items[0].id;
    const branch = (await orgs('branch')).items[0];
    const username = `vt.${stamp}`;
    const created = await api('POST', '/users', token, { username, full_name: 'Đinh Thị Thu', role: 'centre_clerk', organisation_id: centre });
    await p.goto(BASE + '/desk/users');
    await p.locator('#u-q').fill(username);
    await p.locator('#u-q').press('Enter');
    await p.getByTestId('user-table').locator('tr', { hasText: username }).getByTestId('user-edit-link').click();
    await p.waitForURL(/\/desk\/users\/.*\/edit$/);
    await p.waitForFunction(() => document.querySelector('#full_name')?.value === 'Đinh Thị Thu');
    await p.locator('#phone').fill('0912 000 111');
    await p.locator('#organisation_id').selectOption(branch.id);
    await p.locator('#role').selectOption('branch_head');
    let asked = '';
    p.once('dialog', (d) => { asked = d.message(); d.accept(); });
    await p.getByTestId('user-save').click();
    // A new role is a privileged act: past ten minutes it asks for the password.
    await afterReauth(p, p.getByTestId('notice').filter({ hasText: 'Đã lưu tài khoản' }));
    if (!asked.includes('đăng xuất')) throw new Error('moving an account did not ask first: ' + asked);
    const saved = await api('GET', `/users/${created.user?.id ?? created.id}`, token);
    if (saved.organisation_id !== branch.id || saved.role !== 'branch_head' || saved.phone !== '0912000111' || saved.full_name !== 'Đinh Thị Thu') {
      throw new Error('saved account: ' + JSON.stringify(saved));
    }
    await shot(p, '15b-user-edit.png');
    await checkA11y(p, 'user edit');
  });
  await step('the national admin reads the reference data and adds then removes a holiday', null, async () => {
    const admin = await loginAs(browser, 'admin');
    const q = admin.page;
    await q.goto(BASE + '/desk/reference');
    // Clause 6a (trafficking victims) is in force since 2025-07-01.
    await q.getByTestId('ref-categories').locator('tr', { hasText: '6a' }).first().waitFor();
    await q.getByTestId('ref-deadlines').getByText('3 ngày làm việc').waitFor();
    await q.getByTestId('ref-success').locator('li').first().waitFor();
    const year = new Date().getFullYear() + 1;
    await q.locator('#ref_year').fill(String(year));
    await q.locator('#ref_year').press('Enter');
    await q.locator('#holiday_date').fill(`02/09/${year}`);
    await q.locator('#holiday_name').fill('Nghỉ bù Quốc khánh');
    await q.getByTestId('ref-add-holiday').locator('button[type=submit]').click();
    const row = q.getByTestId('ref-holidays').locator('tr', { hasText: 'Nghỉ bù Quốc khánh' });
    // A new holiday is a privileged act: past ten minutes it asks for the password.
    await afterReauth(q, row);
    await checkA11y(q, 'reference data');
    await shot(q, '16b-reference.png');
    q.once('dialog', (d) => d.accept());
    await row.getByRole('button', { name: 'Xóa' }).click();
    await row.waitFor({ state: 'detached' });
    // A new text of clause 7(c) from next year: the version in force ends the day before.
    const elderly = q.getByTestId('ref-categories').locator('tr', { hasText: 'Người cao tuổi' }).first();
    await elderly.getByTestId('category-new-version').click();
    const form = q.getByTestId('category-form');
    await form.locator('#category_valid_from').fill(`01/01/${year}`);
    await form.locator('#category_label_vi').fill('Người cao tuổi có khó khăn về tài chính (văn bản mới)');
    await checkA11y(q, 'category version form');
    await form.locator('button[type=submit]').click();
    await afterReauth(q, q.getByTestId('notice').filter({ hasText: 'Đã lưu diện' }));
    await form.waitFor({ state: 'detached' });
    const adminToken = await login('admin');
    const on = async (day) => (await api('GET', `/reference/eligibility-categories?on=${day}`, adminToken)).filter((c) => c.code === '7c');
    const [before] = await on(`${year - 1}-12-31`);
    const after = await on(`${year}-01-01`);
    if (before?.valid_to !== `${year - 1}-12-31` || after.length !== 1 || !after[0].label_vi.includes('văn bản mới')) {
      throw new Error('clause 7(c) versions: ' + JSON.stringify({ before, after }));
    }
    await admin.context.close();
  });
  await step('an integration key: issued with its scopes, shown once, works only there, rotated', p, async () => {
    // The national administrator manages the national integration account.
    const admin = await loginAs(browser, 'admin');
    const p = admin.page;
    await p.locator('nav a[href="/desk/users"]').click();
    await p.locator('#u-q').fill('tichhop');
    await p.locator('#u-q').press('Enter');
    const row = p.getByTestId('user-table').locator('tr', { hasText: 'tichhop.cuc' });
    await row.getByRole('button', { name: 'Khóa API', exact: true }).click();
    await p.locator('summary', { hasText: 'Cấp khóa mới' }).click();
    await p.locator('#key-name').fill('Cổng dịch vụ công tỉnh');
    await p.locator('input[name="events:read"]').check();
    await p.locator('form button[type=submit]', { hasText: 'Cấp khóa mới' }).click();
    const shown = p.getByTestId('notice').filter({ hasText: 'chỉ hiển thị một lần' });
    await shown.waitFor();
    const key = (await shown.textContent()).match(/tgpl_\S+/)[0];
    const as = (path, k) => fetch(BASE + '/api/v1' + path, { headers: { authorization: 'ApiKey ' + k } });
    if ((await as('/events?after=0&limit=1', key)).status !== 200) throw new Error('the key cannot read the change feed');
    const refused = await as('/cases?limit=1', key);
    if (refused.status !== 403 || (await refused.json()).code !== 'auth.api_key_scope_missing') throw new Error('the key reads cases');
    const keys = p.getByTestId('api-key-table');
    await keys.locator('tr', { hasText: 'events:read' }).waitFor();
    await shot(p, '15b-api-keys.png');
    await checkA11y(p, 'api-keys');
    // Rotate with no overlap: the old key stops at once, the new one works.
    p.once('dialog', (d) => d.accept('0'));
    await keys.locator('tr', { hasText: 'Cổng dịch vụ công tỉnh' }).filter({ hasText: 'Đang dùng' })
      .getByRole('button', { name: 'Thay khóa' }).click();
    await p.getByTestId('notice').filter({ hasText: 'chỉ hiển thị một lần' }).filter({ hasNotText: key }).waitFor();
    const rotated = (await p.getByTestId('notice').textContent()).match(/tgpl_\S+/)[0];
    if ((await as('/events?after=0&limit=1', key)).status !== 401) throw new Error('the old key still works');
    if ((await as('/events?after=0&limit=1', rotated)).status !== 200) throw new Error('the new key does not work');
    await keys.locator('tr', { hasText: 'Đã thay bằng khóa mới' }).waitFor();
    await admin.context.close();
  });
  await step('a webhook: subscribed in the app, a new request arrives signed at the receiver, the log shows it', p, async () => {
    // A receiver that checks TGPL-Signature as the spec says.
    let secret = '';
    const taken = [];
    const receiver = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const sig = Object.fromEntries(String(req.headers['tgpl-signature'] || '').split(',').map((kv) => kv.split('=')));
        const want = createHmac('sha256', secret).update(`${sig.t}.`).update(body).digest('hex');
        if (want !== sig.v1) { res.writeHead(401).end(); return; }
        taken.push(JSON.parse(body.toString()));
        res.writeHead(204).end();
      });
    });
    await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${receiver.address().port}/tgpl`;
    const admin = await loginAs(browser, 'admin');
    const p = admin.page;
    await p.locator('nav a[href="/desk/users"]').click();
    await p.locator('#u-q').fill('tichhop');
    await p.locator('#u-q').press('Enter');
    await p.getByTestId('user-table').locator('tr', { hasText: 'tichhop.cuc' })
      .getByRole('button', { name: 'Khóa API', exact: true }).click();
    await p.locator('summary', { hasText: 'Đăng ký webhook' }).click();
    await p.locator('#hook-url').fill(url);
    await p.locator('input[name="case.received"]').check();
    await p.locator('form button[type=submit]', { hasText: 'Đăng ký webhook' }).click();
    const shown = p.getByTestId('notice').filter({ hasText: 'Khóa ký' });
    await shown.waitFor();
    secret = (await shown.textContent()).match(/whsec_\S+/)[0];
    await p.getByTestId('webhook-table').locator('tr', { hasText: url }).waitFor();
    // A new request is recorded: the receiver is told, signed, within seconds.
    const login = await (await fetch(BASE + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'vt.hanoi', password: PASSWORD }) })).json();
    const centre = (await (await fetch(BASE + '/api/v1/organisations?province=01&kind=centre', { headers: { authorization: 'Bearer ' + login.access_token } })).json()).items[0].id;
    const created = await fetch(BASE + '/api/v1/cases', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + login.access_token, 'content-type': 'application/json' },
      body: JSON.stringify({ organisation_id: centre, channel: 'in_person', form_of_aid: 'advice', field_of_law: 'civil_family', summary: 'Hỏi về thủ tục chia thừa kế nhà đất.', eligibility: [{ code: '2', proof_documents_present: true, financial_hardship_proven: false }], parties: [{ role: 'beneficiary', full_name: 'Đinh Thị Webhook', sex: 'female' }] }),
    });
    if (created.status !== 201) throw new Error('request not recorded: ' + created.status);
    const caseId = (await created.json()).case.id;
    for (let i = 0; i < 60 && !taken.some((e) => e.case_id === caseId); i++) await new Promise((r) => setTimeout(r, 250));
    const event = taken.find((e) => e.case_id === caseId);
    if (!event || event.type !== 'case.received') throw new Error('the receiver was not told: ' + JSON.stringify(taken));
    if (JSON.stringify(event).includes('Đinh Thị Webhook')) throw new Error('personal data in a webhook');
    await p.getByTestId('webhook-table').locator('tr', { hasText: url }).getByRole('button', { name: 'Nhật ký gửi' }).click();
    await p.getByTestId('delivery-table').locator('tr', { hasText: '204' }).first().waitFor();
    await shot(p, '15c-webhooks.png');
    await checkA11y(p, 'webhooks');
    await admin.context.close();
    receiver.close();
  });
  await step('an edit over someone else\'s edit gets 412: reload, nothing typed is lost', p, async () => {
    await p.locator('nav a[href="/practitioners"]').click();
    await p.getByTestId('practitioner-table').getByText('Nguyễn Thị Hạnh').click();
    await p.locator('#annual_quota').waitFor();
    const editUrl = p.url();
    const before = await p.getByTestId('saved-version').textContent();
    await p.locator('#phone').fill('0912345678');
    // Meanwhile the deputy director changes the same record.
    const deputy = await loginAs(browser, 'pgd.hanoi');
    await deputy.page.goto(editUrl);
    await deputy.page.getByTestId('saved-version').waitFor();
    await deputy.page.locator('#annual_quota').fill('33');
    await deputy.page.locator('form.form-grid button[type=submit]').click();
    await deputy.page.getByTestId('notice').waitFor();
    await deputy.context.close();
    await p.locator('form.form-grid button[type=submit]').click();
    await p.getByTestId('error').filter({ hasText: 'Người khác vừa sửa' }).waitFor();
    await shot(p, '16-edit-412.png');
    await p.getByTestId('error').getByRole('button').click();
    await p.waitForFunction((v) => document.querySelector('[data-testid=saved-version]')?.textContent !== v, before);
    // The deputy's quota, untouched here, comes into the form; the typed phone stays.
    await p.waitForFunction(() => document.querySelector('#annual_quota')?.value === '33');
    await p.getByTestId('saved-differs').getByText('Điện thoại').waitFor();
    await shot(p, '17-edit-412-reloaded.png');
    if ((await p.locator('#phone').inputValue()) !== '0912345678') throw new Error('typed phone lost on reload');
    await p.locator('form.form-grid button[type=submit]').click();
    await p.getByTestId('notice').waitFor();
    // Neither change is lost (the save sent only the phone).
    const saved = await api('GET', '/practitioners/' + editUrl.split('/').pop(), await login('gd.hanoi'));
    if (saved.annual_quota !== 33 || saved.phone !== '0912345678') throw new Error('lost update: ' + JSON.stringify(saved));
  });
  await step('the director corrects the case file in the desk: a 412 asks only about the field both changed, nothing is lost, the history shows it', p, async () => {
    const caseId = caseUrl.split('/').pop();
    await p.goto(caseUrl);
    await p.getByTestId('case-edit').click();
    await p.getByTestId('edit-save').waitFor();
    await checkA11y(p, 'case edit');
    await p.locator('input[id$="-address"]').first().fill('Số 12 phố Lý Thường Kiệt, Hoàn Kiếm, Hà Nội');
    await p.locator('input[id$="-ethnicity"]').first().fill('Kinh');
    // Meanwhile the clerk corrects the same address and the summary.
    const clerkToken = await login('vt.hanoi');
    const current = await api('GET', `/cases/${caseId}`, clerkToken);
    const summary = 'Bị can 17 tuổi bị khởi tố về tội trộm cắp tài sản; gia đình đề nghị cử người bào chữa.';
    await api('PATCH', `/cases/${caseId}`, clerkToken, { version: current.version, summary, parties: [{ id: current.parties[0].id, address: 'Số 3 phố Tràng Thi, Hà Nội' }] });
    await p.getByTestId('edit-save').click();
    await p.getByTestId('conflicts').locator('tr', { hasText: 'Số 3 phố Tràng Thi' }).waitFor();
    if ((await p.getByTestId('conflicts').locator('tbody tr').count()) !== 1) throw new Error('asked about more than the address');
    if ((await p.locator('#summary').inputValue()) !== summary) throw new Error('the clerk\'s summary did not come into the form');
    await shot(p, '17b-case-edit-412.png');
    await checkA11y(p, 'case edit conflict');
    await p.getByTestId('conflicts').getByRole('button', { name: 'Giữ của tôi' }).click();
    await p.getByTestId('edit-save').click();
    await p.getByTestId('notice').waitFor();
    const after = await api('GET', `/cases/${caseId}`, clerkToken);
    const party = after.parties[0];
    if (after.summary !== summary || party.address !== 'Số 12 phố Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' || party.ethnicity !== 'Kinh') {
      throw new Error('lost update: ' + JSON.stringify({ summary: after.summary, party }));
    }
    await p.goto(caseUrl);
    await p.getByTestId('case-history').click();
    await p.getByTestId('history').getByText('Số 12 phố Lý Thường Kiệt, Hoàn Kiếm, Hà Nội').first().waitFor();
    await p.getByTestId('history').getByText('Số 3 phố Tràng Thi, Hà Nội').first().waitFor();
    await shot(p, '17c-case-history.png');
    await checkA11y(p, 'case history');
    await p.getByRole('link', { name: 'Về hồ sơ vụ việc' }).click();
    await p.getByTestId('case-code').waitFor();
  });
  await step('the department registers an organisation and its lawyer, then moves the lawyer (desk registers)', null, async () => {
    const dept = await loginAs(browser, 'stp.hanoi');
    const q = dept.page;
    await q.goto(BASE + '/desk/registers');
    await q.getByTestId('org-create').waitFor();
    await checkA11y(q, 'registers');
    const orgName = `Công ty Luật TNHH Minh Anh ${stamp}`;
    await q.locator('#kind').selectOption('registered_org');
    await q.locator('#name').fill(orgName);
    await q.locator('#abbreviation').fill(`MA${stamp.slice(-4).toUpperCase()}`);
    const parent = await q.locator('#parent_id option', { hasText: 'Sở Tư pháp' }).first().getAttribute('value');
    await q.locator('#parent_id').selectOption(parent);
    await q.locator('#registration_number').fill(`ĐK-${stamp}`);
    await q.locator('#valid_from').fill('2026-01-01');
    await q.locator('[data-testid=org-create] button[type=submit]').click();
    await q.getByTestId('notice').filter({ hasText: orgName }).waitFor();
    await q.locator('#organisation_id option', { hasText: orgName }).waitFor({ state: 'attached' });
    const orgId = await q.locator('#organisation_id option', { hasText: orgName }).getAttribute('value');
    const lawyer = `Luật sư Phan Thị Thu ${stamp}`;
    await q.locator('#p_kind').selectOption('registered_org_lawyer');
    await q.locator('#full_name').fill(lawyer);
    await q.locator("#card_number").fill(`LS-${stamp}-2026`);
    await q.locator('#organisation_id').selectOption(orgId);
    await q.locator('[data-testid=practitioner-create] button[type=submit]').click();
    await q.getByTestId('notice').filter({ hasText: lawyer }).waitFor();
    const token = await login('stp.hanoi');
    const found = await api('GET', `/practitioners?organisation_id=${orgId}`, token);
    if (!found.items.some((x) => x.full_name === lawyer)) throw new Error('the new lawyer is not in the register');
    await q.goto(BASE + '/practitioners');
    await q.getByTestId('practitioner-table').getByText(lawyer).waitFor();
    await dept.context.close();
  });
  await step('a temporary password opens only the password change until it is changed', null, async () => {
    const director = await login('gd.hanoi');
    const me = await api('GET', '/auth/me', director);
    const username = `vt.moi.${stamp}`;
    const made = await api('POST', '/users', director, { username, full_name: 'Trần Thị Mới', role: 'centre_clerk', organisation_id: me.organisation_id });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(BASE + '/');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(made.temporary_password);
    await page.locator('form.login button[type=submit]').click();
    await page.locator('#new_password').waitFor();
    await page.getByTestId('must-change-password').waitFor();
    await page.goto(BASE + '/cases');
    await page.locator('#new_password').waitFor();
    if (await page.getByTestId('case-table').count()) throw new Error('the case list opened before the password was changed');
    await checkA11y(page, 'forced password change');
    await page.locator('#current_password').fill(made.temporary_password);
    await page.locator('#new_password').fill(`Mật-khẩu-riêng-${stamp}-2026`);
    await page.locator('form button[type=submit]').first().click();
    // Changed: the page asked for (the case list) opens at once.
    await page.getByTestId('case-table').waitFor();
    await page.getByTestId('must-change-password').waitFor({ state: 'detached' });
    await context.close();
  });
  await step('English switch', p, async () => {
    await p.getByRole('button', { name: 'English' }).first().click();
    await p.locator('nav a[href="/cases"]', { hasText: 'Cases' }).waitFor();
    // Reference data in both languages: the categories' English names.
    await p.goto(caseUrl);
    await p.getByTestId('case-eligibility').filter({ hasText: /^5\. Persons aged 16 to under 18/ }).waitFor();
    await shot(p, '18-english.png');
    await p.getByRole('button', { name: 'Tiếng Việt' }).first().click();
  });
  await step('the refresh token is out of script\'s reach; a reload keeps the session', p, async () => {
    const visible = await p.evaluate(() => JSON.stringify({ ...sessionStorage }) + '|' + document.cookie);
    if (/tgpl_refresh|refresh_token/.test(visible) || visible.length > 200) throw new Error(`script sees: ${visible}`);
    await p.reload();
    await p.getByTestId('who').waitFor();
  });
  await step('a privileged act asks for the password again, then goes through', p, async () => {
    // The server asks as it does ten minutes after the last password check.
    let asked = false;
    await p.route('**/api/v1/users/*/lock', async (route) => {
      if (asked) return route.continue();
      asked = true;
      return route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Re-authentication required', status: 403, detail: '', code: 'auth.reauthentication_required' }),
      });
    });
    await p.locator('nav a[href="/desk/users"]').click();
    const row = p.getByTestId('user-table').locator('tr', { hasText: 'ls.hanoi' });
    p.once('dialog', (d) => d.accept('Lộ mật khẩu'));
    await row.getByRole('button', { name: 'Khóa và thu hồi phiên' }).click();
    await p.getByTestId('reauth').waitFor();
    await shot(p, '18-reauth.png');
    await p.locator('#reauth_password').fill(PASSWORD);
    await p.getByTestId('reauth').locator('button[type=submit]').click();
    await p.getByTestId('notice').filter({ hasText: 'thu hồi' }).waitFor();
    await p.unroute('**/api/v1/users/*/lock');
    await row.getByRole('button', { name: 'Mở khóa' }).click();
    await p.getByTestId('notice').filter({ hasText: 'mở khóa' }).waitFor();
  });
  await step('a deputy director turns on two-step verification and logs in with a recovery code', p, async () => {
    const deputy = await loginAs(browser, 'pgd.hanoi');
    const d = deputy.page;
    await d.goto(BASE + '/account');
    await d.getByTestId('second-factor').getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    const secret = (await d.getByTestId('mfa-secret').textContent()).trim();
    await d.locator('.qr svg').waitFor();
    await d.locator('#mfa_code').fill(totp(secret));
    await shot(d, '19-mfa-enrol.png');
    const answer = d.waitForResponse((r) => r.request().method() === 'POST' && /\/auth\/second-factor\/confirm/.test(r.url()) && r.ok());
    await d.getByTestId('second-factor').locator('button[type=submit]').click();
    const issued = (await (await answer).json()).recovery_codes || [];
    // Once the session has reloaded (the notice comes after it), the codes
    // are still on the page: they are shown once and must not vanish.
    await d.getByTestId('second-factor').getByText('Đã bật xác thực hai lớp.').waitFor();
    const codes = await d.getByTestId('recovery-codes').locator('code').allTextContents();
    if (codes.length !== 10) throw new Error(`${codes.length} recovery codes`);
    if (codes.join() !== issued.join()) throw new Error('the page shows other codes than the server issued');
    await d.getByRole('button', { name: 'Đăng xuất' }).click();
    await d.locator('#username').fill('pgd.hanoi');
    await d.locator('#password').fill(PASSWORD);
    await d.locator('form.login button[type=submit]').click();
    await d.locator('#code').fill(codes[0]);
    await d.locator('form.login button[type=submit]').click();
    await d.getByTestId('who').waitFor();
    await deputy.context.close();
  });
  await director.context.close();

  // --- Another centre cannot open it ----------------------------------------
  // Keyboard only, and the focus is visible.
  const otherContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  p = await otherContext.newPage();
  const other = { context: otherContext, page: p };
  // This context enforces the Content-Security-Policy: the app must run under it.
  const cspViolations = [];
  p.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  await step('a user logs in with the keyboard only; focus is visible', p, async () => {
    await p.goto(BASE + '/');
    await p.locator('#username').waitFor();
    await p.keyboard.press('Tab');
    await p.keyboard.press('Tab');
    const focused = await p.evaluate(() => ({ id: document.activeElement.id, outline: getComputedStyle(document.activeElement).outlineStyle }));
    if (focused.id !== 'username' && focused.id !== 'password') throw new Error(`focus on ${focused.id}`);
    if (focused.outline === 'none') throw new Error('no visible focus');
    await p.locator('#username').focus();
    await p.keyboard.type('gd.hcm');
    await p.keyboard.press('Tab');
    await p.keyboard.type('Demo@2026tgpl');
    await p.keyboard.press('Enter');
    await p.getByTestId('who').waitFor();
    if (cspViolations.length) throw new Error(`CSP violations: ${cspViolations.join(' | ')}`);
  });
  await step('a director of another centre gets "not found"', p, async () => {
    await p.goto(caseUrl);
    await p.getByTestId('error').filter({ hasText: 'Không tìm thấy' }).waitFor();
    await shot(p, '19-other-centre-404.png');
  });
  await other.context.close();
} catch (e) {
  // A failed step printed its reason; anything else fails here, loudly.
  console.log(`FAIL outside a step: ${e.stack ?? e}`);
  exitCode = 1;
} finally {
  await browser.close();
}
const { passed, failed } = summary();
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));
