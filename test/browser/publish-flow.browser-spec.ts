import type { Browser, Page } from 'playwright-core';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, saveScreenshot } from './support/browser';

const CVE = 'CVE-2024-9143';
const TITLE = 'openssl: out-of-bounds access in low-level GF(2^m) APIs';

/** The header's account area (handle, role, "Log in" / "Log out"). */
function account(page: Page) {
  return page.getByRole('banner').getByRole('group', { name: 'Account' });
}

/** The line above the title: the public id and its state badge ("NIXPKGS-2026-0001 Published"). */
function headline(page: Page, publicId: string, state: string) {
  return page.getByRole('main').getByText(new RegExp(`^${publicId}\\s*State: ${state}$`));
}

/** The state badge next to the advisory's id ("State: Published"; the prefix is for screen readers). */
function stateBadge(page: Page, state: string) {
  return page.getByRole('main').getByText(`State: ${state}`, { exact: true });
}

/** The row of the advisory's activity log that records `action`. */
/** What the browser tells a page when its tab is shown again (headless chromium's tab never hides). */
async function backToTab(page: Page): Promise<void> {
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
}

function activityRow(page: Page, action: string) {
  return page.getByRole('table', { name: 'Activity' }).getByRole('row').filter({ hasText: action });
}

/**
 * Issue 10's whole flow in chromium against the real server, with GitHub faked (OAuth, REST API and
 * webhooks): log in with GitHub as a security-team member, accept a suggestion into a draft, edit it,
 * publish it as a GitHub issue, and see it archived when GitHub reports the issue closed (and
 * published again when it is reopened).
 */
describe('log in with GitHub, triage, edit, publish and archive by webhook in chromium (fake GitHub)', () => {
  let w: World;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuildExists();
    // sam is in the fake GitHub's NixOS/security team; thillux maintains openssl; GITHUB_WEBHOOK_SECRET is set.
    w = await startWorld();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('takes CVE-2024-9143 from the queue to a published GitHub issue, archived and reopened by GitHub webhooks', async () => {
    const { page, consoleErrors } = await openPage(browser, DESKTOP);
    page.setDefaultTimeout(15_000);

    // Log in through GitHub's OAuth page (the fake approves as sam) and land back on the queue.
    w.fake.approveAs('sam');
    await page.goto(`${w.t.url}/login?returnTo=${encodeURIComponent('/suggestions')}`);
    await page.getByRole('link', { name: 'Log in with GitHub' }).click();
    await account(page).getByText('sam').waitFor();
    await page.waitForURL((url) => url.pathname === '/suggestions');

    // Accept the suggestion into a draft; it leaves the queue and the undo offer links to the draft.
    const suggestion = page.getByRole('article', { name: CVE, exact: true });
    await suggestion.getByRole('button', { name: `Accept → draft (${CVE})` }).click();
    await suggestion.waitFor({ state: 'detached' });
    const done = page.getByRole('status').filter({ hasText: `Accepted ${CVE} into draft` });
    await done.getByRole('link', { name: /^Edit draft \d+$/ }).click();

    // Edit the title in the draft editor and save it.
    await page.getByRole('heading', { level: 1, name: /^Edit draft: openssl/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/advisories\/\d+\/edit$/);
    await page.getByRole('region', { name: 'CVEs' }).getByRole('link', { name: `NVD entry of ${CVE}` }).waitFor();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: `Edit draft: ${TITLE}`, exact: true }).waitFor();
    expect(w.fake.github.issues(REPOSITORY)).toEqual([]);

    // Publish: one GitHub issue naming the CVE, and the public page with its NIXPKGS id and a link to the issue.
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\/advisories\/NIXPKGS-/);
    await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).waitFor();
    const publicId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(publicId).toMatch(/^NIXPKGS-\d{4}-0001$/);
    await headline(page, publicId, 'Published').waitFor();

    const issues = w.fake.github.issues(REPOSITORY);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue.title).toContain(publicId);
    expect(issue.body).toContain(CVE);
    expect(issue.state).toBe('open');
    const issueLink = page.getByRole('link', { name: `${REPOSITORY}#${issue.number}`, exact: true });
    expect(await issueLink.getAttribute('href')).toBe(`https://github.com/${REPOSITORY}/issues/${issue.number}`);
    expect(await page.getByRole('main').getByText('Archived (issue closed)').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Activity' }).textContent()).toContain('advisory.published');

    // GitHub reports the issue closed: the open page shows the advisory archived, with when and by whom,
    // without a reload once the user comes back to the tab (it also refreshes itself every 30 s).
    const hook = (action: string, state: string) => ({
      action,
      issue: { number: issue.number, state },
      repository: { id: 1, full_name: REPOSITORY },
      sender: { id: 9, login: 'vcunat' },
    });
    expect((await w.webhook('issues', hook('closed', 'closed'))).status).toBe(200);
    await backToTab(page);
    await headline(page, publicId, 'Archived').waitFor();
    expect(await stateBadge(page, 'Published').count()).toBe(0);
    await page.getByRole('main').getByText('Archived (issue closed)', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: TITLE, exact: true }).isVisible()).toBe(true);
    expect(await issueLink.getAttribute('href')).toBe(`https://github.com/${REPOSITORY}/issues/${issue.number}`);
    expect((await activityRow(page, 'advisory.archived').getByRole('cell').allTextContents()).slice(1)).toEqual(['github:vcunat', 'advisory.archived']);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'advisory-archived');

    // Reopened on GitHub: published again, no longer archived.
    expect((await w.webhook('issues', hook('reopened', 'open'))).status).toBe(200);
    await backToTab(page);
    await headline(page, publicId, 'Published').waitFor();
    expect(await stateBadge(page, 'Archived').count()).toBe(0);
    expect(await page.getByRole('main').getByText('Archived (issue closed)').count()).toBe(0);
    expect((await activityRow(page, 'advisory.reopened').getByRole('cell').allTextContents()).slice(1)).toEqual(['github:vcunat', 'advisory.reopened']);
    expect(w.fake.github.issues(REPOSITORY)).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
