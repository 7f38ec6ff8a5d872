// The citizens' journey (issue #12) in a real browser on a phone-sized
// screen: a citizen sends a request with an attachment from the public pages
// and keeps the receipt; the centre's clerk finds it in the intake queue with
// the file on the desk's queue screen, turns it into a request and accepts it
// on the case screen; the director assigns an officer (through the API, as
// scenario.mjs covers it in the browser); the citizen's lookup then shows the
// case accepted and assigned, with its code and the helper. The login page
// links to the public pages.
import { writeFileSync } from 'node:fs';
import { BASE, ARTIFACTS, launch, loginAs, shot, step, summary, checkA11y, api, login } from './lib.mjs';

const PDF = ARTIFACTS + 'giay-xac-nhan-ho-ngheo.pdf';
writeFileSync(PDF, ['%PDF-1.4', '% Giấy xác nhận hộ nghèo', 'trailer << >>', '%%EOF', ''].join('\n'));


const browser = await launch();
let exitCode = 0;
const stamp = Date.now().toString(36);
const name = `Lò Thị Xuân ${stamp}`;
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh',
    bypassCSP: true, isMobile: true, hasTouch: true,
  });
  const p = await context.newPage();
  p.setDefaultTimeout(15000);
  p.on('pageerror', (e) => console.error(`[citizen] page error: ${e.message}`));

  await step('the login page links to the public pages', p, async () => {
    await p.goto(BASE + '/');
    await p.getByTestId('public-link').click();
    await p.waitForURL(/\/public$/);
    await p.locator('a.pub-card[href="/public/request"]').waitFor();
    await shot(p, 'p01-public-home.png');
    await checkA11y(p, 'public home');
  });

  let code;
  let secret;
  await step('a citizen sends a request with an attachment and gets a receipt', p, async () => {
    await p.locator('a.pub-card[href="/public/request"]').click();
    await p.locator('#full_name').fill(name);
    await p.locator('#phone').fill('0914 666 777');
    await p.locator('#province').selectOption('01');
    await p.locator('#cat-2').check();
    await p.getByTestId('verdict').waitFor();
    await p.locator('#field_of_law').selectOption('land');
    await p.locator('#summary').fill('Gia đình tôi bị lấn chiếm đất ở, xin được tư vấn cách đòi lại.');
    await p.locator('#files').setInputFiles(PDF);
    await p.locator('#consent').check();
    await checkA11y(p, 'public request form');
    await p.locator('form.pub-form button[type=submit]').click();
    await p.getByTestId('receipt').waitFor();
    code = (await p.getByTestId('receipt-code').innerText()).trim();
    secret = (await p.getByTestId('receipt-secret').innerText()).trim();
    if (!/^YC-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code)) throw new Error(`receipt code ${code}`);
    await p.getByTestId('sent-files').filter({ hasText: 'giay-xac-nhan-ho-ngheo.pdf' }).waitFor();
    await shot(p, 'p02-receipt.png');
  });

  let caseCode;
  await step('the clerk finds it in the intake queue with its file, turns it into a request and accepts it', null, async () => {
    const clerk = await loginAs(browser, 'vt.hanoi');
    const c = clerk.page;
    await c.locator('nav a[href="/desk"]').click();
    const item = c.locator(`[data-testid=intake-item][data-code="${code}"]`);
    await item.waitFor();
    await item.getByTestId('intake-files').filter({ hasText: 'giay-xac-nhan-ho-ngheo.pdf' }).waitFor();
    await shot(c, 'p03-intake-queue.png');
    await checkA11y(c, 'intake queue');
    await item.getByTestId('held-2').check();
    await item.getByTestId('convert').click();
    await c.getByTestId('created-case').click();
    await c.getByTestId('act-accept').click();
    await c.locator('[data-testid=act-form] button[type=submit]').click();
    await c.getByTestId('case-status').filter({ hasText: 'Đã thụ lý' }).waitFor();
    caseCode = (await c.getByTestId('case-code').textContent()).trim();
    await clerk.context.close();
  });

  await step('the director assigns an officer', null, async () => {
    const director = await login('gd.hanoi');
    const found = await api('GET', `/cases?q=${encodeURIComponent(name)}`, director);
    const kase = found.items[0];
    const officers = await api('GET', '/practitioners?kind=legal_aid_officer&limit=1', director);
    await api('POST', `/cases/${kase.id}/assign`, director,
      { practitioner_id: officers.items[0].id }, { 'if-match': `"${kase.version}"` });
  });

  await step("the citizen's lookup shows the case accepted and assigned, with its code and helper", p, async () => {
    await p.goto(BASE + '/public/lookup');
    await p.locator('#tracking_code').fill(code.toLowerCase());
    await p.locator('#secret').fill(secret);
    await p.locator('form.pub-form button[type=submit]').click();
    await p.getByTestId('progress').waitFor();
    const shown = (await p.getByTestId('case-code').innerText()).trim();
    if (shown !== caseCode) throw new Error(`case code ${shown}, expected ${caseCode}`);
    for (const kind of ['submitted', 'accepted', 'assigned']) {
      await p.locator(`[data-testid=steps] li[data-kind=${kind}]`).waitFor();
    }
    await p.getByTestId('helper').waitFor();
    await shot(p, 'p03-lookup.png');
    await checkA11y(p, 'public lookup');
  });

  await step('a wrong secret is refused in plain words', p, async () => {
    await p.locator('#secret').fill('AAAA-BBBB-CCCC-DDDD');
    await p.locator('form.pub-form button[type=submit]').click();
    await p.getByTestId('error').filter({ hasText: 'không khớp' }).waitFor();
  });

  await step('the citizen asks online to correct her data, with her code and secret', p, async () => {
    await p.goto(BASE + '/public/privacy');
    await p.locator('#tracking_code').fill(code);
    await p.locator('#secret').fill(secret);
    await p.locator('#kind').selectOption('correction');
    await p.locator('#details').fill('Số điện thoại của tôi nay là 0914 666 888');
    await checkA11y(p, 'public personal-data request');
    await p.locator('form.pub-form button[type=submit]').click();
    await p.getByTestId('notice').filter({ hasText: 'đã nhận yêu cầu' }).waitFor();
  });

  await step("the data-protection officer hands the citizen a copy of her data, then deletes it", null, async () => {
    const dpo = await loginAs(browser, 'dpo.hanoi');
    const d = dpo.page;
    d.on('dialog', (dialog) => dialog.accept()); // the deletion asks to confirm
    await d.locator('nav a[href="/desk"]').click();
    await d.locator('a[href="/desk/privacy"]').first().click();
    await d.getByTestId('privacy-queue').waitFor();
    const record = async (kind) => {
      await d.locator('#privacy-q').fill(name);
      await d.locator('#privacy-q').press('Enter');
      await d.getByTestId('privacy-case').waitFor();
      await d.locator('#privacy-kind').selectOption(kind);
      await d.locator('#privacy-details').fill('Bà đến Trung tâm, xuất trình CCCD');
      await d.getByTestId('privacy-record').click();
      await d.locator(`[data-testid=privacy-request][data-kind=${kind}]`).filter({ hasText: name }).waitFor();
    };
    await record('access');
    // Her online correction request waits in the queue too.
    await d.locator('[data-testid=privacy-request][data-kind=correction]').filter({ hasText: name }).waitFor();
    const access = d.locator('[data-testid=privacy-request][data-kind=access]').filter({ hasText: name });
    await access.getByTestId('privacy-export').click();
    await access.getByTestId('privacy-copy').filter({ hasText: name }).waitFor();
    await shot(d, 'p04-privacy-copy.png');
    await checkA11y(d, 'personal-data requests');
    await access.getByTestId('privacy-answer').fill('Đã giao bản sao dữ liệu tại Trung tâm.');
    await access.getByTestId('privacy-provide').click();
    await d.locator('[data-testid=privacy-request][data-kind=access]').filter({ hasText: 'Đã thực hiện' }).first().waitFor();
    await record('deletion');
    const deletion = d.locator('[data-testid=privacy-request][data-kind=deletion]').filter({ hasText: name });
    await deletion.getByTestId('privacy-answer').fill('Đã xóa thông tin cá nhân của bà theo yêu cầu.');
    await deletion.getByTestId('privacy-delete').click();
    await d.locator('[data-testid=privacy-request][data-kind=deletion]').filter({ hasText: 'Đã thực hiện' }).first().waitFor();
    await dpo.context.close();
    // The case is kept, registered, without her name.
    const director = await login('gd.hanoi');
    const found = await api('GET', `/cases?q=${encodeURIComponent(name)}`, director);
    if (found.items.length !== 0) throw new Error(`still found by name: ${JSON.stringify(found.items)}`);
  });
} catch (e) {
  exitCode = 1;
} finally {
  await browser.close();
  const { passed, failed } = summary();
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(exitCode || (failed ? 1 : 0));
}
