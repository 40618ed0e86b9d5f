#!/usr/bin/env node
// `npm test`: install, build, lint, type-check, the web app's component tests (vitest), then every jest
// project (server, e2e, browser); arguments go to jest. Ends with one plain summary line
// "tests: N passed, N failed" (vitest and jest added up) and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, installIfNeeded, pnpm, ROOT } from './lib/pnpm.mjs';

function step(title, fn) {
  const started = Date.now();
  console.error(`\n=== ${title}`);
  const ok = fn();
  console.error(`=== ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const deps = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-system-deps.sh')], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);
installIfNeeded();
build();

const failures = [];
if (!step('lint (eslint)', () => pnpm(['run', 'lint'], { allowFailure: true }) === 0)) failures.push('lint');
if (!step('type-check', () => pnpm(['run', 'typecheck'], { allowFailure: true }) === 0)) failures.push('typecheck');

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-test-'));
const colour = { FORCE_COLOR: process.env.CI ? '0' : '1' };

const vitestReport = path.join(reports, 'vitest.json');
const vitestOk = step('component tests (vitest, web)', () =>
  pnpm(['--filter', './web', 'run', 'test', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], {
    allowFailure: true,
    env: colour,
  }) === 0,
);
if (!vitestOk) failures.push('vitest');

const report = path.join(reports, 'report.json');
const jestOk = step('jest', () => {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
    { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...colour } },
  );
  return r.status === 0;
});
if (!jestOk) failures.push('jest');

/** A runner's passed and failed counts from its JSON report; a failed run counts at least one failure. */
function counts(reportFile, ok, read) {
  const { passed, failed } = fs.existsSync(reportFile) ? read(JSON.parse(fs.readFileSync(reportFile, 'utf8'))) : { passed: 0, failed: 0 };
  return { passed, failed: ok ? failed : Math.max(1, failed) };
}
const vitest = counts(vitestReport, vitestOk, (results) => ({
  passed: results.numPassedTests,
  // A test file that failed to load has no test results of its own: it counts once, as in jest.
  failed: results.numFailedTests + results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length,
}));
const jest = counts(report, jestOk, (results) => ({
  passed: results.numPassedTests,
  failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
}));
const passed = vitest.passed + jest.passed;
const failed = vitest.failed + jest.failed + failures.filter((f) => f !== 'jest' && f !== 'vitest').length;
if (failures.length) console.error(`\nFailed steps: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
