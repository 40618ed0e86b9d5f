import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { BootChainService } from '../../server/src/boot-chain/boot-chain.service';
import { startTestApp, TestApp } from '../../server/src/testing/test-app';
import { describeViolations, findSeriousAccessibilityViolations } from './support/accessibility';
import { assertWebBuildExists, DESKTOP, launchChromium, openPage, PHONE, saveScreenshot, Viewport } from './support/browser';

// Real Nix as in test/boot-chain/boot-chain.e2e-spec.ts: no daemon, every builder its own chroot
// store under a temporary directory, builds in Nix's sandbox with the host's /bin/sh, nothing substituted.
const NIX_CONFIG = ['build-users-group =', 'sandbox = true', 'sandbox-paths = /bin /lib /lib64 /usr', 'substituters =', 'experimental-features = nix-command'].join('\n');
const CHAIN = path.join(__dirname, '..', 'fixtures', 'boot-chain', 'chain');
const REVISION = 'b0075eed'.padEnd(40, '0');
const SYSTEM = execFileSync('nix', ['eval', '--raw', '--impure', '--expr', 'builtins.currentSystem'], { env: { ...process.env, NIX_CONFIG } }).toString();
const STATEMENT = `The ${SYSTEM} stdenv of Nixpkgs ${REVISION.slice(0, 12)} traces back to the seed, but only 3 of its 8 outputs were reproduced bit for bit by at least 2 independent builders; the weakest link is musl-source-1.2.5 (a fixed-output hash mismatch).`;

/** A derivation's node in the chain graph: a button named by the derivation. */
function chainNode(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Derivations, seeds first' }).getByRole('button', { name: new RegExp(`^${name.replace(/\./g, '\\.')}\\s*, stage `) });
}

const NIX_VERSION = execFileSync('nix', ['--version']).toString().trim().split(' ').pop()!;

