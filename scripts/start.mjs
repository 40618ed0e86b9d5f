#!/usr/bin/env node
// `npm start`: install (lockfile), build, then serve UI + API on http://localhost:3000. Without
// DATABASE_URL the server starts an embedded PostgreSQL under .data/, migrates and loads demo data.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { build, installIfNeeded, ROOT } from './lib/pnpm.mjs';

installIfNeeded();
if (!process.argv.includes('--no-build')) build();

const child = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js'), 'serve'], {
  stdio: 'inherit',
  cwd: ROOT,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
