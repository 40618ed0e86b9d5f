import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { NotificationFanout } from '../../server/src/advisories/notifications/notification-fanout';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { AdvisoryApp, startAdvisoryApp } from './support/advisory-app';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot, type Viewport } from './support/browser';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
async function* iterate(lines: string[]) {
  yield* lines;
}

/**
 * A release channel next to nixos-unstable that ships an older openssl (its own derivation), so
 * the package page has two channels with different versions to show.
 */
async function importReleaseChannel(w: AdvisoryApp): Promise<void> {
  const lines = [...readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')), ...readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))].map((line) =>
    line.startsWith('{"attr": "openssl.x86_64-linux"')
      ? line.replaceAll('openssl-3.5.1', 'openssl-3.4.1').replace('"version": "3.5.1"', '"version": "3.4.1"').replace(/\/nix\/store\/[a-z0-9]{32}-/g, (p) => `${p.slice(0, -2)}x-`)
      : line,
  );
  expect(lines.some((line) => line.includes('openssl-3.4.1'))).toBe(true);
  await new EvaluationImporter(pgPool(w.t.app.get(DataSource))).import({ name: 'nixos-25.05', release: '25.05', variant: 'nixos' }, 'c'.repeat(40), iterate(lines), { source: 'browser test' });
}

