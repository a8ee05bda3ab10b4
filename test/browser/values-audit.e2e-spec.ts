import { INestApplication } from '@nestjs/common';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, listenLocally, screenshot, SignedInPages } from '../support/browser';
import { AccountRepository, PlanImporter } from '@dx/db';
import { DA_NANG_FILE, QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'mat-khau-thu-nghiem';
/** Screenshots of the pages, for a person to look at. */
const SHOTS = join(REPO, 'test-output', 'browser');

/**
 * KPI values corrected and removed on Số liệu and found in Nhật ký, and an admin's province switch, in Debian's
 * Chromium (playwright-core) against the real API with its queue worker, PostgreSQL and Redis.
 */
describe('KPI values, audit trail and province switch in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let pages: SignedInPages;
  /** Every native alert/confirm/prompt the pages opened (there should be none: dialogs are the page's own). */
  const nativeDialogs: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), options);
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), options);
    const accounts = new AccountRepository(db.dataSource);
    await accounts.create({ username: 'quantri', displayName: 'Quản trị', role: 'admin', password: PASSWORD });
    await accounts.create({
      username: 'canbo.dng',
      displayName: 'canbo.dng',
      role: 'officer',
      province: 'DNG',
      orgUnit: 'STTTT',
      password: PASSWORD,
    });
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-web-values` } });
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

  const signIn = (username: string): Promise<Page> =>
    pages.open(username, {
      prepare: (page) =>
        page.on('dialog', (d) => {
          nativeDialogs.push(d.message());
          void d.dismiss();
        }),
    });

  async function correctValue(page: Page) {
    const list = page.getByRole('region', { name: 'Số liệu đã nhập' });
    const table = list.getByRole('table', { name: 'Danh sách số liệu' });
    await list.getByRole('form', { name: 'Lọc số liệu' }).getByLabel('Chỉ số', { exact: true }).selectOption('ho-so-truc-tuyen');
    // The filtered page replaces the list: the header and the one value of that indicator.
    await waitFor('the filtered list', async () => (await table.getByRole('row').count()) === 2);
    const row = table.getByRole('row').filter({ hasText: 'Q-HAI-CHAU' });
    await row.getByText('62,5%').waitFor();
    expect(await row.innerText()).toMatch(/ho-so-truc-tuyen\s+Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến/);
    expect(await row.innerText()).toMatch(/\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}[\s\S]*bao-cao-6-thang-dau-nam-2023-quan-hai-chau\.txt/);
    await row.getByRole('button', { name: 'Sửa ho-so-truc-tuyen kỳ 2023-H1 của Q-HAI-CHAU' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa số liệu' });
    await dialog.getByLabel('Giá trị mới').fill('63,5');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await list.getByRole('status').getByText('Đã sửa số liệu').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('63,5%').waitFor();
    expect(await row.innerText()).toMatch(/canbo\.dng/);
  }

  it('an officer filters the values, corrects one (Vietnamese decimal comma) and finds it in Nhật ký in Vietnamese with its code', async () => {
    const page = await signIn('canbo.dng');
    await page.getByRole('link', { name: 'Số liệu' }).click();
    await correctValue(page);
    // Removing asks in the page's own dialog; cancelled, nothing goes.
    const list = page.getByRole('region', { name: 'Số liệu đã nhập' });
    await list.getByRole('form', { name: 'Lọc số liệu' }).getByLabel('Chỉ số', { exact: true }).selectOption('dti-diem');
    const dti = list.getByRole('row').filter({ hasText: 'dti-diem' });
    await dti.getByText('0,55 điểm').waitFor();
    await screenshot(page, join(SHOTS, 'values-list.png'));
    await dti.getByRole('button', { name: 'Xóa dti-diem kỳ 2023 của DNG' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa số liệu?' });
    await confirm.getByRole('button', { name: 'Hủy' }).click();
    await confirm.waitFor({ state: 'detached' });
    await dti.getByRole('button', { name: 'Xóa dti-diem kỳ 2023 của DNG' }).click();
    await confirm.getByRole('button', { name: 'Xóa', exact: true }).click();
    await list.getByRole('status').getByText('Đã xóa số liệu').waitFor();
    await dti.waitFor({ state: 'detached' });

    // Someone else's entry, which the person filter leaves out.
    await db.dataSource.query(
      `INSERT INTO audit_log (actor, action, entity_kind, province_id) SELECT 'nguoi.khac', 'settings.update', 'province', id FROM org_unit
        WHERE kind = 'province' AND code = 'DNG'`,
    );
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    const log = page.getByRole('table', { name: 'Nhật ký' });
    const corrected = log.getByRole('row').filter({ hasText: 'Sửa số liệu' });
    await corrected.first().waitFor();
    await log.getByRole('row').filter({ hasText: 'nguoi.khac' }).first().waitFor();
    expect(await corrected.first().innerText()).toMatch(
      /canbo\.dng[\s\S]*Sửa số liệu[\s\S]*ho-so-truc-tuyen — Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến · Q-HAI-CHAU · 6 tháng đầu năm 2023[\s\S]*giá trị: 62,5 → 63,5/,
    );
    expect(await log.getByRole('row').filter({ hasText: 'Xóa số liệu' }).first().innerText()).toMatch(/dti-diem — [\s\S]*đã xóa/);
    // The person filter keeps the officer's entries only.
    await page.getByLabel('Người thực hiện').fill('canbo');
    await page.getByRole('form', { name: 'Lọc nhật ký' }).getByRole('button', { name: 'Lọc' }).click();
    await log.getByRole('row').filter({ hasText: 'nguoi.khac' }).first().waitFor({ state: 'detached' });
    expect((await log.getByRole('row').allInnerTexts()).slice(1).every((r) => r.includes('canbo.dng'))).toBe(true);
    expect(await log.getByRole('row').count()).toBe(3);
    await screenshot(page, join(SHOTS, 'audit-filtered.png'));
    expect(nativeDialogs).toEqual([]);
  });

  it('an admin switches province in the header; the overview changes and the choice is kept', async () => {
    const page = await signIn('quantri');
    const select = page.getByRole('combobox', { name: 'Tỉnh' });
    await page.getByRole('region', { name: 'Văn bản CDS-2023-QG' }).waitFor({ timeout: 20_000 });
    expect(await select.inputValue()).toBe('QNI');
    expect(await select.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Đà Nẵng', 'Quảng Ninh']));
    await select.selectOption('DNG');
    await page.getByRole('region', { name: 'Văn bản 05-NQ/TU' }).waitFor({ timeout: 20_000 });
    await screenshot(page, join(SHOTS, 'admin-province-dng.png'), false);
    await page.getByRole('region', { name: 'Văn bản 05-NQ/TU' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('region', { name: 'Văn bản CDS-2023-QG' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('region', { name: 'Văn bản 05-NQ/TU' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('combobox', { name: 'Tỉnh' }).inputValue()).toBe('DNG');
    // A kept choice that names no province the admin sees falls back to one it does.
    await page.evaluate(() => localStorage.setItem('dx-province', 'KHONG-CO'));
    await page.reload();
    await waitFor('a listed province', async () =>
      ['DNG', 'QNI'].includes(await page.getByRole('combobox', { name: 'Tỉnh' }).inputValue()),
    );
    expect(await page.evaluate(() => localStorage.getItem('dx-province'))).not.toBe('KHONG-CO');
    // Other roles have no switch: an officer stays on its province.
    const officer = await signIn('canbo.dng');
    await officer.getByRole('region', { name: 'Văn bản 05-NQ/TU' }).waitFor({ timeout: 20_000 });
    expect(await officer.getByRole('combobox', { name: 'Tỉnh' }).count()).toBe(0);
    expect(nativeDialogs).toEqual([]);
  });
});
