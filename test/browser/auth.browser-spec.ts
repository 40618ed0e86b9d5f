import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot } from './support/browser';

/** The header's account area (handle, role, "Log in" / "Log out"). */
function account(page: Page) {
  return page.getByRole('banner').getByRole('group', { name: 'Account' });
}

/** The security-team-only controls of the mapping rules page. */
function ruleControls(page: Page) {
  return {
    form: page.getByRole('form', { name: 'Add a rule' }),
    remove: page.getByRole('button', { name: /^Remove rule/ }),
  };
}

async function demoLogin(page: Page, label: 'security team' | 'maintainer'): Promise<void> {
  await page.getByRole('heading', { level: 2, name: 'Demo login' }).waitFor();
  await page.getByRole('button', { name: `Demo login: ${label} user` }).click();
}

describe('login, roles and API tokens in chromium (demo mode)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuildExists();
    t = await startTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(url: string, viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${t.url}${url}`);
    return opened;
  }

  it('shows anonymous users "Log in" and no triage controls, and sends them to /login for their tokens', async () => {
    const { page, consoleErrors } = await open('/rules');
    await account(page).getByRole('link', { name: 'Log in' }).waitFor();
    await page.getByRole('main').getByText('No curated rule yet').waitFor();
    expect(await ruleControls(page).form.count()).toBe(0);
    expect(await account(page).getByRole('button', { name: 'Log out' }).count()).toBe(0);

    await page.goto(`${t.url}/settings/tokens`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    const loginUrl = new URL(page.url());
    expect([loginUrl.pathname, loginUrl.searchParams.get('returnTo')]).toEqual(['/login', '/settings/tokens']);
    // Demo mode: no GitHub OAuth configured, so only the clearly labelled demo users are offered.
    expect(await page.getByRole('link', { name: 'Log in with GitHub' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Demo login: maintainer user' }).waitFor();
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'login');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('logs in a demo security-team user, creates a token shown once, revokes it, and logs out', async () => {
    const { page, consoleErrors } = await open('/settings/tokens');
    await demoLogin(page, 'security team');

    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/tokens');
    await account(page).getByText('demo-security').waitFor();
    expect(await account(page).textContent()).toContain('Security team');
    await page.getByText('You have no API token yet.').waitFor();

    // Create: the mutation carries the session's CSRF token (the readable nixsec_csrf cookie's value).
    await page.getByLabel('Name').fill('triage script');
    await page.getByRole('radio', { name: /^triage/ }).check();
    await page.getByLabel('Expires after').selectOption('30');
    const mutation = page.waitForRequest((req) => req.url().endsWith('/graphql') && (req.postData() ?? '').includes('CreateApiToken'));
    await page.getByRole('button', { name: 'Create token' }).click();
    const csrfCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'nixsec_csrf');
    expect((await mutation).headers()['x-csrf-token']).toBe(csrfCookie?.value);

    const secretRegion = page.getByRole('region', { name: 'New token “triage script”' });
    await secretRegion.waitFor();
    expect(await secretRegion.getByRole('alert').textContent()).toContain('shown only this once');
    const secret = await secretRegion.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^nixsec_/);
    await secretRegion.getByRole('button', { name: 'Copy' }).click();
    // The clipboard answers asynchronously: wait for the outcome, whichever the browser allows.
    await secretRegion.getByRole('status').filter({ hasText: /Copied to the clipboard|did not allow copying/ }).waitFor();
    const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row', { name: /triage script/ });
    expect(await row.textContent()).toMatch(/triage script.*triage.*Active.*Never/);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'api-tokens-created');

    // The secret works as a bearer token, acting as its owner.
    const me = await request(t.url).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query: '{ me { login tokenScope } }' });
    expect(me.body.data.me).toEqual({ login: 'demo-security', tokenScope: 'triage' });

    // Revisiting the page never shows the secret again; the token stays listed.
    await page.reload();
    await row.waitFor();
    expect(await page.getByRole('region', { name: /^New token/ }).count()).toBe(0);
    expect(await page.getByText(secret).count()).toBe(0);

    await row.getByRole('button', { name: 'Revoke triage script' }).click();
    await row.getByRole('button', { name: 'Yes, revoke triage script' }).click();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await request(t.url).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query: '{ me { login } }' }).expect(401);

    await account(page).getByRole('button', { name: 'Log out' }).click();
    await account(page).getByRole('link', { name: 'Log in' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await account(page).getByText('demo-security').count()).toBe(0);
    await page.goto(`${t.url}/settings/tokens`);
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('lets the security team edit mapping rules and hides those controls from maintainers', async () => {
    const { page, consoleErrors } = await open('/login?returnTo=%2Frules');
    await demoLogin(page, 'security team');
    const controls = ruleControls(page);
    await controls.form.waitFor();
    await controls.form.getByLabel('Vendor', { exact: true }).fill('apache');
    await controls.form.getByLabel('Product', { exact: true }).fill('flex');
    await controls.form.getByLabel('Packages', { exact: true }).fill('flex');
    await controls.form.getByLabel('Note', { exact: true }).fill('Apache Flex is not GNU flex');
    await controls.form.getByRole('button', { name: 'Add rule' }).click();
    const rule = page.getByRole('table', { name: 'Mapping rules' }).getByRole('row', { name: /apache:flex is never flex/ });
    await rule.waitFor();
    expect(await rule.textContent()).toContain('demo-security');
    expect(await controls.remove.count()).toBe(1);
    await page.context().close();

    const maintainer = await open('/login?returnTo=%2Frules');
    await demoLogin(maintainer.page, 'maintainer');
    await account(maintainer.page).getByText('demo-maintainer').waitFor();
    expect(await account(maintainer.page).textContent()).toContain('Maintainer');
    await maintainer.page.getByRole('row', { name: /apache:flex is never flex/ }).waitFor();
    expect(await ruleControls(maintainer.page).form.count()).toBe(0);
    expect(await ruleControls(maintainer.page).remove.count()).toBe(0);
    // …and gets their own tokens page.
    await account(maintainer.page).getByRole('link', { name: 'API tokens' }).click();
    await maintainer.page.getByText('You have no API token yet.').waitFor();
    expect(consoleErrors).toEqual([]);
    expect(maintainer.consoleErrors).toEqual([]);
    await maintainer.page.context().close();
  });

  it('keeps the logged-in header within a 375px wide phone screen', async () => {
    const { page } = await open('/login', PHONE);
    await demoLogin(page, 'maintainer');
    await account(page).getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'header-logged-in-375');
    await page.context().close();
  });
});
