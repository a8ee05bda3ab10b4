import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { closeContexts, fillSignIn, launchChromium, listenLocally } from '../support/browser';
import { AccountRepository, PlanImporter } from '@dx/db';
import { REPO, validPlanFile } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const PASSWORD = 'mat-khau-thu-nghiem';

/** Issue 20 in Debian's Chromium against the real API: an officer makes the reminder dispatch from "Công việc". */
describe('reminder dispatch (công văn đôn đốc) from the Công việc page', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  const tmp = mkdtempSync(join(tmpdir(), 'dx-dispatch-web-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { fileName: 'tinh-mau.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(join(REPO, 'data/plans/tinh-mau.yaml')), options);
    const accounts = new AccountRepository(db.dataSource);
    for (const [username, role, orgUnit] of [
      ['canbo.mau', 'officer', 'SKHCN'],
      ['vanphong.mau', 'reporter', 'VPUBND'],
    ] as const)
      await accounts.create({ username, displayName: username, role, province: 'MAU', orgUnit, password: PASSWORD });
    app = await createTestApp(db);
    url = await listenLocally(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(() => closeContexts(browser));

  async function workPage(username: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await fillSignIn(page, username, PASSWORD);
    await page.getByRole('link', { name: 'Công việc' }).click();
    await page.getByTestId('task-NV01.3').waitFor();
    return page;
  }

  it('an officer downloads one dispatch to all agencies with the number given; nothing late is said in the dialog', async () => {
    const page = await workPage('canbo.mau');
    await page.getByRole('button', { name: 'Tạo công văn đôn đốc' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo công văn đôn đốc' });
    await dialog.getByLabel('Cách lập').selectOption('all');
    await dialog.getByLabel('Tính đến ngày').fill('2025-06-01');
    await dialog.getByRole('button', { name: 'Tạo và tải về' }).click();
    await dialog.getByRole('alert').getByText('không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn').waitFor();

    await dialog.getByLabel('Tính đến ngày').fill('2026-04-25');
    await dialog.getByLabel('Số, ký hiệu').fill('9/SKHCN-CĐS');
    await dialog.getByLabel('Người ký', { exact: true }).fill('Trần Thị Bình');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tạo và tải về' }).click()]);
    expect(download.suggestedFilename()).toBe('cong-van-don-doc-MAU-2026-04-25.pdf');
    const file = join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('Số: 9/SKHCN-CĐS');
    expect(text).toContain('Kính gửi: - Sở Công Thương; - Văn phòng Ủy ban nhân dân tỉnh; - Ủy ban nhân dân xã An Phú.');
    expect(text).toContain('Trần Thị Bình');
    await page.getByRole('status').getByText('Đã tạo công văn đôn đốc: cong-van-don-doc-MAU-2026-04-25.pdf').waitFor();
    expect(await dialog.count()).toBe(0);
  });

  it('a reporter has no such button', async () => {
    const page = await workPage('vanphong.mau');
    expect(await page.getByRole('button', { name: 'Tạo công văn đôn đốc' }).count()).toBe(0);
  });
});
