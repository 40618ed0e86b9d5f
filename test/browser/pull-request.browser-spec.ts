import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from '../pr-tracking/support';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot } from './support/browser';

const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { publicId issueNumber } }`;
// The /pr page shows 20 issues at first: these, #150 and the published advisory's own issue need a second page.
const ISSUES_BEYOND_FIRST_PAGE = 23;

/** /pr/:number in chromium: a real git repository as NixOS/nixpkgs, the fake GitHub serving the PR, one sync. */
describe('pull request page in chromium', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  let browser: Browser;
  let publicId: string;
  let advisoryIssue: number;

  beforeAll(async () => {
    assertWebBuildExists();
    nixpkgs = new FakeNixpkgs();
    for (const branch of ['nixos-unstable-small', 'nixos-unstable']) nixpkgs.branch(branch);
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId('CVE-2024-9143')] });
    ({ publicId, issueNumber: advisoryIssue } = (await w.as.sam(PUBLISH, accepted.data.acceptSuggestions)).data.publishAdvisory);
    const merge = nixpkgs.mergePull(401, 'master', 'openssl: patch CVE-2024-9143');
    w.fake.github.addPull(REPOSITORY, {
      number: 401, base: 'master', title: 'openssl: fix CVE-2024-9143', state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: merge,
      labels: ['1.severity: security'], user: 'thillux',
    });
    // A fix naming a labelled issue ("fixes #150"), and more labelled issues than one page shows.
    const libxml2 = nixpkgs.mergePull(402, 'master', 'libxml2: 2.12.8 -> 2.12.9\n\nfixes #150');
    w.fake.github.addPull(REPOSITORY, { number: 402, base: 'master', title: 'libxml2: 2.12.8 -> 2.12.9', state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: libxml2 });
    const issue = (number: number, title: string, updated: string) => ({
      id: 9000 + number, number, title, body: 'Reported upstream.', state: 'open' as const, state_reason: null, labels: ['1.severity: security'], assignees: [], user: 'reporter',
      created_at: updated, updated_at: updated, closed_at: null,
    });
    const hourAgo = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    for (let n = 0; n < ISSUES_BEYOND_FIRST_PAGE; n++) w.fake.github.issues(REPOSITORY).push(issue(200 + n, `Vulnerability roundup ${n}`, new Date(hourAgo - n * 60_000).toISOString()));
    // The newest update (the advisory's issue, labelled too, was opened just before).
    w.fake.github.issues(REPOSITORY).push(issue(150, 'Vulnerability roundup: libxml2', new Date(Date.now() + 60_000).toISOString()));
    nixpkgs.setBranch('nixos-unstable-small', 'master');
    await w.t.app.get(PrTrackingJobs).run();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
    nixpkgs?.remove();
  });

  async function open(url: string, viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${w.t.url}${url}`);
    return opened;
  }
  const branch = (page: Page | Locator, name: string, state: RegExp) => page.getByRole('listitem', { name: new RegExp(`^${name}: ${state.source}`) });

  it('shows the PR, the branches it reached highlighted with their first-seen time, and its advisory', async () => {
    const { page, consoleErrors } = await open('/pr/401');
    await page.getByRole('heading', { level: 1, name: 'Pull request #401' }).waitFor();
    expect(await page.title()).toBe('PR #401 · nixsec');
    await page.getByText('openssl: fix CVE-2024-9143').waitFor();
    expect(await page.getByText('Merged', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Labels' }).textContent()).toContain('1.severity: security');
    expect(await page.getByRole('link', { name: `${REPOSITORY}#401` }).getAttribute('href')).toBe(`https://github.com/${REPOSITORY}/pull/401`);

    const landed = page.getByRole('region', { name: 'Where it has landed' });
    await branch(landed, 'master', /reached, first seen \d{4}-\d\d-\d\d \d\d:\d\d UTC/).waitFor();
    await branch(landed, 'nixos-unstable-small', /reached, first seen/).waitFor();
    await branch(landed, 'nixos-unstable', /not reached yet/).waitFor();
    await branch(landed, 'nixpkgs-unstable', /not reached yet/).waitFor();
    // Reached branches are drawn highlighted; the others are not.
    expect(await landed.locator('.branch-graph__node--reached').count()).toBe(2);

    const advisories = page.getByRole('region', { name: 'Linked advisories' });
    expect(await advisories.textContent()).toContain('mentions CVE-2024-9143');
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'pull-request-desktop');
    await advisories.getByRole('link', { name: publicId }).click();
    await page.waitForURL(`**/advisories/${publicId}`);

    // The advisory's only channel, nixos-unstable, is downstream of nixos-unstable-small: the fix is on its way.
    const fixStatus = page.getByRole('region', { name: 'Fix status' });
    const unstable = fixStatus.getByRole('list', { name: 'Fix status per channel' }).getByRole('listitem').filter({ hasText: 'nixos-unstable' });
    await unstable.getByText('Fix status: Fix pending', { exact: true }).waitFor();
    expect(await unstable.textContent()).toMatch(/#401 is on nixos-unstable-small since \d{4}-\d\d-\d\d \d\d:\d\d UTC, on its way here/);
    expect(await unstable.getByRole('link', { name: '#401' }).getAttribute('href')).toBe('/pr/401');
    const reached = fixStatus.getByRole('list', { name: 'Fixing pull requests' });
    expect(await reached.textContent()).toMatch(/#401 reached master \(.+ UTC\), nixos-unstable-small \(.+ UTC\)/);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    expect(consoleErrors).toEqual([]);
  });

  it('lists the labelled pull requests at /pr with their state, labels and the branches they reached', async () => {
    const { page, consoleErrors } = await open('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pull requests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pull requests' }).waitFor();
    expect(await page.title()).toBe('Pull requests · nixsec');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '#401', exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('openssl: fix CVE-2024-9143');
    expect(await row.getByText('State: Merged', { exact: true }).count()).toBe(1);
    expect(await row.getByRole('list', { name: 'Labels of #401' }).textContent()).toContain('1.severity: security');
    const landings = row.getByRole('list', { name: 'Branches #401 reached' }).getByRole('listitem');
    expect(await landings.allTextContents()).toEqual([expect.stringMatching(/^master \d{4}-.+ UTC$/), expect.stringMatching(/^nixos-unstable-small \d{4}-.+ UTC$/)]);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'pull-requests-list');
    await row.getByRole('link', { name: '#401' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pull request #401' }).waitFor();

    // A failed load says so and can be retried; an empty answer says there is none yet.
    let answer: 'error' | 'empty' = 'error';
    await page.route('**/graphql', async (route) => {
      if (/\bquery LabeledPullRequests\b/.test(route.request().postDataJSON()?.query ?? '')) {
        await route.fulfill({ json: answer === 'error' ? { errors: [{ message: 'The database is not reachable.' }] } : { data: { labeledPullRequests: { edges: [], hasNextPage: false, endCursor: null } } } });
      } else await route.continue();
    });
    await page.goto(`${w.t.url}/pr`);
    const failed = page.getByRole('alert').filter({ hasText: 'The database is not reachable.' });
    await failed.waitFor();
    answer = 'empty';
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('No labelled pull request yet').waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('lists the labelled issues at /pr with the pull requests naming them and where those landed, and loads more on request', async () => {
    const { page, consoleErrors } = await open('/pr');
    const issues = page.getByRole('region', { name: 'Labelled issues (scrolls sideways)' });
    const rows = issues.getByRole('row').filter({ has: page.getByRole('cell') });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    const row = rows.filter({ has: page.getByRole('link', { name: '#150 on GitHub' }) });
    expect(await row.getByRole('link', { name: '#150 on GitHub' }).getAttribute('href')).toBe(`https://github.com/${REPOSITORY}/issues/150`);
    expect(await row.textContent()).toContain('Vulnerability roundup: libxml2');
    expect(await row.getByText('State: Open', { exact: true }).count()).toBe(1);
    expect(await row.getByRole('list', { name: 'Labels of issue #150' }).textContent()).toContain('1.severity: security');
    const fixes = row.getByRole('list', { name: 'Pull requests naming issue #150' });
    expect(await fixes.getByRole('link', { name: '#402' }).getAttribute('href')).toBe('/pr/402');
    expect(await fixes.getByRole('list', { name: 'Branches #402 reached' }).getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^master \d{4}-.+ UTC$/),
      expect.stringMatching(/^nixos-unstable-small \d{4}-.+ UTC$/),
    ]);
    expect(await rows.nth(2).textContent()).toContain('no pull request names it yet');
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'labeled-issues-desktop');

    // The next page fails once: said so, the 20 stay, and the button loads it on the second press.
    let failNext = true;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (failNext && /\bquery LabeledIssues\b/.test(body?.query ?? '') && body?.variables?.after) {
        failNext = false;
        await route.fulfill({ json: { errors: [{ message: 'The database is not reachable.' }] } });
      } else await route.continue();
    });
    const more = page.getByRole('button', { name: 'Load more issues' });
    await more.click();
    await page.getByRole('alert').filter({ hasText: 'The database is not reachable.' }).waitFor();
    expect(await rows.count()).toBe(20);
    await more.click();
    // Said to screen readers (the status is visually hidden).
    await page.getByRole('status').filter({ hasText: `${ISSUES_BEYOND_FIRST_PAGE + 2 - 20} more issues shown.` }).waitFor({ state: 'attached' });
    expect(await rows.count()).toBe(ISSUES_BEYOND_FIRST_PAGE + 2);
    expect(await more.count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    const numbers = (await rows.getByRole('link', { name: /on GitHub$/ }).allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    expect(new Set(numbers).size).toBe(numbers.length);
    // Newest update first: #150, the advisory's issue, then 200, 201, … (each a minute older than the one before).
    expect(numbers).toEqual([150, advisoryIssue, ...Array.from({ length: ISSUES_BEYOND_FIRST_PAGE }, (_, n) => 200 + n)]);
    // The PRs above had no more to load.
    expect(await page.getByRole('button', { name: 'Load more pull requests' }).count()).toBe(0);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');

    // A failed first load says so and can be retried.
    let failIssues = true;
    await page.unroute('**/graphql');
    await page.route('**/graphql', async (route) => {
      if (failIssues && /\bquery LabeledIssues\b/.test(route.request().postDataJSON()?.query ?? '')) {
        await route.fulfill({ json: { errors: [{ message: 'GitHub issues are not available.' }] } });
      } else await route.continue();
    });
    await page.goto(`${w.t.url}/pr`);
    const failed = page.getByRole('alert').filter({ hasText: 'GitHub issues are not available.' });
    await failed.waitFor();
    // The pull requests above still show.
    await page.getByRole('link', { name: '#401', exact: true }).waitFor();
    failIssues = false;
    await failed.getByRole('button', { name: 'Try again' }).click();
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);

    const phone = await open('/pr', PHONE);
    await phone.page.getByRole('link', { name: '#150 on GitHub' }).waitFor();
    expect(describeViolations(await findSeriousAccessibilityViolations(phone.page))).toBe('');
    await saveScreenshot(phone.page, 'labeled-issues-phone');
    expect(phone.consoleErrors).toEqual([]);
  });

  it('follows the fix to nixos-unstable after the next sync; an untracked PR says so', async () => {
    nixpkgs.setBranch('nixos-unstable', 'master');
    await w.t.app.get(PrTrackingJobs).run();
    const { page, consoleErrors } = await open('/pr/401', PHONE);
    await branch(page, 'nixos-unstable', /reached, first seen/).waitFor();
    expect(await page.locator('.branch-graph__node--reached').count()).toBe(3);
    await saveScreenshot(page, 'pull-request-phone');

    // The advisory now counts nixos-unstable as fixed by #401, and links to it.
    await page.goto(`${w.t.url}/advisories/${publicId}`);
    const unstable = page.getByRole('list', { name: 'Fix status per channel' }).getByRole('listitem').filter({ hasText: 'nixos-unstable' });
    await unstable.getByText('Fix status: Fixed', { exact: true }).waitFor();
    expect(await unstable.textContent()).toMatch(/via #401 since \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(await page.getByRole('list', { name: 'Fixing pull requests' }).textContent()).toMatch(/nixos-unstable \(.+ UTC\)/);
    await saveScreenshot(page, 'advisory-fix-status-phone');
    await unstable.getByRole('link', { name: '#401' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pull request #401' }).waitFor();

    await page.goto(`${w.t.url}/pr/999999`);
    await page.getByText('nixsec does not track pull request #999999').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
