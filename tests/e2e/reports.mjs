// The reporting flow of issue #11 in a real browser: the Hà Nội centre's
// director opens form 25 laid out like the paper form, opens a figure's
// cases and submits the report; the Justice Department returns it with a
// reason; the director submits again and the department accepts it, then
// sends the province's roll-up, which the ministry accepts; the ministry's
// national view is the sum of the provinces. Runs on synthetic cases
// (make e2e seeds 3,000 with TGPL_E2E_SYNTHETIC). Then the leadership dashboard
// and the evaluation screen, each checked with axe; last, an import of
// the old system's organisations, checked first (a dry run), then made.
import { readFileSync } from 'node:fs';
import { BASE, launch, loginAs, shot, step, summary, checkA11y, api, login } from './lib.mjs';

// The grand total of a form: the first row's first cell, actual and estimate.
const total = (report) => report.rows[0].cells[0].actual + report.rows[0].cells[0].projected;

const browser = await launch();
let exitCode = 0;
const year = new Date().getFullYear();
const period = `period=annual_official&year=${year}`;
try {
  const director = await loginAs(browser, 'gd.hanoi');
  const d = director.page;
  const department = await loginAs(browser, 'stp.hanoi');
  const s = department.page;
  const openReports = async (page) => {
    await page.locator('nav a[href="/desk/reports"]').first().click();
    await page.getByTestId('report-table').waitFor();
  };
  const row = (page, status) =>
    page.locator(`[data-testid=submission][data-status=${status}]`).filter({ hasText: 'Trung tâm' });

  await step('the director sees form 25 as on paper, opens a figure and submits', d, async () => {
    await openReports(d);
    await d.getByTestId('report-table').locator('th', { hasText: '(1)' }).first().waitFor();
    await d.locator('#report-form').selectOption('25');
    await d.getByTestId('report-show').click();
    await d.getByTestId('report-table').filter({ hasText: 'Biểu số 25' }).waitFor();
    // The grand total opens the cases behind it (synthetic data: not zero).
    const grand = d.getByTestId('report-table').locator('tbody button').first();
    if (Number((await grand.textContent()).split('+')[0].trim()) === 0) throw new Error('form 25 is empty');
    await grand.click();
    await d.getByTestId('report-cell').locator('li a[href^="/cases/"]').first().waitFor();
    await checkA11y(d, 'statistical form');
    await shot(d, 'r01-form-25.png');
    await d.getByTestId('report-submit').click();
    await row(d, 'submitted').first().waitFor();
  });

  await step('the department returns it with a reason', s, async () => {
    await openReports(s);
    const r = row(s, 'submitted').first();
    await r.getByTestId('review-reason').fill('Thiếu số liệu của chi nhánh, đề nghị bổ sung');
    await r.getByTestId('review-return').click();
    await row(s, 'returned').filter({ hasText: 'Thiếu số liệu của chi nhánh' }).first().waitFor();
    await checkA11y(s, 'report review');
  });

  await step('the director submits again and the department accepts it', s, async () => {
    await d.reload();
    await d.getByTestId('report-table').waitFor();
    await d.getByTestId('report-submit').click();
    await row(d, 'submitted').first().waitFor();
    await s.reload();
    await s.getByTestId('report-table').waitFor();
    await row(s, 'submitted').first().getByTestId('review-accept').click();
    await row(s, 'accepted').first().waitFor();
  });

  await step("the department sends the province's roll-up and the ministry accepts it", s, async () => {
    await s.getByTestId('report-submit').click();
    await s.locator('[data-testid=submission][data-status=submitted]').filter({ hasText: 'Hà Nội' }).first().waitFor();
    const ministry = await loginAs(browser, 'cuc.canbo');
    const m = ministry.page;
    await openReports(m);
    await m.locator('[data-testid=submission][data-status=submitted]').first().getByTestId('review-accept').click();
    await m.locator('[data-testid=submission][data-status=accepted]').first().waitFor();
    await ministry.context.close();
  });

  await step('the national view is the sum of the provinces, and shows it', null, async () => {
    const token = await login('cuc.canbo');
    const nation = await api('GET', `/reports/forms/25?${period}`, token);
    let sum = 0;
    const provinces = await api('GET', '/reference/provinces', token).catch(() => null);
    const codes = provinces ? provinces.map((p) => p.code) : [];
    if (codes.length !== 34) throw new Error(`expected 34 provinces, got ${codes.length}`);
    for (const code of codes) sum += total(await api('GET', `/reports/forms/25?${period}&province=${code}`, token));
    if (total(nation) !== sum) throw new Error(`nation ${total(nation)} != sum of provinces ${sum}`);
    const submitted = await api('GET', `/reports/submissions?year=${year}&status=accepted`, token);
    const hanoi = submitted.items.find((x) => x.unit_kind === 'province');
    if (!hanoi) throw new Error('the roll-up is not accepted');
    const frozen = await api('GET', `/reports/submissions/${hanoi.id}`, token);
    const live = await api('GET', `/reports/forms/25?${period}&province=01`, token);
    if (total(frozen.report) !== total(live)) throw new Error(`roll-up ${total(frozen.report)} != live ${total(live)}`);
    const ministry = await loginAs(browser, 'cuc.canbo');
    const m = ministry.page;
    await openReports(m);
    await m.locator('#report-form').selectOption('25');
    await m.getByTestId('report-show').click();
    const first = m.getByTestId('report-table').locator('tbody tr').first().locator('button').first();
    await first.filter({ hasText: String(nation.rows[0].cells[0].actual) }).waitFor();
    await ministry.context.close();
  });

  await step('the director takes the filtered case list out as CSV', d, async () => {
    await d.locator('nav a[href="/cases"]').first().click();
    await d.locator('#f-from').waitFor();
    const [download] = await Promise.all([d.waitForEvent('download'), d.getByTestId('export-csv').click()]);
    const text = readFileSync(await download.path(), 'utf8');
    if (!text.startsWith('\uFEFFMã vụ việc,Trạng thái')) throw new Error(`not the list's CSV: ${text.slice(0, 80)}`);
    const rows = text.split('\r\n').filter((l) => l).length - 1;
    const token = await login('gd.hanoi');
    let shown = 0;
    for (let after = ''; ; ) {
      const page = await api('GET', `/cases?limit=200${after && '&after=' + after}`, token);
      shown += page.items.length;
      if (!page.next) break;
      after = page.next;
    }
    if (rows !== shown) throw new Error(`CSV has ${rows} rows, the list ${shown}`);
  });

  await step('the department takes its filtered practitioners register out as CSV and Excel', s, async () => {
    await s.locator('nav a[href="/practitioners"]').first().click();
    await s.getByTestId('practitioner-table').waitFor();
    await s.locator('#pr-status').selectOption('active');
    await s.locator('form[role=search] button[type=submit]').click();
    const [csv] = await Promise.all([s.waitForEvent('download'), s.getByTestId('export-csv').click()]);
    if (csv.suggestedFilename() !== 'danh-sach-nguoi-thuc-hien.csv') throw new Error(csv.suggestedFilename());
    const text = readFileSync(await csv.path(), 'utf8');
    if (!text.startsWith('\uFEFFHọ và tên,Loại người thực hiện')) throw new Error(`not the register: ${text.slice(0, 80)}`);
    const rows = text.split('\r\n').filter((l) => l).length - 1;
    const token = await login('stp.hanoi');
    let listed = 0;
    for (let after = ''; ; ) {
      const page = await api('GET', `/practitioners?status=active&limit=200${after && '&after=' + after}`, token);
      listed += page.items.length;
      if (!page.next) break;
      after = page.next;
    }
    if (rows !== listed || rows === 0) throw new Error(`CSV has ${rows} rows, the list ${listed}`);
    const [xlsx] = await Promise.all([s.waitForEvent('download'), s.getByTestId('export-xlsx').click()]);
    const bytes = readFileSync(await xlsx.path());
    if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('the Excel file is not a workbook');
  });

  await step('the director merges two records of one person, opens her page, then undoes the merge', d, async () => {
    const token = await login('gd.hanoi');
    const centre = (await api('GET', '/organisations?province=01&kind=centre', token)).items[0].id;
    const request = (name) => ({
      organisation_id: centre, channel: 'in_person', form_of_aid: 'advice', field_of_law: 'civil_family',
      summary: 'Tư vấn về quyền nuôi con sau ly hôn.',
      eligibility: [{ code: '2', proof_documents_present: true, financial_hardship_proven: false }],
      parties: [{ role: 'beneficiary', full_name: name, sex: 'female', date_of_birth: '1990-07-07', id_number: '001190000777' }],
    });
    await api('POST', '/cases', token, request('Đinh Thị Hoa'));
    await api('POST', '/cases', token, request('Đinh Thị Hoà Hoa'));
    await d.goto(BASE + '/desk/persons');
    const row = d.getByTestId('duplicates').locator('tbody tr').filter({ hasText: 'Đinh Thị Hoà Hoa' });
    await row.filter({ hasText: 'Trùng số định danh cá nhân' }).waitFor();
    await checkA11y(d, 'duplicate people');
    await shot(d, 'r03-duplicates.png');
    const kept = await row.locator('td').first().locator('a').getAttribute('href');
    d.once('dialog', (dialog) => dialog.accept());
    await row.getByTestId('merge').click();
    await d.getByTestId('undo-merge').waitFor();
    await row.waitFor({ state: 'detached' });
    // The kept record's page lists both requests, and undoes the merge.
    await d.goto(BASE + kept);
    await d.getByTestId('person').filter({ hasText: 'Đinh Thị Hoa' }).waitFor();
    const cases = d.getByTestId('person-cases').locator('tbody tr');
    await cases.nth(1).waitFor();
    if ((await cases.count()) !== 2) throw new Error(`${await cases.count()} cases on the merged page`);
    await checkA11y(d, 'person page');
    await shot(d, 'r04-person.png');
    await d.getByRole('button', { name: 'Hoàn tác' }).click();
    await d.getByText('Đã hoàn tác việc hợp nhất.').waitFor();
    await d.reload();
    await cases.first().waitFor();
    if ((await cases.count()) !== 1) throw new Error(`${await cases.count()} cases after the undo`);
  });

  await step('the leadership dashboard charts quotas, waits and completeness', d, async () => {
    await d.locator('nav a[href="/desk/leadership"]').first().click();
    await d.getByTestId('leadership-board').waitFor();
    await d.getByTestId('leadership-quotas').locator('svg').first().waitFor();
    await d.getByTestId('leadership-completeness').filter({ hasText: 'Hà Nội' }).waitFor();
    await checkA11y(d, 'leadership dashboard');
    await shot(d, 'r02-leadership.png');
    // Narrowed to one branch: only that unit's files are counted.
    const branch = d.locator('#board-organisation option', { hasText: 'Chi nhánh số 1' }).first();
    await d.locator('#board-organisation').selectOption(await branch.getAttribute('value'));
    await d.getByTestId('board-show').click();
    const units = d.getByTestId('leadership-completeness').locator('tbody tr');
    for (let i = 0; i < 50 && (await units.count()) !== 1; i++) await d.waitForTimeout(200);
    if (await units.count() !== 1) throw new Error(`${await units.count()} units for one branch`);
    await units.first().filter({ hasText: 'Chi nhánh số 1' }).waitFor();
  });

  await step('the department plans an evaluation and sees its sample', s, async () => {
    await s.locator('nav a[href="/desk/evaluations"]').first().click();
    await s.locator('#plan-title').fill('Đánh giá chất lượng vụ việc năm ' + year);
    await s.locator('#plan-from').fill(`01/01/${year - 5}`);
    await s.locator('#plan-to').fill(new Date().toLocaleDateString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' }));
    await s.locator('#plan-rate').fill('50');
    await s.getByTestId('plan-create').click();
    await s.getByTestId('plan-file').waitFor();
    await s.getByTestId('plan-results').waitFor();
    await checkA11y(s, 'evaluation plans');
    // The outside expert is named to the first case drawn.
    await s.getByTestId('plan-file').locator('select[id^=evaluator-]').first()
      .selectOption({ label: 'Phạm Thị Lan Anh (dg.hanoi)' });
    await s.getByTestId('notice').filter({ hasText: 'Đã phân công người đánh giá' }).waitFor();
  });

  await step('the outside expert opens the case named to her and fills the sheet', null, async () => {
    const expert = await loginAs(browser, 'dg.hanoi');
    const e = expert.page;
    await e.locator('nav a[href="/desk/evaluations"]').first().click();
    const item = e.getByTestId('evaluation-item').first();
    await item.waitFor();
    await item.getByTestId('evaluation-open-sheet').click();
    const inputs = item.locator('input[data-criterion]');
    const n = await inputs.count();
    if (n < 5) throw new Error(`the sheet has ${n} criteria`);
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      await input.fill(await input.getAttribute('max'));
    }
    await item.getByTestId('evaluation-verdict').filter({ hasText: '100' }).waitFor();
    await checkA11y(e, 'scoring sheet');
    await shot(e, 'r03-sheet.png');
    await item.getByTestId('evaluation-save').click();
    await e.getByTestId('evaluation-item').first().filter({ hasText: 'Đã chấm: 100' }).waitFor();
    await expert.context.close();
  });
  await step('the national admin checks an old-system export, reads the bad row, then imports it', null, async () => {
    const admin = await loginAs(browser, 'admin');
    const a = admin.page;
    await a.goto(new URL('/desk/imports', a.url()).href);
    const form = a.getByTestId('import-form');
    await form.waitFor();
    // The sample organisations with one unit of an unknown kind.
    const sample = readFileSync(new URL('../../docs/import/to-chuc.csv', import.meta.url), 'utf8');
    const bad = sample.trimEnd() + '\nTC-999,Văn phòng đại diện,Văn phòng X,VPX,01,,,,,,,,\n';
    await form.locator('#import_kind').selectOption('organisations');
    await form.locator('#import_file').setInputFiles({ name: 'to-chuc.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await form.locator('button[type=submit]').click();
    const checked = a.locator('[data-testid=import-run][data-status=done]').first();
    await checked.waitFor();
    await checked.getByRole('button').click();
    const problem = a.getByTestId('import-problems').locator('tbody tr').first();
    await problem.filter({ hasText: 'Văn phòng đại diện' }).waitFor();
    await problem.filter({ hasText: 'Giá trị không có trong danh mục' }).waitFor();
    await checkA11y(a, 'import');
    await shot(a, 'r04-import.png');
    // Now for real (the good rows go in; the bad one is refused again).
    await form.locator('input[name=dry_run]').uncheck();
    await form.locator('#import_file').setInputFiles({ name: 'to-chuc.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await form.locator('button[type=submit]').click();
    await a.locator('[data-testid=import-run][data-status=done]').filter({ hasText: 'Thêm 2' }).first().waitFor();
    await admin.context.close();
  });
  await director.context.close();
  await department.context.close();
} catch (e) {
  exitCode = 1;
} finally {
  await browser.close();
  const { passed, failed } = summary();
  console.log(`reports.mjs: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || exitCode ? 1 : 0);
}
