import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { query, startAppWithGithub } from '../auth/support';
import { copyFixtures, ingester } from '../ingestion/support';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot, type Viewport } from './support/browser';

const ADMIN = { login: 'root-admin', id: 7001 };
const USER = { login: 'mallory', id: 7002 };
const MALFORMED_RECORD = 'CVE-2024-99999.json';

/** The header's account area (handle, role, "Log in" / "Log out"). */
function account(page: Page) {
  return page.getByRole('banner').getByRole('group', { name: 'Account' });
}

/** A Nix signing public key, name:base64 of the 32 raw Ed25519 bytes. */
function nixPublicKey(name: string): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return `${name}:${Buffer.from(jwk.x as string, 'base64url').toString('base64')}`;
}

describe('admin page and notification preferences in chromium (GitHub login against a fake GitHub)', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    assertWebBuildExists();
    fake = await startFakeGithubOAuth({ users: [ADMIN, USER] });
    t = await startAppWithGithub(fake, { NIXSEC_ADMIN_GITHUB_IDS: String(ADMIN.id) });
    // One CVE List ingestion: the fixtures and one record that is not JSON, which is quarantined.
    const dir = copyFixtures();
    try {
      fs.writeFileSync(path.join(dir, MALFORMED_RECORD), '{ "dataType": "CVE_RECORD", ');
      await ingester(t).ingest(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Job runs as the worker records them: one still running with its progress, one failed.
    await query(t, `INSERT INTO job_run (kind, status, attempt, started_at, progress) VALUES ('evaluation.import', 'running', 1, now() - interval '2 minutes', '{"read": 4000, "total": 9000, "quarantined": 2}')`);
    await query(
      t,
      `INSERT INTO job_run (kind, status, attempt, started_at, finished_at, error) VALUES ('ingestion.nvd', 'failed', 3, now() - interval '1 hour', now() - interval '59 minutes', 'NVD answered 503 Service Unavailable')`,
    );
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await fake?.close();
  });

  async function open(url: string, viewport: Viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${t.url}${url}`);
    return opened;
  }

  /** Logs in with GitHub (the fake approves as `login`) and lands on `returnTo`. */
  async function openAs(login: string, returnTo: string, viewport: Viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    fake.approveAs(login);
    const opened = await open(`/login?returnTo=${encodeURIComponent(returnTo)}`, viewport);
    await opened.page.getByRole('link', { name: 'Log in with GitHub' }).click();
    await account(opened.page).getByText(login).waitFor();
    await opened.page.waitForURL((url) => url.pathname === returnTo);
    return opened;
  }

  it('shows an admin the ingestion runs, quarantine, job runs and builders, and registers a builder whose token is shown once', async () => {
    const { page, consoleErrors } = await openAs(ADMIN.login, '/admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    expect(await page.title()).toBe('Admin · nixsec');
    expect(await account(page).textContent()).toContain('Admin');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).getAttribute('href')).toBe('/admin');

    // The CVE List run with its counts, and when it started and finished.
    const run = page.getByRole('table', { name: 'Ingestion runs', exact: true }).getByRole('row').filter({ hasText: 'cve-list' });
    await run.waitFor();
    expect(await run.textContent()).toMatch(/Completed/);
    expect(await run.textContent()).toMatch(/quarantined 1/);
    expect(await run.locator('time').count()).toBe(2);

    // The refused record, why, and when; filtering by source goes through the URL.
    const quarantine = page.getByRole('table', { name: 'Quarantine', exact: true });
    const refused = quarantine.getByRole('row').filter({ hasText: MALFORMED_RECORD });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/cve-list/);
    expect(await refused.textContent()).toMatch(/malformed-json/);
    expect(await refused.textContent()).toMatch(/once/);
    await page.getByLabel('Source', { exact: true }).fill('nvd');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/admin\?source=nvd$/);
    await page.getByText('No record from nvd is quarantined.').waitFor();
    await page.goBack();
    await refused.waitFor();
    expect(await page.getByLabel('Source', { exact: true }).inputValue()).toBe('');

    // Job runs: progress of the running one, error and attempt of the failed one; filtered by status.
    const jobs = page.getByRole('table', { name: 'Job runs', exact: true });
    const running = jobs.getByRole('row').filter({ hasText: 'evaluation.import' });
    const failed = jobs.getByRole('row').filter({ hasText: 'ingestion.nvd' });
    expect(await running.textContent()).toMatch(/Running.*read 4000, quarantined 2, total 9000/);
    expect(await failed.textContent()).toMatch(/Failed\s*3.*NVD answered 503 Service Unavailable/);
    await page.getByLabel('Status', { exact: true }).selectOption('FAILED');
    // The table may show its loading state between the two answers: wait for the filtered rows, not just the removal.
    await running.waitFor({ state: 'detached' });
    await failed.waitFor();
    expect(await running.count()).toBe(0);
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await running.waitFor();

    // Builders: none yet. A malformed public key is refused with the server's reason.
    await page.getByRole('region', { name: 'Builders', exact: true }).getByText('No builder is registered.').waitFor();
    const form = page.getByRole('form', { name: 'Register a builder' });
    await form.getByLabel('Name', { exact: true }).fill('attester-1');
    await form.getByLabel('Kind', { exact: true }).selectOption('external');
    await form.getByLabel('Operator', { exact: true }).fill('Alice');
    await form.getByLabel('Public key', { exact: true }).fill('attester-1:dG9vIHNob3J0');
    await form.getByLabel('Parallel builds').fill('2');
    await form.getByLabel('Timeout (seconds)').fill('3600');
    expect(await form.getByLabel('Issue a new submission token').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Register builder' }).click();
    await form.getByRole('alert').filter({ hasText: 'an Ed25519 key has 32' }).waitFor();
    expect(await page.getByRole('region', { name: /^Submission token/ }).count()).toBe(0);

    await form.getByLabel('Public key', { exact: true }).fill(nixPublicKey('attester-1'));
    await form.getByRole('button', { name: 'Register builder' }).click();
    const secret = page.getByRole('region', { name: 'Submission token of builder “attester-1”' });
    await secret.waitFor();
    expect(await secret.getByRole('alert').textContent()).toContain('shown only this once');
    const token = await secret.getByLabel('Builder token').inputValue();
    expect(token).toMatch(/^nxb_/);
    expect(await form.getByRole('alert').count()).toBe(0);
    const builder = page.getByRole('region', { name: 'Builders', exact: true }).getByRole('row').filter({ hasText: 'attester-1' });
    await builder.waitFor();
    expect((await builder.getByRole('cell').allTextContents()).map((s) => s.trim())).toEqual(['attester-1', 'external', 'server store', 'Alice', 'unknown', 'any', '2', 'Yes', 'Yes']);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'admin');

    // The token is the builder's: the attestation endpoint accepts it (and complains about the body), not a made-up one.
    const drv = `${'a'.repeat(32)}-hello-1.0.drv`;
    await request(t.url).post(`/attestation/${drv}`).set('Authorization', 'Bearer nxb_made-up').send({}).expect(401);
    const accepted = await request(t.url).post(`/attestation/${drv}`).set('Authorization', `Bearer ${token}`).send({});
    expect(accepted.status).not.toBe(401);

    // Never shown again.
    await page.reload();
    await builder.waitFor();
    expect(await page.getByRole('region', { name: /^Submission token/ }).count()).toBe(0);
    expect(await page.getByText(token).count()).toBe(0);
    expect(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('keeps the admin page within a 375px wide phone screen', async () => {
    const { page } = await openAs(ADMIN.login, '/admin', PHONE);
    await page.getByRole('table', { name: 'Quarantine', exact: true }).waitFor();
    await page.getByRole('form', { name: 'Register a builder' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'admin-375');
    await page.context().close();
  });

  it('refuses the admin page to other users and sends visitors to log in', async () => {
    const visitor = await open('/admin');
    await visitor.page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    expect(new URL(visitor.page.url()).searchParams.get('returnTo')).toBe('/admin');
    expect(await visitor.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await visitor.page.context().close();

    const { page, consoleErrors } = await openAs(USER.login, '/admin');
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    await page.getByText('The admin page is open to nixsec admins only').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Register a builder' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('saves notification preferences, keeps them after a reload, and shows a failed save', async () => {
    const { page, consoleErrors } = await openAs(USER.login, '/subscriptions');
    const preferences = page.getByRole('region', { name: 'Notification preferences', exact: true });
    const maintained = preferences.getByRole('checkbox', { name: 'Packages I maintain' });
    const followed = preferences.getByRole('checkbox', { name: 'Packages and channels I follow' });
    await maintained.waitFor();
    // All on until changed; this server has no SMTP, so no digest is offered.
    expect([await maintained.isChecked(), await followed.isChecked()]).toEqual([true, true]);
    expect(await preferences.getByRole('checkbox', { name: /digest/ }).count()).toBe(0);
    await preferences.getByText('This server sends no e-mail').waitFor();

    await followed.uncheck();
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByRole('status').filter({ hasText: 'Preferences saved.' }).waitFor();
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'subscriptions-preferences');

    await page.reload();
    await maintained.waitFor();
    expect([await maintained.isChecked(), await followed.isChecked()]).toEqual([true, false]);

    // A save the API never gets is an error, and nothing claims it was saved.
    await page.route('**/graphql', (route) =>
      (route.request().postData() ?? '').includes('SetNotificationPreferences') ? route.abort('connectionrefused') : route.continue(),
    );
    await maintained.uncheck();
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await preferences.getByRole('alert').filter({ hasText: 'Cannot reach the nixsec API' }).waitFor();
    expect(await preferences.getByText('Preferences saved.').count()).toBe(0);
    await page.unroute('**/graphql');
    await page.reload();
    await maintained.waitFor();
    expect([await maintained.isChecked(), await followed.isChecked()]).toEqual([true, false]);
    expect(consoleErrors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await page.context().close();
  });
});
