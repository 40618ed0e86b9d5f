import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { parseChannelName } from '../../server/src/ingestion/channels/channel-name';
import { CveListIngester } from '../../server/src/ingestion/cve-list/cve-list.ingester';
import { readEvalLines } from '../../server/src/ingestion/evaluations/eval-lines.reader';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot } from './support/browser';

const MAIN = path.resolve(__dirname, '..', '..', 'server', 'dist', 'main.js');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const CVE_FIXTURES = path.join(FIXTURES, 'cve');
/** Hand-made evaluation lines for real packages of universe.tsv.gz (see its README). */
const LINKED_PACKAGES = path.join(FIXTURES, 'linkage', 'browser', 'eval-linked-packages.jsonl');
// The fixture does not come from one evaluated commit; a fixed, recognisable stand-in.
const REVISION = 'b205e1000000000000000000000000000000b205';

/** Only the top-level records: the fixture folder also holds vulnrichment/, a README and provenance. */
const cveFixtureFiles = fs.readdirSync(CVE_FIXTURES).filter((name) => /^CVE-.*\.json$/.test(name));

/**
 * Real CVE records and real package rows through the production code paths of `nixsec ingest
 * cve-list` and `nixsec ingest eval`, then the `nixsec linkage run` command itself, in its own
 * process as an operator would run it (server/dist, built before the tests).
 */
async function seedLinkedData(t: TestApp, cveDir: string): Promise<void> {
  const pool = pgPool(t.app.get(DataSource));
  for (const name of cveFixtureFiles) fs.copyFileSync(path.join(CVE_FIXTURES, name), path.join(cveDir, name));
  await new CveListIngester(pool).ingest(cveDir);
  const evaluation = await new EvaluationImporter(pool).import(parseChannelName('nixos-unstable')!, REVISION, readEvalLines(LINKED_PACKAGES), {
    source: `file ${LINKED_PACKAGES}`,
  });
  expect(evaluation.counts.quarantined).toBe(0);
  const { stderr } = await promisify(execFile)(process.execPath, [MAIN, 'linkage', 'run'], {
    env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent', NIXSEC_RUN_JOBS: 'false' },
    timeout: 120_000,
  });
  expect(stderr).toMatch(/linked \d+ CVE\(s\): [1-9]\d* with suggestions/);
}

/** The queue entry of one CVE: the article named by its heading. */
function suggestionOf(page: Page, cveId: string): Locator {
  return page.getByRole('article', { name: cveId, exact: true });
}

/** One suggested package: the list item holding its level-3 heading. */
function packageOf(scope: Locator, displayAttr: string): Locator {
  return scope.getByRole('listitem').filter({ has: scope.page().getByRole('heading', { level: 3, name: displayAttr, exact: true }) });
}