describe('boot chain page in chromium (real Nix chain built on two chroot-store builders)', () => {
  let t: TestApp;
  let browser: Browser;
  let dir: string;
  let targetId: number;

  beforeAll(async () => {
    assertWebBuildExists();
    process.env.NIX_CONFIG = NIX_CONFIG;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-boot-chain-browser-'));
    t = await startTestApp({
      env: { NIXSEC_RUN_JOBS: 'true', NIXSEC_DATA_DIR: path.join(dir, 'data'), NIXSEC_BOOT_CHAIN_EVAL_STORE: path.join(dir, 'eval-store') },
    });
    const service = t.app.get(BootChainService);
    targetId = (await service.discover({ nixpkgs: CHAIN, revision: REVISION, system: SYSTEM, attr: 'stdenv' })).targetId;
    for (const name of ['builder-a', 'builder-b']) {
      await service.registerBuilder(
        {
          name,
          kind: 'local',
          operator: 'nixsec tests',
          host: {},
          nixVersion: null,
          publicKey: null,
          storeUri: path.join(dir, name),
          sshKeyFile: null,
          url: null,
          maxConcurrent: 2,
          timeoutSeconds: 300,
          systems: [SYSTEM],
          enabled: true,
        },
        false,
      );
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(url: string, viewport: Viewport = DESKTOP): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await openPage(browser, viewport);
    opened.page.setDefaultTimeout(15_000);
    await opened.page.goto(`${t.url}${url}`);
    return opened;
  }

  it('lets the security team build the chain on two builders and shows the trust report, the coloured graph and node details', async () => {
    const { page, consoleErrors } = await open(`/login?returnTo=${encodeURIComponent('/boot-chain')}`);
    await page.getByRole('button', { name: 'Demo login: security team user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boot chain' }).waitFor();

    // The chain is listed; choosing it gives a shareable URL.
    await page.getByRole('list', { name: 'Discovered chains' }).getByRole('link', { name: `stdenv · ${SYSTEM} · ${REVISION.slice(0, 12)}` }).click();
    await page.waitForURL(`**/boot-chain/${targetId}`);
    await page.getByRole('heading', { level: 2, name: 'Trust report' }).waitFor();
    expect(await chainNode(page, 'stdenv-linux').textContent()).toContain('Unbuilt');

    // Start builds on both builders (both chosen by default); the builds table follows without a reload.
    const controls = page.getByRole('region', { name: 'Build the chain' });
    expect(await controls.getByRole('checkbox', { name: /builder-a/ }).isChecked()).toBe(true);
    expect(await controls.getByRole('checkbox', { name: /builder-b/ }).isChecked()).toBe(true);
    await controls.getByRole('button', { name: 'Start builds' }).click();
    await controls.getByRole('status').filter({ hasText: 'Started: 16 builds planned, 4 queued now, 0 binary-cache imports.' }).waitFor();
    const builds = page.getByRole('region', { name: 'Builds', exact: true });
    await builds.getByRole('status').filter({ hasText: 'Updating every few seconds' }).waitFor();
    // hex0, kaem, mes, tinycc and gcc on both builders; the musl source fails its pinned hash on both; the rest waits.
    await builds.getByRole('status').filter({ hasText: /16 builds: .*succeeded 10/ }).filter({ hasText: /failed 2/ }).filter({ hasNotText: 'Updating' }).waitFor({ timeout: 170_000 });
    const buildsTable = builds.getByRole('table', { name: 'Builds' });
    const muslRows = buildsTable.getByRole('row').filter({ hasText: 'musl-source-1.2.5' });
    expect(await muslRows.count()).toBe(2);
    expect(await muslRows.first().textContent()).toMatch(/Failed.*fixed-output hash mismatch/);

    // The trust report: the statement, the seed, the count, the weakest link, the stage roll-up.
    const report = page.getByRole('region', { name: 'Trust report' });
    await report.getByText(STATEMENT, { exact: true }).waitFor();
    expect(await report.getByRole('definition').filter({ hasText: 'Yes' }).first().textContent()).toContain('✓ Yes');
    expect(await report.getByText('3 of 8').textContent()).toContain('3 of 8');
    expect(await report.textContent()).toContain('by at least 2 independent builders');
    const weakest = report.getByRole('definition').filter({ hasText: 'musl-source-1.2.5' });
    expect(await weakest.textContent()).toMatch(/musl-source-1\.2\.5.*Hash mismatch.*Stage musl · a fixed-output derivation did not produce its pinned hash/);
    const stages = report.getByRole('table', { name: 'Stages' });
    const stageRows = await stages.getByRole('rowheader').allTextContents();
    expect(stageRows).toEqual(['seed', 'stage0-posix', 'mes', 'tinycc', 'musl', 'gcc', 'stdenv']);
    expect(await stages.getByRole('row', { name: /^tinycc/ }).textContent()).toMatch(/tinycc1\s*0 of 1.*Nondeterministic: 1.*Nondeterministic/);
    expect(await stages.getByRole('row', { name: /^musl/ }).textContent()).toMatch(/Hash mismatch: 1.*Unbuilt: 1/);

    // Nodes carry their verdict in words, a symbol and a colour.
    expect(await chainNode(page, 'hex0').textContent()).toMatch(/hex0.*seed.*✓\s*Reproduced/);
    expect(await chainNode(page, 'tinycc-mes-0.9.28').textContent()).toMatch(/tinycc.*≠\s*Nondeterministic/);
    expect(await chainNode(page, 'musl-source-1.2.5').textContent()).toMatch(/✗\s*Hash mismatch/);
    expect(await chainNode(page, 'stdenv-linux').textContent()).toMatch(/○\s*Unbuilt/);
    const background = (name: string) => chainNode(page, name).evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(await background('hex0')).toBe('rgb(220, 243, 227)');
    expect(await background('tinycc-mes-0.9.28')).toBe('rgb(255, 228, 209)');
    expect(await background('musl-source-1.2.5')).toBe('rgb(253, 226, 226)');
    expect(await page.getByRole('list', { name: 'Verdict legend' }).textContent()).toMatch(/Nondeterministic \(2\).*Unbuilt \(2\).*Reproduced \(3\)/s);

    // A node opened with the keyboard shows its outputs and attestations; focus moves to the details.
    await chainNode(page, 'tinycc-mes-0.9.28').focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'tinycc-mes-0.9.28', exact: true });
    const heading = details.getByRole('heading', { level: 3, name: 'tinycc-mes-0.9.28' });
    await heading.waitFor();
    expect(await heading.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await chainNode(page, 'tinycc-mes-0.9.28').getAttribute('aria-pressed')).toBe('true');
    const attestations = details.getByRole('table', { name: 'Attestations of tinycc-mes-0.9.28 out' });
    const rows = attestations.getByRole('row').filter({ has: page.getByRole('cell') });
    expect(await rows.count()).toBe(2);
    const rowTexts = (await rows.allTextContents()).sort();
    // Each attestation says which Nix built it (detected on the builder: the installed one).
    expect(rowTexts[0]).toMatch(new RegExp(`^builder-a\\s*sha256-.*Own build\\s*build \\(built, not substituted\\), Nix ${NIX_VERSION.replace(/\./g, '\\.')}`));
    expect(rowTexts[1]).toMatch(/^builder-b\s*sha256-.*Own build/);
    // Two builders, two different hashes.
    const [hashA, hashB] = await attestations.getByRole('cell').filter({ hasText: 'sha256-' }).allTextContents();
    expect(hashA).not.toBe(hashB);
    expect(await details.textContent()).toMatch(/Distinct hashes\s*2/);
    await details.getByText('No two of the 2 builders got the same NAR hash.').waitFor();

    // From the details to an input, then the weakest link from the report: its build error and log.
    await details.getByRole('button', { name: 'mes-0.25' }).click();
    await page.getByRole('heading', { level: 3, name: 'mes-0.25', exact: true }).waitFor();
    await report.getByRole('button', { name: 'Show musl-source-1.2.5 in the chain' }).click();
    const musl = page.getByRole('region', { name: 'musl-source-1.2.5', exact: true });
    await musl.getByRole('heading', { level: 3, name: 'musl-source-1.2.5' }).waitFor();
    expect(await musl.textContent()).toMatch(/Expected hash\s*sha256-/);
    expect(await musl.getByRole('list', { name: 'Builds of musl-source-1.2.5' }).textContent()).toMatch(/builder-a\s*Status: Failed.*fixed-output hash mismatch: the output hashes to sha256-fjKnLwv4Q/s);
    await musl.getByText('Log tail of builder-a').click();
    await musl.getByText(/hash mismatch in fixed-output derivation/).first().waitFor();
    // The full log is one click away, and it is the real Nix output.
    const logHref = await musl.getByRole('link', { name: 'Full build log of builder-a' }).getAttribute('href');
    const fullLog = await (await fetch(new URL(logHref!, page.url()))).text();
    expect(fullLog).toMatch(/building '.*musl-source-1\.2\.5\.drv'[\s\S]*got: +sha256-fjKnLwv4Q/);

    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'boot-chain');

    // Close puts focus back on the node in the graph.
    await musl.getByRole('button', { name: 'Close details of musl-source-1.2.5' }).click();
    expect(await chainNode(page, 'musl-source-1.2.5').evaluate((node) => node === document.activeElement)).toBe(true);

    // What waits on the failed source can be cancelled.
    await controls.getByRole('button', { name: 'Cancel builds' }).click();
    await controls.getByRole('status').filter({ hasText: 'Cancelled 4 unfinished builds.' }).waitFor();
    await builds.getByRole('status').filter({ hasText: /cancelled 4/ }).waitFor();
    expect(await controls.getByRole('button', { name: 'Cancel builds' }).isDisabled()).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('shows anonymous visitors the report and graph on a phone, without build controls', async () => {
    const { page, consoleErrors } = await open('/', PHONE);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Boot chain' }).click();
    await page.getByRole('link', { name: new RegExp(`^stdenv · ${SYSTEM}`) }).click();
    await page.getByRole('region', { name: 'Trust report' }).getByText(STATEMENT, { exact: true }).waitFor();
    expect(await chainNode(page, 'hex0').textContent()).toContain('Reproduced');
    expect(await page.getByRole('button', { name: 'Start builds' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel builds' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Build the chain' }).count()).toBe(0);
    // The graph and tables scroll inside their own regions; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await chainNode(page, 'hex0').click();
    const hex0 = page.getByRole('region', { name: 'hex0', exact: true });
    expect(await hex0.textContent()).toContain('sha256-6ooDw4UzLj8jjvwZvvDMdUUDLy/bhGbc44SqLiSocaU=');
    expect(await hex0.getByRole('table', { name: 'Attestations of hex0 out' }).getByRole('row').count()).toBe(3);
    expect(describeViolations(await findSeriousAccessibilityViolations(page))).toBe('');
    await saveScreenshot(page, 'boot-chain-phone');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
