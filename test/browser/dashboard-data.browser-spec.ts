import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { ChannelSync } from '../../server/src/ingestion/evaluations/channel-sync';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { CveListIngester } from '../../server/src/ingestion/cve-list/cve-list.ingester';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot } from './support/browser';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const CVE_FIXTURES = path.join(FIXTURES, 'cve');
const EVAL_SAMPLE = path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl');
const REVISION = 'd616185828194210bfa0e51980d78a8bcd1246cc';

/** Only the top-level records: the fixture folder also holds vulnrichment/, a README and provenance. */
const cveFixtureFiles = fs.readdirSync(CVE_FIXTURES).filter((name) => /^CVE-.*\.json$/.test(name));
const evalSampleLines = fs.readFileSync(EVAL_SAMPLE, 'utf8').split('\n').filter(Boolean);

async function* iterate(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

/** Real data through the production ingesters, so the panels show what an operator would see. */
async function seedDashboardData(t: TestApp, cveDir: string): Promise<void> {
  const pool = pgPool(t.app.get(DataSource));
  for (const name of cveFixtureFiles) fs.copyFileSync(path.join(CVE_FIXTURES, name), path.join(cveDir, name));
  await new CveListIngester(pool).ingest(cveDir);
  const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };
  await new EvaluationImporter(pool).import(unstable, REVISION, iterate(evalSampleLines), { source: 'test' });
  // Importing an evaluation does not move the channel head; the channel sync does, from static heads here.
  await new ChannelSync(pool).sync({ tracked: 'nixos-unstable', monitoringUrl: 'http://unused.invalid', staticHeads: `nixos-unstable=${REVISION}` });
}

describe('the dashboard with ingested data, in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let cveDir: string;

  beforeAll(async () => {
    assertWebBuildExists();
    expect(cveFixtureFiles.length).toBeGreaterThan(0);
    cveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-cve-'));
    t = await startTestApp();
    await seedDashboardData(t, cveDir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (cveDir) fs.rmSync(cveDir, { recursive: true, force: true });
  });

  it('shows the ingestion run, the channel head and its evaluation', async () => {
    const { page, consoleErrors } = await openPage(browser, DESKTOP);
    page.setDefaultTimeout(15_000);
    await page.goto(t.url);

    const ingestion = page.getByRole('region', { name: 'Latest ingestion runs' }).getByRole('table');
    const cveListRun = ingestion.getByRole('row', { name: /cve-list/ });
    await cveListRun.waitFor();
    const cveListText = (await cveListRun.textContent()) ?? '';
    expect(cveListText).toContain('Completed');
    expect(cveListText).toContain(`new ${cveFixtureFiles.length},`);

    const channels = page.getByRole('region', { name: 'Channels', exact: true });
    const channelRow = channels.getByRole('table', { name: /Known channels/ }).getByRole('row', { name: /nixos-unstable/ });
    await channelRow.waitFor();
    expect(await channelRow.textContent()).toMatch(/nixos-unstable.*unstable.*yes.*d61618582819/);
    const evaluationRow = channels.getByRole('table', { name: 'Latest evaluations' }).getByRole('row', { name: /nixos-unstable/ });
    expect(await evaluationRow.textContent()).toMatch(/d61618582819.*Completed.*lines 94, added 94/);

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'dashboard-with-data');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps the data panels within a 375px wide phone screen', async () => {
    const { page } = await openPage(browser, PHONE);
    page.setDefaultTimeout(15_000);
    await page.goto(t.url);
    await page.getByRole('table', { name: 'Latest evaluations' }).waitFor();
    await page.getByRole('region', { name: 'Latest ingestion runs' }).getByRole('table').waitFor();

    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'dashboard-with-data-375');
    await page.context().close();
  });
});