describe('linkage results (suggestions queue and CVE page) in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let cveDir: string;

  beforeAll(async () => {
    assertWebBuildExists();
    expect(cveFixtureFiles.length).toBeGreaterThan(0);
    cveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-cve-'));
    t = await startTestApp();
    await seedLinkedData(t, cveDir);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (cveDir) fs.rmSync(cveDir, { recursive: true, force: true });
  });

  async function open(url: string, viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${t.url}${url}`);
    return opened;
  }

  it('lists pending suggestions with their packages, verdicts and explanations', async () => {
    const { page, consoleErrors } = await open('/suggestions');

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Suggestions');
    expect(await page.getByRole('radio', { name: 'Pending' }).isChecked()).toBe(true);
    const curlCve = suggestionOf(page, 'CVE-2023-38545');
    await curlCve.waitFor();
    expect(await page.title()).toBe('Suggestions · nixsec');
    expect(await page.getByRole('status').filter({ hasText: 'Showing' }).textContent()).toMatch(/Showing \d+ of \d+ pending suggestions/);

    // At a glance: the CVE links to its page, the package has a verdict and its channel versions.
    const cveLink = curlCve.getByRole('heading', { level: 2 }).getByRole('link', { name: 'CVE-2023-38545' });
    expect(await cveLink.getAttribute('href')).toBe('/cve/CVE-2023-38545');
    const curl = packageOf(curlCve, 'curl');
    expect(await curl.textContent()).toMatch(/Version verdict: Unknown/);
    expect(await curl.textContent()).toContain('nixos-unstable: 8.14.1');
    expect(await curl.textContent()).toContain('Also as curlMinimal');

    // "Why" opens the reasons and the per-channel version comparison.
    const why = curl.getByRole('button', { name: /^Why/ });
    expect(await why.getAttribute('aria-expanded')).toBe('false');
    const explanation = page.locator(`#${await why.getAttribute('aria-controls')}`);
    expect(await explanation.isVisible()).toBe(false);
    await why.click();
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    await explanation.waitFor({ state: 'visible' });
    const reason = explanation.getByRole('list', { name: 'What matched' }).getByRole('listitem').first();
    expect(await reason.textContent()).toContain('CNA affected product "curl" (vendor "curl")');
    expect(await reason.textContent()).toContain(`"curl" is curl's name`);
    expect(await reason.textContent()).toMatch(/Rule name · confidence \d+%/);
    const versions = explanation.getByRole('table', { name: 'Version verdicts' });
    const curlMinimalRow = versions.getByRole('row', { name: /curlMinimal/ });
    expect(await curlMinimalRow.textContent()).toMatch(/curlMinimal.*nixos-unstable.*8\.14\.1.*Unknown.*8\.14\.1:/);

    // A match by a name in the description only says so.
    const ffmpeg = packageOf(suggestionOf(page, 'CVE-2016-1897'), 'ffmpeg');
    expect(await ffmpeg.textContent()).toContain('Doubt: matched by a name in the description only');

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'suggestions');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('switches to dismissed suggestions and shows why they were dismissed', async () => {
    const { page, consoleErrors } = await open('/suggestions');
    await suggestionOf(page, 'CVE-2023-38545').waitFor();

    await page.getByRole('radio', { name: 'Dismissed' }).check();

    const xzCve = suggestionOf(page, 'CVE-2024-3094');
    await xzCve.waitFor();
    expect(new URL(page.url()).search).toBe('?status=dismissed');
    expect(await suggestionOf(page, 'CVE-2023-38545').count()).toBe(0);
    const dismissal = (await xzCve.textContent()) ?? '';
    expect(dismissal).toContain('Dismissed automatically: No packaged version affected');
    expect(dismissal).toContain('not-affected');
    expect(dismissal).toContain('no packaged version is affected (e.g. xz 5.8.1');
    expect(await packageOf(xzCve, 'xz').textContent()).toContain('Version verdict: Not affected');

    // The filter is in the URL: back returns to the pending queue.
    await page.goBack();
    await suggestionOf(page, 'CVE-2023-38545').waitFor();
    expect(await page.getByRole('radio', { name: 'Pending' }).isChecked()).toBe(true);

    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('filters and orders the queue, keeping the filter in the URL', async () => {
    const { page, consoleErrors } = await open('/suggestions');
    await suggestionOf(page, 'CVE-2023-38545').waitFor();
    const filters = page.getByRole('search', { name: 'Filter the queue' });

    await filters.getByLabel('Search').fill('SOCKS5 proxy');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/text=SOCKS5/);
    await page.getByRole('status').filter({ hasText: 'Showing 1 of 1 pending suggestion.' }).waitFor();
    expect(await suggestionOf(page, 'CVE-2023-38545').count()).toBe(1);
    expect(await suggestionOf(page, 'CVE-2024-9143').count()).toBe(0);

    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await filters.getByLabel('Severity at least').selectOption('critical');
    await filters.getByLabel('Order').selectOption('severity');
    await filters.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/minSeverity=critical/);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('severity');
    await suggestionOf(page, 'CVE-2024-32002').waitFor();
    expect(await page.getByRole('list', { name: 'Suggestions' }).getByRole('article').count()).toBe(1);

    // A shared link opens the same filtered queue.
    await page.goto(`${t.url}/suggestions?cveYear=2018`);
    await suggestionOf(page, 'CVE-2018-14618').waitFor();
    expect(await page.getByRole('list', { name: 'Suggestions' }).getByRole('article').count()).toBe(1);
    expect(await page.getByRole('search', { name: 'Filter the queue' }).getByLabel('CVE year').inputValue()).toBe('2018');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows a CVE with its record and the explained suggestion', async () => {
    const { page, consoleErrors } = await open('/cve/CVE-2024-9680');

    await page.getByRole('heading', { level: 1, name: 'CVE-2024-9680' }).waitFor();
    const suggestion = page.getByRole('region', { name: 'Suggested packages' });
    await suggestion.waitFor();
    expect(await page.title()).toBe('CVE-2024-9680 · nixsec');

    // The record: description, score, affected products with version ranges, references.
    const record = page.getByRole('region', { name: 'Record' });
    expect(await record.textContent()).toContain('use-after-free in Animation timelines');
    expect(await record.textContent()).toMatch(/Critical 9\.8/);
    const affected = page.getByRole('region', { name: 'Affected products' }).getByRole('table', { name: 'Affected products' });
    expect(await affected.getByRole('row', { name: /Thunderbird/ }).first().textContent()).toMatch(/Mozilla.*Thunderbird.*< 131\.0\.1/);
    const references = page.getByRole('region', { name: 'References' });
    expect(await references.getByRole('link', { name: /mozilla\.org/ }).count()).toBeGreaterThan(0);

    // The suggestion: firefox and thunderbird package groups, each with its explanation.
    const firefox = packageOf(suggestion, 'firefox');
    const thunderbird = packageOf(suggestion, 'thunderbird-bin');
    expect(await firefox.textContent()).toContain('Also as firefox-esr');
    expect(await thunderbird.textContent()).toContain('nixos-unstable: 143.0');
    for (const pkg of [firefox, thunderbird]) {
      const why = pkg.getByRole('button', { name: /^Why/ });
      await why.click();
      const explanation = page.locator(`#${await why.getAttribute('aria-controls')}`);
      await explanation.waitFor({ state: 'visible' });
      expect(await explanation.getByRole('list', { name: 'What matched' }).textContent()).toMatch(/affected product "(Firefox|Thunderbird)" \(vendor "Mozilla"\)/);
      expect(await explanation.getByRole('table', { name: 'Version verdicts' }).textContent()).toMatch(/newer than every affected version listed/);
    }
    expect(await suggestion.textContent()).toContain('Dismissed automatically: No packaged version affected');

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'cve-CVE-2024-9680');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('pages through the queue with "Load more", moving focus to the first new suggestion', async () => {
    const opened = await openPage(browser, DESKTOP);
    const { page, consoleErrors } = opened;
    page.setDefaultTimeout(15_000);
    // The fixture has fewer suggestions than a page; ask the real server for pages of two instead.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (typeof body?.query === 'string' && /\bquery SuggestionQueue\b/.test(body.query)) body.variables.first = 2;
      await route.continue({ postData: JSON.stringify(body) });
    });
    await page.goto(`${t.url}/suggestions`);

    const queue = page.getByRole('list', { name: 'Suggestions' });
    const articles = queue.getByRole('article');
    await articles.first().waitFor();
    expect(await articles.count()).toBe(2);
    const total = Number((await page.getByRole('status').filter({ hasText: 'Showing' }).textContent())?.match(/of (\d+)/)?.[1]);
    expect(total).toBeGreaterThan(4);

    const loadMore = page.getByRole('button', { name: /^Load more/ });
    expect(await loadMore.textContent()).toBe(`Load more (${total - 2} remaining)`);
    await loadMore.click();
    await articles.nth(2).waitFor();
    expect(await articles.count()).toBe(4);
    const third = await articles.nth(2).getAttribute('id');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(third);

    while (await loadMore.isVisible()) {
      const before = await articles.count();
      await loadMore.click();
      await articles.nth(before).waitFor();
    }
    expect(await articles.count()).toBe(total);
    expect(await page.getByRole('status').filter({ hasText: 'Showing' }).textContent()).toContain(`Showing ${total} of ${total} pending`);
    const ids = await articles.evaluateAll((nodes) => nodes.map((node) => node.id));
    expect(new Set(ids).size).toBe(total);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('goes from the dashboard to the queue and from the queue to a CVE page with the keyboard', async () => {
    const { page, consoleErrors } = await open('/');
    const pending = page.getByRole('main').getByRole('link', { name: /\d+ pending suggestions?/ });
    await pending.waitFor();
    await pending.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Suggestions' }).waitFor();

    const link = suggestionOf(page, 'CVE-2023-38545').getByRole('link', { name: 'CVE-2023-38545' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'CVE-2023-38545' }).waitFor();
    await packageOf(page.getByRole('region', { name: 'Suggested packages' }), 'curl').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suggestions' }).isVisible()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('looks up a CVE by id and says when nixsec has no record of it', async () => {
    const { page, consoleErrors } = await open('/cve');
    await page.getByRole('heading', { level: 1, name: 'Look up a CVE' }).waitFor();

    await page.getByLabel('CVE id').fill('not a cve');
    await page.getByRole('button', { name: 'Open' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a CVE id such as CVE-2024-3094');

    await page.getByLabel('CVE id').fill(' cve-2099-0001 ');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'CVE-2099-0001' }).waitFor();
    await page.getByText('nixsec has no record of CVE-2099-0001').waitFor();
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');

    // A rejected record is marked as such, and the linker suggests nothing for it.
    await page.getByLabel('CVE id').fill('CVE-2023-5129');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('heading', { level: 1, name: 'CVE-2023-5129' }).waitFor();
    const suggestion = page.getByRole('region', { name: 'Suggested packages' });
    await suggestion.waitFor();
    expect(await page.getByRole('main').getByText('Rejected', { exact: true }).isVisible()).toBe(true);
    expect(await suggestion.textContent()).toContain('No suggestion');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps the queue and the CVE page within a 375px wide phone screen', async () => {
    for (const url of ['/suggestions', '/cve/CVE-2024-9143']) {
      const { page } = await open(url, PHONE);
      await page.getByRole('button', { name: /^Why/ }).first().waitFor();
      await page.getByRole('button', { name: /^Why/ }).first().click();
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
      await saveScreenshot(page, `${url.split('/')[1]}-375`);
      await page.context().close();
    }
  });
});
