#!/usr/bin/env node
// `pnpm bench`: builds, then runs every bench/*.bench.mjs against a real PostgreSQL and prints
// figures with their same-run baselines. Results also go to bench/results/latest.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, installIfNeeded, ROOT } from './lib/pnpm.mjs';

installIfNeeded();
if (!process.argv.includes('--no-build')) build();
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const { startBenchDatabases } = await import(pathToFileURL(path.join(ROOT, 'bench', 'support', 'database.mjs')).href);

const benches = fs.readdirSync(path.join(ROOT, 'bench')).filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)));
const databases = await startBenchDatabases();
const results = [];
try {
  for (const file of benches) {
    const { default: run } = await import(pathToFileURL(path.join(ROOT, 'bench', file)).href);
    const result = await run({ databases, log: (line) => console.error(`[${file}] ${line}`) });
    results.push(result);
    console.log(`\n${result.name}`);
    for (const [label, value, unit] of result.figures) {
      const shown = typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : value;
      console.log(`  ${label.padEnd(58)} ${String(shown).padStart(10)} ${unit}`);
    }
  }
} finally {
  await databases.stop();
}
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
