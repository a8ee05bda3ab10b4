import { INestApplication, Logger } from '@nestjs/common';
import { join } from 'path';
import { Browser, Page } from 'playwright-core';
import { launchChromium, listenLocally, screenshot, SignedInPages } from '../support/browser';
import { seedIllustrativeActivity } from '@dx/api/bootstrap/demo-activity';
import { createDemoAccounts, loadDemoDataOnce } from '@dx/api/bootstrap/demo-data';
import { REPO } from '../factories/plan-file.factory';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { testRunId } from '../support/test-env';

const SHOTS = join(REPO, 'test-output', 'browser', 'walk');
/** A phone's width: no page may scroll sideways at it. */
const NARROW = { width: 390, height: 844 };

/**
 * English a person must never read in the web app: the messages users met before the app spoke Vietnamese
 * throughout, and the raw forms (UTC timestamps, framework error names) such messages came in.
 */
const NEVER_SHOWN: RegExp[] = [
  /wrong username or password/i,
  /too many failed sign-ins/i,
  /ThrottlerException/,
  /Too Many Requests/i,
  /is not one of/i,
  /rows are refused/i,
  /partial=true/,
  /no right to/i,
  /no agency "/i,
  /Validation failed/i,
  /Internal server error/i,
  /\bUnauthorized\b/,
  /\bForbidden\b/,
  /\bBad Request\b/,
  /\bNot Found\b/,
  /must be a (string|number|date)/i,
  /\bundefined\b|\bNaN\b|\[object Object\]/,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
];

/**
 * Every demo role walks every page of a first start (Quảng Ninh and the illustrative province) on a phone-wide
 * screen, in Chromium with Vietnamese preferred; then the illustrative province's everyday loop runs from the web.
 */
