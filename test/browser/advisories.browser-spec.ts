import type { Browser, Locator, Page } from 'playwright-core';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { ADVISORY_REPOSITORY, AdvisoryApp, startAdvisoryApp } from './support/advisory-app';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, saveScreenshot } from './support/browser';

/** The queue entry of one CVE: the article named by its heading. */
function suggestionOf(page: Page, cveId: string): Locator {
  return page.getByRole('article', { name: cveId, exact: true });
}

async function demoLoginAsSecurityTeam(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Demo login: security team user' }).click();
}

describe('triage to published advisory in chromium (demo security team, fake GitHub)', () => {
  let w: AdvisoryApp;
  let browser: Browser;
  let publicId: string;

  beforeAll(async () => {
    assertWebBuildExists();
    w = await startAdvisoryApp();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  async function open(url: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, DESKTOP);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${w.t.url}${url}`);
    return opened;
  }

  async function openAsTeam(url: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await open(`/login?returnTo=${encodeURIComponent(url)}`);
    await demoLoginAsSecurityTeam(opened.page);
    return opened;
  }

  it('accepts a suggestion into a draft, edits it (refusing a stale save), and publishes it as a GitHub issue', async () => {
    const { page, consoleErrors } = await openAsTeam('/suggestions');
    const openssl = suggestionOf(page, 'CVE-2024-9143');
    await openssl.waitFor();
    const before = Number((await page.getByRole('status').filter({ hasText: 'Showing' }).textContent())?.match(/of (\d+)/)?.[1]);

    await openssl.getByRole('button', { name: 'Accept → draft (CVE-2024-9143)' }).click();
    // The queue shrinks at once, without a reload; the undo offer links to the new draft.
    await openssl.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: 'Showing' }).textContent()).toContain(`of ${before - 1} pending`);
    const done = page.getByRole('status').filter({ hasText: 'Accepted CVE-2024-9143 into draft' });
    await done.getByRole('button', { name: 'Undo' }).waitFor();
    await done.getByRole('link', { name: /^Edit draft \d+$/ }).click();

    await page.getByRole('heading', { level: 1, name: /^Edit draft: openssl/ }).waitFor();
    const draftPath = new URL(page.url()).pathname;
    expect(draftPath).toMatch(/^\/advisories\/\d+\/edit$/);
    expect(await page.getByRole('table', { name: 'Packages' }).textContent()).toContain('openssl');
    expect(await page.getByLabel('nixos-unstable').inputValue()).toBe('affected');
    expect(await page.getByRole('region', { name: 'Maintainers' }).textContent()).toContain('@thillux');
    // No pull request is linked yet: the draft's channel is not fixed; the team can comment on the draft.
    await page.getByRole('list', { name: 'Fix status per channel' }).getByText('Fix status: Not fixed', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Comments' }).getByText('No comment yet.').waitFor();
    expect(await page.getByRole('region', { name: 'Comments' }).getByLabel('Your comment').isVisible()).toBe(true);
    const cves = page.getByRole('region', { name: 'CVEs' });
    expect(await cves.getByRole('link', { name: 'NVD entry of CVE-2024-9143' }).getAttribute('href')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-9143');

    // A second tab saves first: this tab's save is refused as a conflict, never applied.
    const other = await page.context().newPage();
    await other.goto(`${w.t.url}${draftPath}`);
    await other.getByLabel('Title').fill('openssl: changed in another tab');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await other.close();

    await page.getByLabel('Title').fill('openssl: out-of-bounds access in low-level GF(2^m) APIs');
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'changed by someone else' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Reload the draft' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Title').inputValue()).toBe('openssl: changed in another tab');

    await page.getByLabel('Title').fill('openssl: out-of-bounds access in low-level GF(2^m) APIs');
    await page.getByLabel('Severity').selectOption('low');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Edit draft: openssl: out-of-bounds access in low-level GF(2^m) APIs' }).waitFor();

    // The server checks a handle on GitHub and its refusal is shown as it is.
    await page.getByLabel('GitHub handle').fill('no-such-person');
    await page.getByRole('button', { name: 'Add maintainer' }).click();
    await page.getByRole('alert').filter({ hasText: 'no-such-person' }).waitFor();

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'draft-editor');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\/advisories\/NIXPKGS-/);
    await page.getByRole('heading', { level: 1, name: 'openssl: out-of-bounds access in low-level GF(2^m) APIs', exact: true }).waitFor();
    publicId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    expect(publicId).toMatch(/^NIXPKGS-\d{4}-0001$/);
    expect(await page.getByRole('main').getByText('Published', { exact: true }).first().isVisible()).toBe(true);

    const issues = w.github.issues(ADVISORY_REPOSITORY);
    expect(issues).toHaveLength(1);
    expect(issues[0].title).toContain(publicId);
    const issueLink = page.getByRole('link', { name: `${ADVISORY_REPOSITORY}#${issues[0].number}` });
    expect(await issueLink.getAttribute('href')).toBe(`https://github.com/${ADVISORY_REPOSITORY}/issues/${issues[0].number}`);
    expect(await page.getByRole('table', { name: 'Activity' }).textContent()).toContain('advisory.published');
    // The refused edits (CONFLICT 409, unknown handle 400) are answered with their HTTP status, which chromium logs.
    expect(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 40[09]/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('dismisses a suggestion with a reason (a comment is required for "other") and undoes it', async () => {
    const { page, consoleErrors } = await openAsTeam('/suggestions');
    const curl = suggestionOf(page, 'CVE-2023-38545');
    await curl.waitFor();

    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545…' }).click();
    const reason = curl.getByLabel('Reason');
    expect(await reason.evaluate((node) => node === document.activeElement)).toBe(true);
    await reason.selectOption('other');
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545', exact: true }).click();
    await curl.getByRole('alert').filter({ hasText: 'comment' }).waitFor();
    await curl.getByLabel(/^Comment/).fill('curl in Nixpkgs is built without SOCKS5 hostname resolution');
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545', exact: true }).click();
    await curl.waitFor({ state: 'detached' });

    const done = page.getByRole('status').filter({ hasText: 'Dismissed CVE-2023-38545 (other).' });
    await done.getByRole('button', { name: 'Undo' }).click();
    await suggestionOf(page, 'CVE-2023-38545').waitFor();
    await page.getByRole('status').filter({ hasText: 'Undone: suggestion.dismissed' }).waitFor();

    // Bulk: select two, dismiss both with one reason, then undo both at once.
    const first = page.getByRole('article').nth(0);
    const second = page.getByRole('article').nth(1);
    const ids = [await first.getAttribute('id'), await second.getAttribute('id')];
    await first.getByRole('checkbox', { name: /^Select/ }).check();
    await second.getByRole('checkbox', { name: /^Select/ }).check();
    const bulk = page.getByRole('region', { name: 'Selected suggestions' });
    await bulk.getByRole('button', { name: 'Dismiss 2…' }).click();
    await bulk.getByLabel('Reason').selectOption('duplicate');
    await bulk.getByRole('button', { name: 'Dismiss 2', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Dismissed 2 suggestions (duplicate).' }).waitFor();
    for (const id of ids) expect(await page.locator(`#${id}`).count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    for (const id of ids) await page.locator(`#${id}`).waitFor();

    // A dismissed suggestion is restored from the dismissed list.
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545…' }).click();
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545', exact: true }).click();
    await curl.waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: 'Dismissed' }).check();
    await curl.getByRole('button', { name: 'Restore to pending (CVE-2023-38545)' }).click();
    await page.getByRole('status').filter({ hasText: 'Restored CVE-2023-38545 to the pending queue.' }).waitFor();
    expect(await curl.count()).toBe(0);
    await page.getByRole('radio', { name: 'Pending' }).check();
    await curl.waitFor();

    // A refusal puts the suggestion back (optimistic UI rolled back) and shows the server's message.
    await page.route('**/graphql', async (route) => {
      if (/\bmutation DismissSuggestions\b/.test(route.request().postDataJSON()?.query ?? '')) {
        await route.fulfill({ json: { errors: [{ message: 'CVE-2023-38545 was triaged by someone else meanwhile.' }] } });
      } else await route.continue();
    });
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545…' }).click();
    await curl.getByRole('button', { name: 'Dismiss CVE-2023-38545', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'triaged by someone else meanwhile' }).waitFor();
    await curl.waitFor();

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'suggestions-triage');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('triages with the keyboard: j moves, d opens the reason picker, ? shows the keys', async () => {
    const { page, consoleErrors } = await openAsTeam('/suggestions');
    const articles = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');
    await articles.first().waitFor();
    await page.locator('body').press('j');
    const firstId = await articles.first().getAttribute('id');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(firstId);
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await articles.nth(1).getAttribute('id'));
    await page.keyboard.press('d');
    const picker = articles.nth(1).getByLabel('Reason');
    await picker.waitFor();
    expect(await picker.evaluate((node) => node === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await page.getByRole('region', { name: 'Keyboard shortcuts' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  const COMMENT = 'The backport to 24.11 is in review; nixos-unstable has the patch.';

  it('posts a comment on the published advisory, shown at once; a refusal is shown and keeps the text', async () => {
    const { page, consoleErrors } = await openAsTeam(`/advisories/${publicId}`);
    const comments = page.getByRole('region', { name: 'Comments' });
    await comments.getByText('No comment yet.').waitFor();
    const body = comments.getByLabel('Your comment');
    const post = comments.getByRole('button', { name: 'Post comment' });
    expect(await post.isDisabled()).toBe(true);

    // The server's refusal is shown as it is and the text stays in the field.
    await page.route('**/graphql', async (route) => {
      if (/\bmutation PostComment\b/.test(route.request().postDataJSON()?.query ?? '')) {
        await route.fulfill({ json: { errors: [{ message: 'You maintain none of the packages of this advisory.' }] } });
      } else await route.continue();
    });
    await body.fill(COMMENT);
    await post.click();
    await comments.getByRole('alert').filter({ hasText: 'You maintain none of the packages of this advisory.' }).waitFor();
    expect(await body.inputValue()).toBe(COMMENT);
    await page.unrouteAll();

    await post.click();
    await comments.getByRole('status').filter({ hasText: 'Comment posted.' }).waitFor();
    const posted = comments.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    await posted.filter({ hasText: COMMENT }).waitFor();
    expect(await posted.count()).toBe(1);
    expect(await posted.textContent()).toMatch(/^demo-security · \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(await body.inputValue()).toBe('');
    expect(await comments.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Activity' }).textContent()).toContain('advisory.commented');
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'advisory-comments');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('comments on a suggestion from its CVE page; the comment stays after a reload', async () => {
    const { page, consoleErrors } = await openAsTeam('/cve/CVE-2023-38545');
    const suggestion = page.getByRole('region', { name: 'Suggested packages' });
    const comments = suggestion.getByRole('group', { name: 'Comments' });
    await comments.getByText('No comment yet.').waitFor();
    const text = 'Only builds with the SOCKS5 proxy enabled; our curl 8.14.1 is newer than the fix.';
    await comments.getByLabel('Your comment').fill(text);
    await comments.getByRole('button', { name: 'Post comment' }).click();
    await comments.getByRole('status').filter({ hasText: 'Comment posted.' }).waitFor();
    const listed = comments.getByRole('list', { name: 'Comments' }).getByRole('listitem');
    expect(await listed.count()).toBe(1);
    expect(await listed.textContent()).toMatch(new RegExp(`^demo-security · .*${text.replace(/[.]/g, '\\.')}$`));
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');

    // The queue says the suggestion has a comment and links to it.
    await page.goto(`${w.t.url}/suggestions`);
    const count = suggestionOf(page, 'CVE-2023-38545').getByRole('link', { name: '1 comment on CVE-2023-38545' });
    await count.click();
    await page.waitForURL(/\/cve\/CVE-2023-38545#cve-suggestion-comments$/);
    await comments.getByRole('list', { name: 'Comments' }).getByText(text).waitFor();
    expect(await comments.getByRole('list', { name: 'Comments' }).getByRole('listitem').count()).toBe(1);
    // Scrolled to the comments (the CVE page is longer than the window).
    const top = await page.getByRole('heading', { name: 'Comments', level: 3 }).evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThan(-1);
    expect(top).toBeLessThan(page.viewportSize()!.height);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows anonymous visitors the published advisory but no triage or edit controls', async () => {
    const { page, consoleErrors } = await open(`/advisories/${publicId}`);
    await page.getByRole('heading', { level: 1, name: 'openssl: out-of-bounds access in low-level GF(2^m) APIs', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Channel status' }).textContent()).toContain('nixos-unstable');
    expect(await page.getByRole('link', { name: 'nixsec page of CVE-2024-9143' }).getAttribute('href')).toBe('/cve/CVE-2024-9143');
    expect(await page.getByRole('link', { name: /Edit/ }).count()).toBe(0);
    // Comments are public; the form to post one is not offered.
    const comments = page.getByRole('region', { name: 'Comments' });
    expect(await comments.getByRole('list', { name: 'Comments' }).textContent()).toContain(COMMENT);
    expect(await comments.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post comment' }).count()).toBe(0);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'advisory');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Advisories' }).click();
    await page.getByRole('link', { name: new RegExp(`^${publicId}:`) }).waitFor();
    expect(await page.getByRole('radio', { name: 'Draft' }).count()).toBe(0);

    await page.goto(`${w.t.url}/suggestions`);
    await page.getByRole('article').first().waitFor();
    expect(await page.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Dismiss/ }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Suggestions' }).getByRole('checkbox').count()).toBe(0); // no selection boxes (the filter form has one)
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
