import { INestApplication } from '@nestjs/common';
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { fillSignIn, launchChromium, listenLocally, screenshot, SignedInPages } from '../support/browser';
import request from 'supertest';
import { AccountRepository, PlanImporter } from '@dx/db';
import { DA_NANG_FILE, QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { createTestApp, TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';

const PASSWORD = 'mat-khau-thu-nghiem';
const SHOTS = join(REPO, 'test-output', 'browser');

/** The same access token with its end a minute ago, signed with the test app's secret: what the API sees once it has expired. */
function expiredCopy(token: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
  const data = `${b64(header)}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })}`;
  return `${data}.${createHmac('sha256', TEST_JWT_SECRET).update(data).digest('base64url')}`;
}
const EXPIRED = 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại';

/**
 * Issue 19's web flows in Debian's Chromium (playwright-core), against one API started for the whole
 * file: submissions and their return reason, directives answered and closed, sessions renewed or expired.
 */
describe('web flows in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let pages: SignedInPages;
  /** Every native alert/confirm/prompt the pages opened (there should be none). */
  const nativeDialogs: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), options);
    const accounts = new AccountRepository(db.dataSource);
    for (const [username, role, orgUnit] of [
      ['lanhdao.dng', 'leader', undefined],
      ['canbo.dng', 'officer', 'STTTT'],
      ['baocao.dng', 'reporter', 'SNV'],
    ] as const) {
      await accounts.create({ username, displayName: username, role, province: 'DNG', orgUnit, password: PASSWORD });
    }
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-flows` } });
    url = await listenLocally(app);
    browser = await launchChromium();
    pages = new SignedInPages(browser, url, () => PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(() => pages?.release());
  afterEach(() => expect(nativeDialogs).toEqual([]));

  const signIn = (username: string): Promise<Page> =>
    pages.open(username, {
      prepare: (page) =>
        page.on('dialog', (d) => {
          nativeDialogs.push(`${d.type()}: ${d.message()}`);
          void d.dismiss();
        }),
    });

  const stored = (page: Page, key: string) => page.evaluate((k) => sessionStorage.getItem(k), key);
  async function refreshCookie(page: Page) {
    const cookie = (await page.context().cookies(`${url}/api/v1/auth/refresh`)).find((c) => c.name === 'dx_refresh');
    if (!cookie) throw new Error('no dx_refresh cookie');
    return cookie;
  }

  it('a reporter submits and sees "chờ duyệt"; an officer returns it with a reason in a dialog; the reporter sees "bị trả lại" and why', async () => {
    const reporter = await signIn('baocao.dng');
    await reporter.getByRole('link', { name: 'Công việc' }).click();
    await reporter.getByRole('button', { name: 'Cập nhật T1.2' }).click();
    const form = reporter.getByRole('form', { name: 'Cập nhật T1.2' });
    await form.getByLabel('Trạng thái').selectOption('in_progress');
    await form.getByLabel('Tiến độ (%)').fill('70');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await reporter.getByRole('status').getByText('Đã gửi cập nhật T1.2, chờ Sở KH&CN duyệt').waitFor();
    // The task waits for approval: marked in the work view, its state on the reporter's own list.
    await reporter.getByTestId('task-T1.2').getByText('chờ duyệt', { exact: true }).waitFor();
    expect(await reporter.getByTestId('task-T1.1').getByText('chờ duyệt', { exact: true }).count()).toBe(0);
    await reporter.getByRole('link', { name: 'Chờ duyệt' }).click();
    await reporter.getByRole('heading', { name: 'Cập nhật đã gửi' }).waitFor();
    const mine = reporter.locator('li', { hasText: /Nhiệm vụ T1\.2: trạng thái «đang thực hiện», tiến độ 70%/ });
    expect(await mine.getByTestId('submission-state').innerText()).toMatch(/chờ duyệt/);

    const officer = await signIn('canbo.dng');
    await officer.getByRole('link', { name: 'Chờ duyệt' }).click();
    const item = officer.locator('li', { hasText: /Nhiệm vụ T1\.2: trạng thái «đang thực hiện», tiến độ 70%/ });
    await item.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = officer.getByRole('dialog', { name: 'Trả lại cập nhật' });
    await dialog.waitFor();
    // A modal <dialog>: the reason is required before it can be sent.
    expect(await dialog.evaluate((d) => d.tagName === 'DIALOG' && (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Trả lại' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Lý do trả lại').fill('Thiếu văn bản chứng minh số lớp tập huấn');
    await screenshot(officer, join(SHOTS, 'submission-return-dialog.png'), false);
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await officer.getByRole('status').getByText('Đã trả lại').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await item.count()).toBe(0);

    await reporter.reload();
    const returned = reporter.locator('li', { hasText: /tiến độ 70%/ }).getByTestId('submission-state');
    await returned.getByText(/bị trả lại/).waitFor();
    expect(await returned.innerText()).toMatch(/bị trả lại — lý do: Thiếu văn bản chứng minh số lớp tập huấn \(canbo\.dng\)/);
    await reporter.getByRole('link', { name: 'Công việc' }).click();
    await reporter.getByTestId('task-T1.2').waitFor();
    expect(await reporter.getByTestId('task-T1.2').getByText('chờ duyệt', { exact: true }).count()).toBe(0);
  });

  it('a leader assigns a directive to an agency picked from the province list; the assignee answers; the leader closes it', async () => {
    const leader = await signIn('lanhdao.dng');
    const form = leader.getByRole('form', { name: 'Giao chỉ đạo' });
    const assignee = form.getByLabel('Cơ quan thực hiện');
    await assignee.locator('option', { hasText: 'Sở Nội vụ (SNV)' }).waitFor({ state: 'attached' });
    // Da Nang's agencies, from the API: no free text, no other province's.
    expect(await assignee.locator('option').allInnerTexts()).toEqual(
      expect.arrayContaining([
        'chưa giao',
        'Sở Thông tin và Truyền thông (STTTT)',
        'Sở Nội vụ (SNV)',
        'Văn phòng Ủy ban nhân dân thành phố (VPUBND)',
      ]),
    );
    await assignee.selectOption('SNV');
    await form.getByLabel('Nội dung').fill('Báo cáo số cán bộ cấp xã đã tập huấn kỹ năng số');
    await form.getByLabel('Hạn').fill('2030-06-30');
    await form.getByRole('button', { name: 'Giao chỉ đạo' }).click();
    await leader
      .getByRole('region', { name: 'Ý kiến chỉ đạo' })
      .getByText(/Báo cáo số cán bộ cấp xã đã tập huấn kỹ năng số — SNV · hạn 30\/06\/2030/)
      .waitFor();

    const reporter = await signIn('baocao.dng');
    await reporter.getByRole('link', { name: 'Chỉ đạo' }).click();
    const item = reporter.locator('li', { hasText: 'Báo cáo số cán bộ cấp xã đã tập huấn kỹ năng số' });
    expect(await item.getByTestId('directive-status').innerText()).toBe('đang mở');
    expect(await item.getByRole('button', { name: 'Kết thúc' }).count()).toBe(0);
    await item.getByRole('textbox', { name: 'Trả lời' }).fill('Đã tập huấn 120 cán bộ tại 8 xã');
    await item.getByRole('button', { name: 'Gửi trả lời' }).click();
    await reporter.getByRole('status').getByText('Đã gửi trả lời').waitFor();
    await item.getByTestId('directive-status').getByText('đã trả lời').waitFor();
    expect(await item.getByRole('form', { name: 'Trả lời chỉ đạo' }).count()).toBe(0);

    await leader.getByRole('link', { name: 'Chỉ đạo' }).click();
    const seen = leader.locator('li', { hasText: 'Báo cáo số cán bộ cấp xã đã tập huấn kỹ năng số' });
    await seen.getByText('Trả lời của baocao.dng: Đã tập huấn 120 cán bộ tại 8 xã').waitFor();
    await screenshot(leader, join(SHOTS, 'directives.png'));
    await seen.getByRole('button', { name: 'Kết thúc' }).click();
    await seen.getByTestId('directive-status').getByText('đã kết thúc').waitFor();
    expect(await seen.innerText()).toMatch(/Kết thúc bởi lanhdao\.dng/);
    expect(await seen.getByRole('button', { name: 'Kết thúc' }).count()).toBe(0);
  });

  it('the access token is renewed before it ends, and once more when the API refuses it, without leaving the page', async () => {
    const page = await signIn('canbo.dng');
    const token = await stored(page, 'dx-token');
    const first = await refreshCookie(page);
    // The refresh token is out of the page's reach: an HttpOnly cookie of the auth routes only, nothing in storage.
    expect(first).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(await page.evaluate(() => [document.cookie, JSON.stringify(sessionStorage), JSON.stringify(localStorage)])).not.toEqual(
      expect.arrayContaining([expect.stringContaining(first.value)]),
    );
    // Its end comes near: a new pair is asked for by the page itself (no request of the page needed).
    await page.evaluate(() => sessionStorage.setItem('dx-expires', String(Date.now() + 1_000)));
    await page.waitForFunction((old) => sessionStorage.getItem('dx-token') !== old, token, { timeout: 10_000 });
    expect((await refreshCookie(page)).value).not.toBe(first.value);
    // The refresh token was rotated: the old one no longer works.
    await request(app.getHttpServer()).post('/api/v1/auth/refresh').send({ refreshToken: first.value }).expect(401);
    // An access token the API refuses (here, garbled) is renewed once and the request asked again.
    await page.evaluate(() => sessionStorage.setItem('dx-token', 'garbled'));
    await page.getByRole('link', { name: 'Công việc' }).click();
    await page.getByTestId('task-T1.1').waitFor();
    expect(await stored(page, 'dx-token')).not.toBe('garbled');
    expect(page.url()).toMatch(/#\/cong-viec$/);
  });

  it('an expired session says so in Vietnamese and, after signing in again, brings back the page and its unsaved task edit', async () => {
    const page = await signIn('baocao.dng');
    await page.getByRole('link', { name: 'Công việc' }).click();
    await page.getByRole('button', { name: 'Cập nhật T1.2' }).click();
    const form = page.getByRole('form', { name: 'Cập nhật T1.2' });
    await form.getByLabel('Trạng thái').selectOption('in_progress');
    await form.getByLabel('Tiến độ (%)').fill('85');
    await form.getByLabel('Số văn bản').fill('45/BC-SNV');
    await form.getByLabel('Ngày văn bản').fill('2023-11-20');
    // The session ends for good: its refresh token revoked (as by a sign-out elsewhere), its access token past its end.
    const refreshToken = (await refreshCookie(page)).value;
    await request(app.getHttpServer()).post('/api/v1/auth/logout').send({ refreshToken }).expect(204);
    await page.evaluate((t) => sessionStorage.setItem('dx-token', t), expiredCopy((await stored(page, 'dx-token'))!));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('alert').getByText(EXPIRED).waitFor();
    await screenshot(page, join(SHOTS, 'session-expired.png'), false);
    expect(page.url()).toMatch(/#\/dang-nhap$/);
    expect(await stored(page, 'dx-token')).toBeNull();

    await fillSignIn(page, 'baocao.dng', PASSWORD);
    const restored = page.getByRole('form', { name: 'Cập nhật T1.2' });
    await restored.waitFor();
    expect(page.url()).toMatch(/#\/cong-viec$/);
    expect(await restored.getByLabel('Trạng thái').inputValue()).toBe('in_progress');
    expect(await restored.getByLabel('Tiến độ (%)').inputValue()).toBe('85');
    expect(await restored.getByLabel('Số văn bản').inputValue()).toBe('45/BC-SNV');
    expect(await restored.getByLabel('Ngày văn bản').inputValue()).toBe('2023-11-20');
    await restored.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã gửi cập nhật T1.2, chờ Sở KH&CN duyệt').waitFor();
    const [sent] = await db.dataSource.query(
      `SELECT payload FROM submission WHERE status = 'submitted' ORDER BY submitted_at DESC LIMIT 1`,
    );
    expect(sent.payload).toMatchObject({ status: 'in_progress', progress: 85, evidence: { number: '45/BC-SNV', date: '2023-11-20' } });
    // Saved: nothing of it is kept any more.
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('dx-draft:')))).toEqual([]);
  });

  it("an officer's plan file of another province is refused at the check step; its own imports, with the counts in Vietnamese", async () => {
    const page = await signIn('canbo.dng');
    await page.getByRole('link', { name: 'Nhập kế hoạch' }).click();
    const file = page.getByLabel('Tệp kế hoạch');
    await file.setInputFiles({ name: 'quang-ninh.yaml', mimeType: 'application/yaml', buffer: readFileSync(QUANG_NINH_FILE) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByRole('alert').getByText('Tệp kế hoạch này thuộc tỉnh QNI; cán bộ chỉ được nhập kế hoạch của tỉnh mình').waitFor();
    expect(await page.getByRole('button', { name: 'Nhập vào hệ thống' }).isDisabled()).toBe(true);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM org_unit WHERE code = 'QNI'`))[0].n).toBe(0);

    await file.setInputFiles({ name: 'da-nang.yaml', mimeType: 'application/yaml', buffer: readFileSync(DA_NANG_FILE) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page
      .getByTestId('check-result')
      .getByText(/^Tệp hợp lệ: tỉnh DNG/)
      .waitFor();
    await page.getByRole('button', { name: 'Nhập vào hệ thống' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    // Imported once already (beforeAll): every row is there, none new.
    expect(await result.innerText()).toMatch(/^Đã nhập kế hoạch của DNG: 0 mục tạo mới, \d+ mục cập nhật, [1-9][\d.]* mục không đổi$/);
    const tasks = page.getByRole('table', { name: 'Số mục theo loại' }).getByRole('row', { name: /^Nhiệm vụ/ });
    expect((await tasks.innerText()).split('\t')[0]).toBe('Nhiệm vụ');
  });
});
