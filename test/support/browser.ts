import { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import { Browser, BrowserContextOptions, chromium, Locator, Page } from 'playwright-core';

/** The desktop window most browser tests use. */
export const WIDE = { width: 1280, height: 900 };

/** Debian's Chromium, headless, driven by playwright-core (CHROMIUM_PATH overrides where it is). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Closes every page the test opened, with its context: a page left open keeps polling the API and rendering while
 * the next tests run (about a tenth of a browser file's CPU). For `afterEach`, in files that open pages per test.
 */
export async function closeContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all((browser?.contexts() ?? []).map((context) => context.close()));
}

/** Starts the app's HTTP server on a free local port and gives its address. */
export async function listenLocally(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

/** Fills and sends the sign-in form on the page as it is. */
export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * A page in a fresh context of a Vietnamese browser (desktop window unless `options` say otherwise), signed in
 * through the form; resolves once the navigation shows. `prepare` runs on the page before it opens the app.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  options: BrowserContextOptions = {},
  prepare: (page: Page) => unknown = () => undefined,
): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'vi-VN', viewport: WIDE, ...options })).newPage();
  await prepare(page);
  await page.goto(`${url}/`);
  await fillSignIn(page, username, password);
  await page.getByRole('link', { name: 'Tổng quan' }).waitFor();
  return page;
}

/** What a kept page's test may ask of it: its window size, and listeners put on before it opens the app. */
export interface SignedInPageOptions {
  viewport?: { width: number; height: number };
  /** Runs on the page each time a test is given it, before the app (re)loads; its listeners are removed after the test. */
  prepare?: (page: Page) => unknown;
}

/**
 * Signed-in pages a test file keeps between its tests. A fresh context and a sign-in cost Chromium about 2.7
 * CPU-seconds; a kept page given back costs about 0.5: it reloads the app on the overview, its forms' drafts and local
 * choices dropped, listeners and routes of the last test removed, in the window size asked for. A page of the same
 * account is taken first; else a page of another account signs out (its cookies and session storage cleared) and
 * signs in as the one asked for, which still spares the new context. A page whose session ended (signed out, expired)
 * signs in again through the form. New pages are opened only while a test holds all the kept ones. Call `release()`
 * after each test (instead of closing the contexts).
 */
export class SignedInPages {
  private free: { username: string; page: Page }[] = [];
  private inUse: { username: string; page: Page }[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    private readonly password: (username: string) => string,
  ) {}

  async open(username: string, options: SignedInPageOptions = {}): Promise<Page> {
    const viewport = options.viewport ?? WIDE;
    const prepare = options.prepare ?? (() => undefined);
    this.free = this.free.filter(({ page }) => !page.isClosed());
    const at = Math.max(
      this.free.findIndex((kept) => kept.username === username),
      0,
    );
    const [kept] = this.free.splice(at, 1);
    let page: Page;
    if (kept) {
      page = kept.page;
      const otherAccount = kept.username !== username;
      if (otherAccount) await page.context().clearCookies();
      await page.evaluate((signOut) => {
        localStorage.clear();
        for (const key of Object.keys(sessionStorage))
          if (signOut || key.startsWith('dx-draft:') || key === 'dx-expired') sessionStorage.removeItem(key);
      }, otherAccount);
      await page.setViewportSize(viewport);
      await prepare(page);
      await page.goto(`${this.url}/`);
      const overview = page.getByRole('link', { name: 'Tổng quan' });
      await overview.or(page.getByLabel('Tên đăng nhập')).first().waitFor();
      if (!(await overview.isVisible())) {
        await fillSignIn(page, username, this.password(username));
        await overview.waitFor();
      }
    } else {
      page = await signedInPage(this.browser, this.url, username, this.password(username), { viewport }, prepare);
    }
    this.inUse.push({ username, page });
    return page;
  }

  /** After each test: every page it was given is kept for the next ones, with the test's listeners and routes removed. */
  async release(): Promise<void> {
    const used = this.inUse;
    this.inUse = [];
    for (const kept of used) {
      if (kept.page.isClosed()) continue;
      kept.page.removeAllListeners();
      await kept.page.unrouteAll({ behavior: 'ignoreErrors' });
      this.free.push(kept);
    }
  }
}

/**
 * Saves a screenshot for a person to look at (under `test-output/browser/`), only when `BROWSER_SHOTS=1`: a full-page
 * shot costs the browser about half a CPU-second, and the walk alone takes about eighty. Nothing is asserted on them.
 */
export async function screenshot(target: Page | Locator, file: string, fullPage = true): Promise<void> {
  if (process.env.BROWSER_SHOTS !== '1') return;
  mkdirSync(dirname(file), { recursive: true });
  await ('goto' in target ? target.screenshot({ path: file, fullPage }) : target.screenshot({ path: file }));
}
