import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { JobRunsService } from '../../server/src/jobs/job-runs.service';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot } from './support/browser';

const serverVersion: string = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'server', 'package.json'), 'utf8'),
).version;

/** The value shown next to a label in a <dl> of facts. */
function fact(region: Locator, label: string): Locator {
  return region.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
}

async function seedJobRuns(t: TestApp): Promise<void> {
  const runs = t.app.get(JobRunsService);
  const ingestion = await runs.start('ingestion.cve-list', null, 1, 'browser-test');
  await runs.finish(ingestion.id, { ingested: 10, quarantined: 1 });
  const evaluation = await runs.start('evaluation.nixpkgs', null, 2, 'browser-test');
  await runs.fail(evaluation.id, 'nix-env exited with status 1');
}

describe('the web UI in chromium', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuildExists();
    t = await startTestApp();
    await seedJobRuns(t);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openDashboard(viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(t.url);
    await fact(opened.page.getByRole('region', { name: 'Server health' }), 'Version').waitFor();
    return opened;
  }

  it('shows the server health and the latest job runs on the dashboard', async () => {
    const { page, consoleErrors } = await openDashboard();

    expect(await page.title()).toBe('Dashboard · nixsec');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    const health = page.getByRole('region', { name: 'Server health' });
    expect((await fact(health, 'Version').textContent())?.trim()).toBe(serverVersion);
    expect((await fact(health, 'Database').textContent())?.trim()).toBe('OK');
    expect((await fact(health, 'Pending migrations').textContent())?.trim()).toBe('0');
    await page.getByRole('banner').getByText('Server OK').waitFor();

    const table = page.getByRole('region', { name: 'Latest job runs' }).getByRole('table');
    const completed = table.getByRole('row', { name: /ingestion\.cve-list/ });
    expect(await completed.textContent()).toMatch(/Completed.*ingested 10, quarantined 1/);
    const failed = table.getByRole('row', { name: /evaluation\.nixpkgs/ });
    expect(await failed.textContent()).toMatch(/Failed.*nix-env exited with status 1/);

    await saveScreenshot(page, 'home');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical accessibility violations on the dashboard', async () => {
    const { page } = await openDashboard();
    await page.getByRole('region', { name: 'Latest job runs' }).getByRole('table').waitFor();
    await page.getByRole('region', { name: 'Channels', exact: true }).getByText('No channel known yet').waitFor();

    const violations = await findSeriousAccessibilityViolations(page);

    expect(describeViolations(violations)).toBe('');
    await page.context().close();
  });

  it('tells the user what to do when the API cannot be reached', async () => {
    const { page } = await openPage(browser, DESKTOP);
    page.setDefaultTimeout(15_000);
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));

    await page.goto(t.url);

    const alert = page.getByRole('region', { name: 'Server health' }).getByRole('alert');
    expect(await alert.textContent()).toContain('Cannot reach the nixsec API at /graphql — is the server running?');
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await page.getByRole('banner').getByText('Server unreachable').waitFor();
    await saveScreenshot(page, 'home-api-unreachable');
    await page.context().close();
  });

  it('shows the Not-found page for an unknown path, with a way back', async () => {
    const { page, consoleErrors } = await openPage(browser, DESKTOP);
    page.setDefaultTimeout(15_000);

    const response = await page.goto(`${t.url}/no/such/page`);

    expect(response?.ok()).toBe(true);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('/no/such/page');
    expect(await page.title()).toBe('Page not found · nixsec');
    await saveScreenshot(page, 'not-found');

    await page.getByRole('main').getByRole('link', { name: 'dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('fits a 375px wide phone screen, with the navigation in reach', async () => {
    const { page } = await openDashboard(PHONE);

    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
    const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' });
    const box = await navLink.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await navLink.getAttribute('aria-current')).toBe('page');

    // Keyboard users reach the skip link first, then the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    const focusedNavLink = async () => navLink.evaluate((link) => link === document.activeElement);
    for (let presses = 0; presses < 3 && !(await focusedNavLink()); presses += 1) await page.keyboard.press('Tab');
    expect(await focusedNavLink()).toBe(true);

    await saveScreenshot(page, 'home-375');
    await page.context().close();
  });
});
