import { INestApplication } from '@nestjs/common';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { AccountRepository, PlanImporter } from '@dx/db';
import { DA_NANG_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { launchChromium, listenLocally, signedInPage } from '../support/browser';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const PASSWORD = 'mat-khau-thu-nghiem';

/**
 * What a person sees when a file is refused, in Debian's Chromium: a plan file's problems on Nhập kế hoạch and a
 * values file's refused rows on Số liệu, in Vietnamese, the summary naming the page's checkbox (not `partial=true`).
 */
describe('problems of uploaded files, in Vietnamese, in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlanFile(DA_NANG_FILE), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    await new AccountRepository(db.dataSource).create({
      username: 'canbo.dng',
      displayName: 'Cán bộ Đà Nẵng',
      role: 'officer',
      province: 'DNG',
      orgUnit: 'STTTT',
      password: PASSWORD,
    });
    app = await createTestApp(db);
    url = await listenLocally(app);
    browser = await launchChromium();
    page = await signedInPage(browser, url, 'canbo.dng', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it('Nhập kế hoạch lists a plan file’s errors and warnings in Vietnamese', async () => {
    await page.getByRole('link', { name: 'Nhập kế hoạch' }).click();
    await page.getByLabel('Tệp kế hoạch').setInputFiles(join(REPO, 'test/fixtures/plans/invalid/11-bad-enum-status-op.yaml'));
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const status = page.getByText('trạng thái "finished" không hợp lệ; chọn một trong: chưa bắt đầu (not_started)', { exact: false });
    await status.waitFor();
    await page.getByText('có reported_as_of nhưng thiếu reported_status').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/is not one of|is given without/);
  });

  it('Số liệu refuses a values file row by row in Vietnamese, naming the checkbox that keeps the valid rows', async () => {
    await page.getByRole('link', { name: 'Số liệu' }).click();
    const csv = 'indicator,province,org,period,value\ndvc-toan-trinh,DNG,DNG,2031-01,55\ndvc-toan-trinh,DNG,KHONG-CO,2031-02,56\n';
    const file = { name: 'so-lieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    const form = page.getByRole('form', { name: 'Tải lên tệp số liệu' });
    await form.locator('input[type="file"]').setInputFiles(file);
    await form.getByRole('button', { name: 'Tải lên' }).click();
    await page
      .getByText(
        '1/2 dòng bị từ chối; chưa ghi gì. Sửa các dòng lỗi rồi tải lên lại, hoặc chọn “Chỉ nhận các dòng hợp lệ” để nhận 1 dòng hợp lệ',
      )
      .waitFor();
    await page.getByRole('region', { name: 'Các dòng bị từ chối' }).getByText('tỉnh DNG không có đơn vị "KHONG-CO"').waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/partial=true|rows are refused/);
    await form.getByLabel('Chỉ nhận các dòng hợp lệ', { exact: false }).check();
    await form.locator('input[type="file"]').setInputFiles(file);
    await form.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByText('1/2 dòng được nhận', { exact: false }).waitFor();
  });
});
