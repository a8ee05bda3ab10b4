import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { closeContexts, launchChromium, listenLocally } from '../support/browser';
import { AccountRepository } from '@dx/db';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const PASSWORD = 'mat-khau-thu-nghiem';

/** The sign-in form shows what the API says, in Vietnamese: never English, never "session expired" for a wrong password. */
describe('sign-in messages in a real browser', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await new AccountRepository(db.dataSource).create({
      username: 'quantri',
      displayName: 'Quản trị',
      role: 'admin',
      password: PASSWORD,
    });
    app = await createTestApp(db, { env: { LOGIN_RATE_LIMIT: '3' } });
    url = await listenLocally(app);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });
  afterEach(() => closeContexts(browser));

  /** One sign-in attempt; resolves with the status the API answered, once the form shows its message. */
  async function attempt(page: Page, password: string): Promise<number> {
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill(password);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const status = (await answered).status();
    await page.getByRole('alert').waitFor();
    return status;
  }

  it('a wrong password says "Sai tên đăng nhập hoặc mật khẩu"; the throttle says to wait, in Vietnamese', async () => {
    const page = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
    await page.goto(`${url}/`);
    expect(await attempt(page, 'sai-mat-khau')).toBe(401);
    expect(await page.getByRole('alert').textContent()).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(await attempt(page, 'sai-mat-khau')).toBe(401);
    expect(await attempt(page, 'sai-mat-khau')).toBe(401);
    // The fourth try in a minute is throttled (LOGIN_RATE_LIMIT=3).
    expect(await attempt(page, 'sai-mat-khau')).toBe(429);
    const alert = page.getByRole('alert').filter({ hasText: 'Quá nhiều yêu cầu' });
    await alert.waitFor();
    const shown = (await alert.textContent()) ?? '';
    expect(shown).toMatch(/^Quá nhiều yêu cầu; hãy thử lại sau (\d+ giây|ít phút)$/);
    expect(shown).not.toMatch(/Throttler|Too Many|hết hạn/);
  }, 60_000);
});
