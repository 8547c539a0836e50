import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** Debian's chromium package; `npx playwright install` cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output', 'web');
const README_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A fresh browser profile for one person, with their own zone and language. */
export async function newPerson(browser: Browser, baseURL: string, timezoneId: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, timezoneId, locale, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  // A failed request or a script error in the page fails the journey with the reason, not a timeout later.
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

/** Saves a full-page screenshot under test-output/web and, for the README, under docs/screenshots. */
export async function screenshot(page: Page, name: string, forReadme = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (forReadme) {
    mkdirSync(README_SCREENSHOTS, { recursive: true });
    copyFileSync(file, path.join(README_SCREENSHOTS, `${name}.png`));
  }
  return file;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
