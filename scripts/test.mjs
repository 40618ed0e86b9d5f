#!/usr/bin/env node
// `npm test`: install, build, lint, type-check, then every jest project (server, e2e, browser).
// Ends with one plain summary line "tests: N passed, N failed" and a non-zero exit on any failure.
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

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-jest-')), 'report.json');
const jestOk = step('jest', () => {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
    { stdio: 'inherit', cwd: ROOT, env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } },
  );
  return r.status === 0;
});
if (!jestOk) failures.push('jest');

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const results = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
}
failed += failures.filter((f) => f !== 'jest').length;
if (failures.length) console.error(`\nFailed steps: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
