import { INestApplication } from '@nestjs/common';
import { Browser } from 'playwright-core';
import { closeContexts, launchChromium, listenLocally, signedInPage } from '../support/browser';
import { AccountRepository, PlanImporter } from '@dx/db';
import { smallPlanText, validPlan } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'mat-khau-thu-nghiem';

/** An officer gives a new report schedule its Nơi nhận on the Reports page; the schedule keeps them and lists them. */
describe('report schedule recipients in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new PlanImporter(db.dataSource).run(validPlan(smallPlanText('TBR')), {
      fileName: 't.yaml',
      actor: 'jest',
      prune: false,
      dryRun: false,
      now: new Date(),
    });
    await new AccountRepository(db.dataSource).create({
      username: 'canbo.tbr',
      displayName: 'canbo.tbr',
      role: 'officer',
      province: 'TBR',
      orgUnit: 'STTTT',
      password: PASSWORD,
    });
    app = await createTestApp(db);
    url = await listenLocally(app);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(() => closeContexts(browser));

  it('adds a monthly schedule for the lanh-dao account and an address, listed with them', async () => {
    const page = await signedInPage(browser, url, 'canbo.tbr', PASSWORD);
    await page.goto(`${url}/#/bao-cao`);
    const form = page.getByRole('form', { name: 'Thêm lịch báo cáo' });
    await form.getByLabel('Nơi nhận (tài khoản hoặc email)').fill('lanh-dao, van.phong@tinh.gov.vn');
    await form.getByRole('button', { name: /^Thêm lịch cho/ }).click();
    const list = page.getByRole('region', { name: 'Lịch báo cáo' }).getByRole('listitem');
    await list.filter({ hasText: 'Nơi nhận: lanh-dao, van.phong@tinh.gov.vn' }).waitFor();
    const [row] = await waitFor('the stored schedule', async () => {
      const rows = await db.dataSource.query(`SELECT recipients, frequency FROM report_schedule`);
      return rows.length ? rows : null;
    });
    expect(row).toEqual({ recipients: ['lanh-dao', 'van.phong@tinh.gov.vn'], frequency: 'monthly' });
    expect(await form.getByLabel('Nơi nhận (tài khoản hoặc email)').inputValue()).toBe('');
  }, 60_000);
});
