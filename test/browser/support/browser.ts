import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = path.resolve(__dirname, '..', '..', '..');


/** Debian's chromium, not a Playwright-downloaded build: the machines can only install from apt. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = path.join(repoRoot, 'test', 'e2e', 'screenshots');

/** Fails early with a fix when the SPA was not built: the server would otherwise serve nothing at /. */
export function assertWebBuildExists(): void {
  const index = path.join(repoRoot, 'web', 'dist', 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} is missing: build the web UI first (corepack pnpm --filter @nixsec/web build)`);
  }
}

/** Playwright gives every launch its own temporary profile, so no user-data dir is passed. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`No chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 800 };
export const PHONE: Viewport = { width: 375, height: 740 };

/** A page in its own context; console errors are collected so a test can assert there were none. */
export async function openPage(browser: Browser, viewport: Viewport): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, consoleErrors };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