describe('package, maintainer, activity, notification and subscription pages in chromium', () => {
  let w: AdvisoryApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuildExists();
    w = await startAdvisoryApp();
    await importReleaseChannel(w);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  async function open(url: string, viewport: Viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${w.t.url}${url}`);
    return opened;
  }

  async function openAsTeam(url: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await open(`/login?returnTo=${encodeURIComponent(url)}`);
    await opened.page.getByRole('button', { name: 'Demo login: security team user' }).click();
    await opened.page.getByRole('group', { name: 'Account' }).getByText('demo-security').waitFor();
    return opened;
  }

  it('shows a package with its versions per channel, maintainers and pending suggestions, and links to its maintainer', async () => {
    const { page, consoleErrors } = await open('/packages/openssl');
    await page.getByRole('heading', { level: 1, name: 'openssl', exact: true }).waitFor();
    expect(await page.title()).toBe('openssl · nixsec');
    const versions = page.getByRole('table', { name: 'Versions of openssl per channel' });
    await versions.waitFor();
    expect(await page.getByRole('main').getByText('Cryptographic library that implements the SSL and TLS protocols').first().isVisible()).toBe(true);
    const unstable = versions.getByRole('row', { name: /nixos-unstable/ });
    const release = versions.getByRole('row', { name: /nixos-25\.05/ });
    expect(await unstable.getByRole('cell').first().textContent()).toBe('3.5.1');
    expect(await release.getByRole('cell').first().textContent()).toBe('3.4.1');
    // Unstable first, then the release.
    expect((await versions.getByRole('rowheader').allTextContents()).map((s) => s.trim())).toEqual(['nixos-unstable', 'nixos-25.05']);

    const maintainers = page.getByRole('region', { name: 'Maintainers' });
    expect(await maintainers.getByRole('link', { name: '@thillux' }).getAttribute('href')).toBe('/maintainers/thillux');
    const pending = page.getByRole('list', { name: 'Pending suggestions for openssl' });
    expect(await pending.getByRole('link', { name: 'CVE-2024-9143' }).getAttribute('href')).toBe('/cve/CVE-2024-9143');
    expect(await page.getByRole('region', { name: 'Advisories', exact: true }).textContent()).toContain('No advisory concerns openssl.');
    // Visitors are offered a login, not a Follow button.
    expect(await page.getByRole('button', { name: /^Follow/ }).count()).toBe(0);
    expect(await page.getByRole('main').getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login?returnTo=/packages/openssl');

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'package');

    await maintainers.getByRole('link', { name: '@thillux' }).click();
    await page.getByRole('heading', { level: 1, name: '@thillux' }).waitFor();
    const packages = page.getByRole('table', { name: 'Packages maintained by @thillux' });
    const row = packages.getByRole('row', { name: /^openssl\b/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/nixos-unstable: 3\.5\.1/);
    expect(await row.textContent()).toMatch(/nixos-25\.05: 3\.4\.1/);
    expect(await page.getByRole('list', { name: 'Pending suggestions for packages of @thillux' }).getByRole('link', { name: 'CVE-2024-9143' }).count()).toBe(1);
    // Drafts are not shown to visitors.
    expect(await page.getByRole('region', { name: 'Draft advisories' }).count()).toBe(0);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'maintainer');

    await row.getByRole('link', { name: 'openssl', exact: true }).click();
    await page.getByRole('table', { name: 'Versions of openssl per channel' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/packages/openssl');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says so when nothing is known of a package or maintainer', async () => {
    const { page, consoleErrors } = await open('/packages/no-such-package');
    await page.getByRole('heading', { level: 1, name: 'no-such-package' }).waitFor();
    await page.getByText('No tracked channel ships a package').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    await page.goto(`${w.t.url}/maintainers/nobody-maintains-this`);
    await page.getByText(/No package of a tracked channel lists\s+@nobody-maintains-this/).waitFor();

    // A failing API is an error with a way to retry, not an empty page.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto(`${w.t.url}/packages/openssl`);
    const alert = page.getByRole('main').getByRole('alert').filter({ hasText: 'Cannot reach the nixsec API' });
    await alert.getByRole('button', { name: 'Try again' }).waitFor();
    await page.unroute('**/graphql');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('table', { name: 'Versions of openssl per channel' }).waitFor();
    expect(consoleErrors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('fits a package page on a 375px wide phone screen', async () => {
    const { page } = await open('/packages/openssl', PHONE);
    await page.getByRole('table', { name: 'Versions of openssl per channel' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'package-375');
    await page.context().close();
  });

  it('follows a package from its page, lists it under subscriptions, and delivers its notifications to the inbox', async () => {
    const { page, consoleErrors } = await openAsTeam('/packages/openssl');
    await page.getByRole('table', { name: 'Versions of openssl per channel' }).waitFor();
    await page.getByRole('button', { name: 'Follow openssl' }).click();
    await page.getByText('You follow this package.').waitFor();
    await page.getByRole('button', { name: 'Unfollow openssl' }).waitFor();

    await page.getByRole('main').getByRole('link', { name: 'Your subscriptions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    const followed = page.getByRole('list', { name: 'Followed packages' });
    expect(await followed.getByRole('link', { name: 'openssl' }).getAttribute('href')).toBe('/packages/openssl');
    expect(await page.getByRole('region', { name: 'Channels', exact: true }).textContent()).toContain('You follow no channel.');

    // A package no tracked channel ships is refused with the server's reason.
    await page.getByLabel('Package attribute').fill('opensssl');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'No tracked channel ships a package "opensssl"' }).waitFor();
    // A channel is followed through the same form.
    await page.getByLabel('Kind').selectOption('channel');
    await page.getByLabel('Channel', { exact: true }).fill('nixos-25.05');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('list', { name: 'Followed channels' }).getByRole('button', { name: 'Unfollow nixos-25.05' }).waitFor();
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'subscriptions');

    // The fan-out job (run here as its schedule would) tells followers of openssl about its suggestion.
    await w.t.app.get(NotificationFanout).run();
    await page.goto(`${w.t.url}/notifications`);
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const inbox = page.getByRole('list', { name: 'Notifications' });
    const item = inbox.getByRole('listitem').filter({ hasText: 'CVE-2024-9143' }).filter({ hasText: 'you follow openssl' });
    await item.waitFor();
    expect(await item.getByRole('link').getAttribute('href')).toBe('/suggestions?cve=CVE-2024-9143');
    const summary = page.getByRole('status').filter({ hasText: 'unread' });
    const unreadBefore = Number((await summary.textContent())?.match(/(\d+) unread/)?.[1]);
    expect(unreadBefore).toBeGreaterThan(0);
    const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ });
    // The header shows the count as a badge and says it to screen readers.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: `Notifications (${unreadBefore} unread)`, exact: true }).waitFor();
    expect((await navLink.textContent())?.replace(/\s+/g, ' ')).toContain(`${unreadBefore} (${unreadBefore} unread)`);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'notifications');

    await item.getByRole('button', { name: /^Mark read/ }).click();
    await item.getByRole('button', { name: /^Mark read/ }).waitFor({ state: 'detached' });
    expect(await item.getByText('Unread', { exact: true }).count()).toBe(0);
    await summary.filter({ hasText: unreadBefore - 1 === 0 ? 'No unread' : `${unreadBefore - 1} unread` }).waitFor();

    // Unread only is kept in the URL; the notification just read is not in it.
    await page.getByRole('radio', { name: 'Unread only' }).check();
    await page.waitForURL(/\/notifications\?unread=true$/);
    await item.waitFor({ state: 'detached' });
    expect(await page.getByRole('radio', { name: 'Unread only' }).isChecked()).toBe(true);

    if (unreadBefore > 1) await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('status').filter({ hasText: 'No unread notification.' }).waitFor();
    await page.reload();
    await page.getByText('Nothing unread.').waitFor();
    expect((await navLink.textContent())?.trim()).toBe('Notifications');

    // Unfollowing on the subscriptions page shows on the package page too.
    await page.goto(`${w.t.url}/subscriptions`);
    await followed.getByRole('button', { name: 'Unfollow openssl' }).click();
    await page.getByRole('region', { name: 'Packages', exact: true }).getByText('You follow no package.').waitFor();
    await page.goto(`${w.t.url}/packages/openssl`);
    await page.getByRole('button', { name: 'Follow openssl' }).waitFor();
    expect(await page.getByText('You follow this package.').count()).toBe(0);
    // Refused subscriptions answer 404; chromium logs those.
    expect(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('logs an accepted suggestion in the activity log, filtered in the URL, and shows the draft on the maintainer page', async () => {
    const { page, consoleErrors } = await openAsTeam('/activity');
    await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
    await page.getByRole('status').filter({ hasText: /^Showing \d+/ }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'suggestion.accepted' }).count()).toBe(0);

    await page.goto(`${w.t.url}/suggestions`);
    const openssl = page.getByRole('article', { name: 'CVE-2024-9143', exact: true });
    await openssl.getByRole('button', { name: 'Accept → draft (CVE-2024-9143)' }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted CVE-2024-9143 into draft' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    const log = page.getByRole('table', { name: 'Activity log' });
    const accepted = log.getByRole('row').filter({ hasText: 'suggestion.accepted' });
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain('demo-security');
    const created = log.getByRole('row').filter({ hasText: 'advisory.created' });
    expect(await created.count()).toBe(1);
    const draftId = (await created.getByRole('link', { name: /^history of advisory \d+$/ }).textContent())?.match(/\d+/)?.[0];
    expect(draftId).toBeDefined();

    // Filtering goes through the URL; only advisory entries remain.
    await page.getByLabel('Subject type').selectOption('advisory');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/activity\?type=advisory$/);
    await created.waitFor();
    expect(await log.getByRole('row').filter({ hasText: 'suggestion.accepted' }).count()).toBe(0);
    await page.goBack();
    await accepted.waitFor();
    expect(await page.getByLabel('Subject type').inputValue()).toBe('');
    // A subject's own history, from its row.
    await created.getByRole('link', { name: `history of advisory ${draftId}` }).click();
    await page.waitForURL(new RegExp(`/activity\\?type=advisory&subject=${draftId}$`));
    expect(await page.getByLabel('Subject id').inputValue()).toBe(draftId);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'activity');

    // The draft concerns openssl's maintainer: the team sees it on their page and on the package page.
    await page.goto(`${w.t.url}/maintainers/thillux`);
    const drafts = page.getByRole('list', { name: 'Draft advisories concerning @thillux' });
    expect(await drafts.getByRole('link', { name: /^Draft \d+: openssl/ }).getAttribute('href')).toBe(`/advisories/${draftId}/edit`);
    await page.goto(`${w.t.url}/packages/openssl`);
    await page.getByRole('list', { name: 'Advisories concerning openssl' }).getByRole('link', { name: /^Draft \d+: openssl/ }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();

    // Visitors are sent to log in for the activity log, and see no Activity entry in the navigation.
    const visitor = await open('/activity');
    await visitor.page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(await visitor.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).count()).toBe(0);
    await visitor.page.context().close();
  });
});
