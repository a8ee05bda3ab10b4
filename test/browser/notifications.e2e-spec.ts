import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, listenLocally, screenshot, SignedInPages, WIDE } from '../support/browser';
import request from 'supertest';
import { AccountRepository, NotificationRepository, PlanImporter } from '@dx/db';
import { DA_NANG_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'mat-khau-thu-nghiem';
const SHOTS = join(REPO, 'test-output', 'browser', 'notifications');
const NARROW = { width: 390, height: 844 };
/** "15:28 ngày 02/12/2026": when a notification came, in Việt Nam's time. */
const LOCAL_MOMENT = /^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/;

interface Listed {
  total: number;
  unread: number;
  items: { id: string; kind: string; title: string; body: string; readAt: string | null }[];
}

/**
 * Issue 20's in-app side in Chromium: a reporter's submission reaches the officers' inboxes through the worker and
 * the officer's return reaches the reporter's; each sees only their own, with the unread count in the header; marking
 * read lowers it; the choices per kind of event and the province's reminder settings outlive a reload; officers see
 * the deliveries that failed.
 */
describe('notifications in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let pages: SignedInPages;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), options);
    const accounts = new AccountRepository(db.dataSource);
    for (const [username, role, orgUnit] of [
      ['canbo.dng', 'officer', 'STTTT'],
      ['baocao.dng', 'reporter', 'SNV'],
      ['xem.dng', 'viewer', undefined],
      ['quantri', 'admin', undefined],
    ] as const) {
      const province = role === 'admin' ? undefined : 'DNG';
      await accounts.create({ username, displayName: username, role, province, orgUnit, password: PASSWORD });
    }
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-notify` } });
    url = await listenLocally(app);
    for (const username of ['canbo.dng', 'baocao.dng', 'xem.dng']) {
      const res = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username, password: PASSWORD }).expect(200);
      tokens.set(username, res.body.accessToken);
    }
    browser = await launchChromium();
    pages = new SignedInPages(browser, url, () => PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(() => pages?.release());

  const api = (username: string) => {
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${tokens.get(username)}`).set('Accept-Language', 'vi');
    return {
      get: (path: string) => auth(request(app.getHttpServer()).get(path)),
      post: (path: string) => auth(request(app.getHttpServer()).post(path)),
      patch: (path: string) => auth(request(app.getHttpServer()).patch(path)),
      put: (path: string) => auth(request(app.getHttpServer()).put(path)),
    };
  };
  const inboxOf = async (username: string): Promise<Listed> =>
    (await api(username).get('/api/v1/notifications?page=1&pageSize=50').expect(200)).body;

  const signIn = (username: string, viewport = WIDE): Promise<Page> =>
    pages.open(username, { viewport, prepare: (page) => page.on('dialog', (d) => void d.dismiss()) });

  /** The header's link to the inbox once it reads `text` ("Thông báo (2)", or "Thông báo" with nothing unread). */
  const badgeReads = (page: Page, text: string) =>
    waitFor(`the header's badge to read «${text}»`, async () => (await page.getByTestId('unread-badge').innerText()).trim() === text);

  /** The header's count agrees with the account's unread notifications as the API counts them now (the worker may add more). */
  const badgeAgrees = (page: Page, username: string) =>
    waitFor(`the header's badge to show ${username}'s unread count`, async () => {
      const { unread } = await inboxOf(username);
      return (await page.getByTestId('unread-badge').innerText()).trim() === (unread ? `Thông báo (${unread})` : 'Thông báo');
    });

  /** Fails with a page's width when it scrolls sideways. */
  async function fitsWidth(page: Page, where: string) {
    await page.waitForLoadState('networkidle');
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(`${where}: ${scroll} px in ${client} px`).toBe(`${where}: ${Math.min(scroll, client)} px in ${client} px`);
  }

  /** The rows of the submission a reporter sends on T1.2 (led by SNV), and its return by the officer; both through the API. */
  async function submitAndReturn(): Promise<void> {
    const [task] = await db.dataSource.query(
      `SELECT t.id, t.version FROM task t JOIN document d ON d.id = t.document_id WHERE d.code = '05-NQ/TU' AND t.code = 'T1.2'`,
    );
    const submitted = await api('baocao.dng')
      .patch(`/api/v1/tasks/${task.id}`)
      .set('If-Match', `"${task.version}"`)
      .send({ status: 'in_progress', progress: 40 })
      .expect(202);
    await waitFor(
      'the officer notified of the submission by the worker',
      async () => (await inboxOf('canbo.dng')).items.some((n) => n.kind === 'submission.waiting'),
      60_000,
      250,
    );
    await api('canbo.dng')
      .post(`/api/v1/submissions/${submitted.body.submission.id}/return`)
      .send({ reason: 'Thiếu văn bản chứng minh' })
      .expect(200);
    await waitFor(
      'the reporter notified of the return by the worker',
      async () => (await inboxOf('baocao.dng')).items.some((n) => n.kind === 'submission.decided'),
      60_000,
      250,
    );
  }

  /**
   * A webhook call that failed for good (six attempts). Made here rather than by waiting out the real backoff
   * (minutes to hours between attempts); the sending and its retries are tested with a real receiver elsewhere.
   */
  async function insertFailedDelivery(): Promise<void> {
    await db.dataSource.query(
      `INSERT INTO notification_delivery (province_id, kind, channel, recipient, event_key, idempotency_key, status, attempts, last_error, payload)
       SELECT id, 'task.overdue', 'webhook', 'https://bridge.danang.example/hook?token=kin', 'task.overdue:x:2023-06-30:w0',
              'task.overdue:x:2023-06-30:w0|https://bridge.danang.example/hook?token=kin|webhook', 'failed', 6,
              'webhook trả lời HTTP 500', '{"subject": "Nhiệm vụ T1.2 đã quá hạn", "text": "", "event": {}}'
         FROM org_unit WHERE kind = 'province' AND code = 'DNG'`,
    );
  }

  it('an officer and a reporter each see only their own notifications and the unread count; marking read lowers it', async () => {
    await submitAndReturn();
    const officerList = await inboxOf('canbo.dng');
    const reporterList = await inboxOf('baocao.dng');
    expect(officerList.unread).toBeGreaterThan(0);
    expect(officerList.items.some((n) => n.kind === 'submission.decided')).toBe(false);
    expect(reporterList.items.some((n) => n.kind === 'submission.waiting')).toBe(false);

    const officer = await signIn('canbo.dng');
    await badgeAgrees(officer, 'canbo.dng');
    await officer.getByTestId('unread-badge').click();
    await officer.getByRole('heading', { name: 'Thông báo' }).waitFor();
    const items = officer.getByTestId('notification');
    await waitFor('the officer inbox listed', async () => (await items.count()) === (await inboxOf('canbo.dng')).items.length);
    const waiting = items.filter({ hasText: /Cập nhật chờ duyệt: .*T1\.2/ });
    expect(await waiting.count()).toBe(1);
    expect(await waiting.getByText('chưa đọc', { exact: true }).count()).toBe(1);
    expect(await waiting.locator('.muted').innerText()).toMatch(LOCAL_MOMENT);
    expect(await items.filter({ hasText: 'bị trả lại' }).count()).toBe(0);
    expect(await waiting.getByRole('link').getAttribute('href')).toMatch(/^#\/cho-duyet\?submission=[0-9a-f-]{36}$/);
    await screenshot(officer, join(SHOTS, 'officer-inbox.png'));

    const reporter = await signIn('baocao.dng');
    await badgeAgrees(reporter, 'baocao.dng');
    await reporter.getByTestId('unread-badge').click();
    const returned = reporter.getByTestId('notification').filter({ hasText: /Cập nhật bị trả lại: .*T1\.2/ });
    await returned.waitFor();
    expect(await returned.innerText()).toContain('Thiếu văn bản chứng minh');
    expect(await reporter.getByTestId('notification').filter({ hasText: 'Cập nhật chờ duyệt' }).count()).toBe(0);
    const before = (await inboxOf('baocao.dng')).unread;
    await returned.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await waitFor('the API to count one unread less', async () => (await inboxOf('baocao.dng')).unread === before - 1);
    await badgeAgrees(reporter, 'baocao.dng');
    await waitFor(
      'the notification no longer marked unread',
      async () => (await returned.getByText('chưa đọc', { exact: true }).count()) === 0,
    );
    if (before > 1) await reporter.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await badgeReads(reporter, 'Thông báo');
    expect((await inboxOf('baocao.dng')).unread).toBe(0);
    // The officer's own are untouched.
    expect((await inboxOf('canbo.dng')).items.find((n) => n.kind === 'submission.waiting')?.readAt).toBeNull();

    // The notification leads to its page.
    await returned.getByRole('link').click();
    await reporter.getByRole('heading', { name: 'Cập nhật đã gửi' }).waitFor();
    expect(reporter.url()).toMatch(/#\/cho-duyet\?submission=/);
    // The submission it names is marked and in view.
    const submissionId = reporter.url().split('submission=')[1];
    const named = reporter.getByTestId(`submission-${submissionId}`);
    await waitFor('the named submission marked', async () => (await named.getAttribute('data-focused')) === 'true');
    expect(await named.innerText()).toMatch(/bị trả lại/);
  }, 120_000);

  it('an account with nothing sees "Chưa có thông báo nào." and no count; the inbox fits 390 px', async () => {
    const viewer = await signIn('xem.dng', NARROW);
    await viewer.goto(`${url}/#/thong-bao`);
    await viewer.getByText('Chưa có thông báo nào.').waitFor();
    expect((await viewer.getByTestId('unread-badge').innerText()).trim()).toBe('Thông báo');
    await fitsWidth(viewer, 'empty inbox');
    const officer = await signIn('canbo.dng', NARROW);
    await officer.goto(`${url}/#/thong-bao`);
    await officer.getByTestId('notification').first().waitFor();
    await fitsWidth(officer, 'officer inbox');
    await screenshot(officer, join(SHOTS, 'officer-inbox-390.png'));
  }, 60_000);

  it('the inbox pages by 20, newest first', async () => {
    // 23 report notifications for the viewer, a minute apart (recorded as the producer records them, for speed).
    const [viewer] = await db.dataSource.query(`SELECT id FROM app_user WHERE username = 'xem.dng'`);
    const [dng] = await db.dataSource.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = 'DNG'`);
    const notifications = new NotificationRepository(db.dataSource);
    const start = Date.now() - 60 * 60_000;
    for (let i = 1; i <= 23; i++) {
      const report = { id: randomUUID(), title: `Báo cáo thử số ${i}` };
      await notifications.record(
        { kind: 'report.made', provinceId: dng.id, report, accountIds: [viewer.id] },
        { at: new Date(start + i * 60_000) },
      );
    }
    const page = await signIn('xem.dng', NARROW);
    await badgeReads(page, 'Thông báo (23)');
    await page.getByTestId('unread-badge').click();
    const titles = () => page.getByTestId('notification').getByRole('link').allInnerTexts();
    await waitFor('the first page', async () => (await titles()).length === 20);
    expect((await titles())[0]).toBe('Báo cáo định kỳ: Báo cáo thử số 23');
    expect((await titles())[19]).toBe('Báo cáo định kỳ: Báo cáo thử số 4');
    await page.getByText('Trang 1/2').waitFor();
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await waitFor(
      'the second page',
      async () => (await titles()).join('|') === [3, 2, 1].map((i) => `Báo cáo định kỳ: Báo cáo thử số ${i}`).join('|'),
    );
    expect(await page.getByRole('button', { name: 'Trang sau' }).isDisabled()).toBe(true);
    await fitsWidth(page, 'second inbox page');
    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await badgeReads(page, 'Thông báo');
    await waitFor(
      'no notification marked unread',
      async () => (await page.getByTestId('notification').getByText('chưa đọc', { exact: true }).count()) === 0,
    );
  }, 60_000);

  it('a reporter chooses per kind of event and gives an email (checked next to the field); both are shown after a reload', async () => {
    const page = await signIn('baocao.dng');
    await page.goto(`${url}/#/cai-dat-thong-bao`);
    await page.getByRole('heading', { name: 'Cài đặt thông báo' }).waitFor();
    // A reporter has no province settings.
    expect(await page.getByRole('form', { name: 'Cài đặt nhắc việc của tỉnh' }).count()).toBe(0);

    const emailForm = page.getByRole('form', { name: 'Địa chỉ email' });
    const email = emailForm.getByLabel('Email nhận thông báo');
    await email.fill('baocao@');
    await emailForm.getByRole('button', { name: 'Lưu email' }).click();
    const problem = emailForm.getByRole('alert');
    await problem.getByText(/^Địa chỉ email không hợp lệ/).waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    await email.fill('baocao@snv.danang.gov.vn');
    await emailForm.getByRole('button', { name: 'Lưu email' }).click();
    await emailForm.getByRole('status').getByText('Đã lưu địa chỉ email baocao@snv.danang.gov.vn').waitFor();

    const prefs = page.getByRole('form', { name: 'Cách nhận thông báo' });
    const overdue = prefs.getByTestId('pref-task.overdue');
    const decided = prefs.getByTestId('pref-submission.decided');
    await overdue.getByRole('combobox').selectOption({ label: 'Chỉ trong ứng dụng' });
    await decided.getByRole('combobox').selectOption('email');
    await decided.getByRole('checkbox').check();
    await prefs.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await prefs.getByRole('status').getByText('Đã lưu cài đặt thông báo').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Cài đặt thông báo' }).waitFor();
    await waitFor('the saved address shown', async () => (await email.inputValue()) === 'baocao@snv.danang.gov.vn');
    await waitFor('the saved choices shown', async () => (await overdue.getByRole('combobox').inputValue()) === 'in_app');
    expect(await decided.getByRole('combobox').inputValue()).toBe('email');
    expect(await decided.getByRole('checkbox').isChecked()).toBe(true);
    // An in-app-only kind has no digest to choose.
    expect(await overdue.getByRole('checkbox').isDisabled()).toBe(true);
    const saved = (await api('baocao.dng').get('/api/v1/notifications/preferences').expect(200)).body.items;
    expect(saved).toEqual(
      expect.arrayContaining([
        { kind: 'task.overdue', mode: 'in_app', digest: false },
        { kind: 'submission.decided', mode: 'email', digest: true },
      ]),
    );
    await screenshot(page, join(SHOTS, 'reporter-settings.png'));
  }, 60_000);

  it("an officer sets the province's reminder days and webhook (the secret never shown) and sees the failed deliveries; it fits 390 px", async () => {
    await insertFailedDelivery();
    const page = await signIn('canbo.dng', NARROW);
    await page.goto(`${url}/#/cai-dat-thong-bao`);
    // The reporter's address (another case) is refused by the API, next to the field.
    await api('baocao.dng').put('/api/v1/account/email').send({ email: 'baocao@snv.danang.gov.vn' }).expect(200);
    const emailForm = page.getByRole('form', { name: 'Địa chỉ email' });
    await emailForm.getByLabel('Email nhận thông báo').fill('BaoCao@snv.danang.gov.vn');
    await emailForm.getByRole('button', { name: 'Lưu email' }).click();
    await emailForm.getByRole('alert').getByText('Địa chỉ email BaoCao@snv.danang.gov.vn đã được một tài khoản khác sử dụng').waitFor();
    expect(await emailForm.getByLabel('Email nhận thông báo').getAttribute('aria-invalid')).toBe('true');
    const form = page.getByRole('form', { name: 'Cài đặt nhắc việc của tỉnh' });
    const days = form.getByLabel('Nhắc trước hạn (số ngày)');
    await waitFor('the default reminder days', async () => (await days.inputValue()) === '7, 1');
    await days.fill('7, 0');
    await form.getByRole('button', { name: 'Lưu cài đặt của tỉnh' }).click();
    await form
      .getByRole('alert')
      .getByText(/^Nhập số ngày từ 1 đến 365/)
      .waitFor();
    await days.fill('14, 3');
    await form.getByLabel('Địa chỉ webhook').fill('https://cau-noi.danang.example/dx');
    await form.getByLabel('Khóa bí mật của webhook').fill('ngắn');
    await form.getByRole('button', { name: 'Lưu cài đặt của tỉnh' }).click();
    await form.getByRole('alert').getByText('Khóa bí mật cần từ 16 đến 200 ký tự').waitFor();
    await form.getByLabel('Khóa bí mật của webhook').fill('bi-mat-cua-tinh-da-nang');
    await form.getByRole('button', { name: 'Lưu cài đặt của tỉnh' }).click();
    await form.getByRole('status').getByText('Đã lưu cài đặt nhắc việc của tỉnh').waitFor();

    await page.reload();
    await waitFor('the saved reminder days', async () => (await days.inputValue()) === '14, 3');
    expect(await form.getByLabel('Địa chỉ webhook').inputValue()).toBe('https://cau-noi.danang.example/dx');
    expect(await form.getByLabel('Khóa bí mật của webhook').inputValue()).toBe('');
    expect(await form.getByTestId('webhook-secret-state').innerText()).toBe('Khóa bí mật đã được đặt (không hiển thị lại).');
    expect(await page.content()).not.toContain('bi-mat-cua-tinh-da-nang');

    const failed = page.getByRole('table', { name: 'Lần gửi không thành công' }).getByTestId('failed-delivery');
    await failed.first().waitFor();
    const row = await failed.first().innerText();
    expect(row).toContain('https://bridge.danang.example/hook');
    expect(row).toContain('Webhook');
    expect(row).toContain('HTTP 500');
    expect(row).toMatch(/\b6\b/);
    expect(row).toMatch(/\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    await fitsWidth(page, 'officer settings');
    await screenshot(page, join(SHOTS, 'officer-settings-390.png'));

    // A reporter may not read them; an admin reads those of the province picked in the header.
    await api('baocao.dng').get('/api/v1/notifications/deliveries?status=failed').expect(403);
    const admin = await signIn('quantri');
    await admin.goto(`${url}/#/cai-dat-thong-bao`);
    await admin.getByRole('banner').getByLabel('Tỉnh').selectOption('DNG');
    const adminRows = admin.getByRole('table', { name: 'Lần gửi không thành công' }).getByTestId('failed-delivery');
    await adminRows.first().waitFor();
    expect(await adminRows.first().innerText()).toContain('https://bridge.danang.example/hook');
    await waitFor(
      'the saved reminder days for the admin',
      async () => (await admin.getByLabel('Nhắc trước hạn (số ngày)').inputValue()) === '14, 3',
    );
  }, 60_000);
});