describe('a first start walked in the browser by every role', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let pages: SignedInPages;
  let passwords: Map<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoDataOnce(db.dataSource, new Logger('test'));
    passwords = new Map((await createDemoAccounts(db.dataSource)).map((a) => [a.username, a.password]));
    app = await createTestApp(db, { env: { RUN_WORKER: 'true', QUEUE_PREFIX: `dx-test-${testRunId()}-walk` } });
    await seedIllustrativeActivity(app);
    url = await listenLocally(app);
    browser = await launchChromium();
    pages = new SignedInPages(browser, url, (username) => passwords.get(username)!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(() => pages?.release());

  /** A signed-in page that records uncaught errors and server errors as they happen. */
  async function signIn(username: string, viewport = NARROW): Promise<{ page: Page; faults: string[] }> {
    const faults: string[] = [];
    const page = await pages.open(username, {
      viewport,
      prepare: async (p) => {
        await p.setExtraHTTPHeaders({ 'Accept-Language': 'vi' });
        p.on('pageerror', (e) => faults.push(`uncaught: ${e.message}`));
        p.on('response', (r) => {
          if (r.status() >= 500) faults.push(`${r.status()} ${r.url()}`);
        });
      },
    });
    return { page, faults };
  }

  /** What is wrong with the page as shown: English from the list, or a width beyond the viewport. */
  async function problems(page: Page, where: string): Promise<string[]> {
    // Loaded: the network has settled and no part of the page still says it is loading.
    await page.waitForLoadState('networkidle', { timeout: 60_000 });
    await page.waitForFunction(() => !document.body.innerText.includes('Đang tải'), null, { timeout: 60_000 });
    const text = await page.locator('body').innerText();
    const found = NEVER_SHOWN.filter((re) => re.test(text)).map((re) => `${where}: shows ${re} in «${text.match(re)![0]}»`);
    const { scroll, client, wide } = await page.evaluate(() => {
      const client = document.documentElement.clientWidth;
      // The outermost elements that stick out, to name in the failure.
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > client + 1 && !(e.parentElement!.getBoundingClientRect().right > client + 1))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`);
      return { scroll: document.documentElement.scrollWidth, client, wide };
    });
    // An empty table says what it lacks ("chưa có …") instead of showing bare headers.
    const bare = await page
      .locator('main table')
      .evaluateAll((tables) =>
        tables
          .filter((t) => t.querySelectorAll('tbody tr').length === 0 && !/chưa có/i.test(t.parentElement?.textContent ?? ''))
          .map(
            (t) => t.getAttribute('aria-label') ?? t.querySelector('caption')?.textContent ?? t.querySelector('th')?.textContent ?? 'table',
          ),
      );
    for (const t of bare) found.push(`${where}: an empty table without "chưa có …" (${t})`);
    if (scroll > client + 1) found.push(`${where}: ${scroll} px wide in a ${client} px viewport (${wide.join(', ')})`);
    return found;
  }

  /** Pages every signed-in account has outside the navigation. */
  const OWN_PAGES = ['#/thong-bao', '#/cai-dat-thong-bao'];

  const ROLES = ['admin', 'skhcn.mau', 'syt.mau', 'lanhdao.mau', 'xem.mau', 'stttt.qni'];

  it.each(ROLES)(
    '%s: every page it may open is Vietnamese and fits 390 px; the others are refused in Vietnamese',
    async (username) => {
      const { page, faults } = await signIn(username);
      const linked = await page.locator('nav[aria-label="Trang"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      // Every role also has the inbox and its notification settings (reached from the header's badge).
      const mine = [...linked, ...OWN_PAGES];
      expect(linked.length).toBeGreaterThan(2);
      const found: string[] = await problems(page, `${username} ${mine[0]}`);
      for (const hash of mine) {
        await page.goto(`${url}/${hash}`);
        found.push(...(await problems(page, `${username} ${hash}`)));
        await screenshot(page, join(SHOTS, `${username}-${hash.replace(/[^a-z0-9-]/gi, '')}.png`));
      }
      expect(found).toEqual([]);
      expect(faults).toEqual([]);
    },
    120_000,
  );

  it('pages a role may not use are not reachable by URL, without an uncaught error', async () => {
    const admin = await signIn('admin');
    const every = await admin.page.locator('nav[aria-label="Trang"] a').evaluateAll((l) => l.map((a) => a.getAttribute('href')!));
    const viewer = await signIn('xem.mau');
    const allowed = await viewer.page.locator('nav[aria-label="Trang"] a').evaluateAll((l) => l.map((a) => a.getAttribute('href')!));
    const refused = every.filter((h) => !allowed.includes(h));
    expect(refused.length).toBeGreaterThan(0);
    for (const hash of refused) {
      await viewer.page.goto(`${url}/${hash}`);
      await viewer.page
        .getByText(/không có quyền/i)
        .first()
        .waitFor();
      expect(await problems(viewer.page, `xem.mau ${hash}`)).toEqual([]);
    }
    expect(viewer.faults).toEqual([]);
  }, 60_000);

  it("the illustrative province's day: its officer updates a late task, its reporter submits, its leader sees both", async () => {
    const officer = await signIn('skhcn.mau', { width: 1280, height: 900 });
    await officer.page.getByRole('link', { name: 'Công việc' }).click();
    // NV02.2 (led by Sở KH&CN) is due 30/9/2026 and not done: late.
    await officer.page.getByTestId('task-NV02.2').getByText('(quá hạn)').waitFor();
    await officer.page.getByRole('button', { name: 'Cập nhật NV02.2' }).click();
    const form = officer.page.getByRole('form', { name: 'Cập nhật NV02.2' });
    await form.getByLabel('Tiến độ (%)').fill('85');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await officer.page.getByRole('status').getByText('Đã lưu NV02.2').waitFor();

    const reporter = await signIn('syt.mau', { width: 1280, height: 900 });
    await reporter.page.getByRole('link', { name: 'Công việc' }).click();
    await reporter.page.getByRole('button', { name: 'Cập nhật NV05.4' }).click();
    const update = reporter.page.getByRole('form', { name: 'Cập nhật NV05.4' });
    await update.getByLabel('Tiến độ (%)').fill('60');
    await update.getByRole('button', { name: 'Lưu' }).click();
    await reporter.page
      .getByRole('status')
      .getByText(/Đã gửi cập nhật NV05\.4, chờ .* duyệt/)
      .waitFor();

    const leader = await signIn('lanhdao.mau', { width: 1280, height: 900 });
    await leader.page.getByRole('link', { name: 'Công việc' }).click();
    await leader.page.getByTestId('task-NV02.2').getByText(/85%/).waitFor();
    await leader.page.getByRole('link', { name: 'Chờ duyệt' }).click();
    await leader.page
      .getByText(/NV05\.4/)
      .first()
      .waitFor();
    for (const who of [officer, reporter, leader]) expect(who.faults).toEqual([]);
  }, 90_000);
});
