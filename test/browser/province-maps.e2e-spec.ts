import { INestApplication } from '@nestjs/common';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, listenLocally, screenshot, SignedInPages } from '../support/browser';
import { AccountRepository, importDtiDirectory, PlanImporter } from '@dx/db';
import { QUANG_NINH_FILE, REPO, validPlanFile } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';
import { waitFor } from '../support/wait-for';

const SHOTS = join(REPO, 'test-output', 'browser');
const PASSWORD = 'mat-khau-thu-nghiem';

/**
 * The province comparison page's map (63 units before 1 July 2025, 34 from then on) and the DTI ranking page, in
 * Debian's Chromium driven by playwright-core, against the real API with PostgreSQL and Redis.
 */
describe('province map and DTI ranking in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let pages: SignedInPages;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = { fileName: 't.yaml', actor: 'jest', prune: false, dryRun: false, now: new Date() };
    await new PlanImporter(db.dataSource).run(validPlanFile(QUANG_NINH_FILE), options);
    // data/dti (frameworks and tables), as `dx dti import data/dti` writes it.
    await importDtiDirectory(db.dataSource, join(REPO, 'data/dti'));
    await new AccountRepository(db.dataSource).create({
      username: 'lanhdao.qni',
      displayName: 'lanhdao.qni',
      role: 'leader',
      province: 'QNI',
      password: PASSWORD,
    });
    app = await createTestApp(db, { env: { QUEUE_PREFIX: `dx-test-${testRunId()}-maps` } });
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

  /** Uncaught errors in the page: none expected. */
  let errors: string[] = [];
  afterEach(() => {
    const seen = errors;
    errors = [];
    expect(seen).toEqual([]);
  });

  const signIn = (width: number): Promise<Page> =>
    pages.open('lanhdao.qni', { viewport: { width, height: 900 }, prepare: (page) => page.on('pageerror', (e) => errors.push(e.message)) });

  /** The drawn map once its outlines are in: which edition, how many provinces, how many SVG paths. */
  async function drawnMap(page: Page, edition: '2004' | '2025') {
    const map = page.locator(`[data-testid="province-map"][data-map="${edition}"]`);
    return waitFor(
      `the ${edition} map drawn`,
      async () => {
        const units = Number(await map.getAttribute('data-units', { timeout: 1000 }));
        const paths = await map.locator('svg path').count();
        return units > 0 && paths >= units && { units, paths };
      },
      40_000,
    );
  }

  it('draws the 63 provinces for a 2022 period and the 34 for a 2026 map date, the table beside or below it', async () => {
    const page = await signIn(1280);
    await page.getByRole('link', { name: 'So sánh theo tỉnh' }).click();
    const form = page.getByRole('form', { name: 'Chọn chỉ số, kỳ và bản đồ' });
    await form.getByLabel('Chỉ số').selectOption('dti-hang');
    await form.getByLabel('Kỳ', { exact: true }).fill('2022');
    const result = page.getByRole('region', { name: 'Kết quả so sánh' });
    await result.getByText(/bản đồ ngày 31\/12\/2022/).waitFor({ timeout: 20_000 });
    expect((await drawnMap(page, '2004')).units).toBe(63);
    expect(await page.getByRole('img', { name: /Bản đồ 63 tỉnh, thành phố ngày 31\/12\/2022/ }).count()).toBe(1);
    // The archipelagos the outlines' source lacks are marked and named.
    for (const name of ['QĐ. Hoàng Sa', 'QĐ. Trường Sa'])
      expect(await page.locator('[data-testid="province-map"] svg text', { hasText: name }).count()).toBe(1);
    // Beside the table on a wide screen.
    const mapBox = (await page.getByTestId('province-map').boundingBox())!;
    const tableBox = (await page.getByRole('table', { name: 'Giá trị theo tỉnh' }).boundingBox())!;
    expect(tableBox.x).toBeGreaterThan(mapBox.x + mapBox.width - 1);
    await screenshot(page, join(SHOTS, 'province-map-2022.png'));

    await form.getByLabel('Chỉ số').selectOption('dvc-toan-trinh');
    await form.getByLabel('Kỳ', { exact: true }).fill('2023-H2');
    await form.getByLabel('Bản đồ tại ngày khác').check();
    await form.getByLabel('Ngày bản đồ').fill('2026-03-01');
    await result.getByText(/bản đồ ngày 01\/03\/2026/).waitFor({ timeout: 20_000 });
    expect((await drawnMap(page, '2025')).units).toBe(34);
    await page.getByTestId('map-row-QNI').waitFor();
  });

  it('fits a 390 px wide screen: the map above the table, no sideways scroll', async () => {
    const page = await signIn(390);
    await page.getByRole('link', { name: 'So sánh theo tỉnh' }).click();
    const form = page.getByRole('form', { name: 'Chọn chỉ số, kỳ và bản đồ' });
    await form.getByLabel('Chỉ số').selectOption('dti-hang');
    await form.getByLabel('Kỳ', { exact: true }).fill('2022');
    await drawnMap(page, '2004');
    const table = page.getByRole('table', { name: 'Giá trị theo tỉnh' });
    await table.waitFor();
    const mapBox = (await page.getByTestId('province-map').boundingBox())!;
    const tableBox = (await table.boundingBox())!;
    expect(tableBox.y).toBeGreaterThanOrEqual(mapBox.y + mapBox.height);
    expect(mapBox.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, join(SHOTS, 'province-map-390.png'));
  });

  it('a map box with no size yet (not laid out, or hidden) waits for one: no page error, then the map is drawn', async () => {
    const page = await signIn(1280);
    const collapsed = await page.addStyleTag({ content: '.province-choropleth-canvas { height: 0 !important; }' });
    await page.getByRole('link', { name: 'So sánh theo tỉnh' }).click();
    const form = page.getByRole('form', { name: 'Chọn chỉ số, kỳ và bản đồ' });
    await form.getByLabel('Chỉ số').selectOption('dti-hang');
    await form.getByLabel('Kỳ', { exact: true }).fill('2022');
    const map = page.locator('[data-testid="province-map"][data-map="2004"]');
    await waitFor('the outlines loaded', async () => Number(await map.getAttribute('data-units', { timeout: 1000 })) === 63);
    expect(await map.locator('svg path').count()).toBe(0);
    await collapsed.evaluate((style) => style.parentNode?.removeChild(style));
    expect((await drawnMap(page, '2004')).units).toBe(63);
  });

  it("ranks the year's provinces with their change of rank and pillar scores; columns sort; a year without results says so", async () => {
    const page = await signIn(1280);
    await page.getByRole('link', { name: 'Xếp hạng DTI' }).click();
    // Opens at Quảng Ninh's latest DTI year: data/dti 2022 (Đà Nẵng 1st again, TP. Hồ Chí Minh 2nd, Quảng Ninh 3rd, up 4).
    const table = page.getByRole('table', { name: 'Xếp hạng DTI năm 2022' });
    await table.waitFor({ timeout: 20_000 });
    const rows = async () => (await table.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').map((c) => c.trim()));
    expect((await table.getByRole('row').first().innerText()).split('\t').map((c) => c.trim())).toEqual([
      'Hạng ▴',
      'Tỉnh, thành phố',
      'Điểm DTI',
      'So với năm 2021',
      'Trụ cột Chính quyền số',
      'Trụ cột Kinh tế số',
      'Trụ cột Xã hội số',
    ]);
    expect(await rows()).toEqual([
      ['1', 'Đà Nẵng', '0,8002', 'không đổi', '—', '—', '—'],
      ['2', 'TP. Hồ Chí Minh', '0,7163', 'chưa xếp hạng năm trước', '—', '—', '—'],
      ['3', 'Quảng Ninh', '0,7024', '▲4 bậc', '0,7804 (hạng 4)', '0,7187 (hạng 9)', '0,6864 (hạng 2)'],
    ]);
    expect(await page.getByTestId('dti-movers').innerText()).toMatch(/Tăng nhiều nhất: Quảng Ninh ▲4 bậc/);
    // Sorted by the score, lowest first after a second click.
    await table.getByRole('button', { name: /Điểm DTI/ }).click();
    await table.getByRole('button', { name: /Điểm DTI/ }).click();
    await waitFor('sorted by score, lowest first', async () => (await rows())[0][1] === 'Quảng Ninh');
    expect(await table.getByRole('columnheader', { name: /Điểm DTI/ }).getAttribute('aria-sort')).toBe('ascending');
    await screenshot(page, join(SHOTS, 'dti-ranking.png'));
    // On a phone the wide table scrolls inside its own box, not the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await waitFor('the page within 390 px', async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);

    await page.getByLabel('Năm', { exact: true }).fill('2019');
    await page.getByText('Năm 2019: chưa có số liệu xếp hạng DTI.').waitFor();
    expect(await table.count()).toBe(0);
  });
});
