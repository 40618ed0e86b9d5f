// Issue 10 benchmark: the JavaScript a browser must load before each public page shows (the entry
// chunk, the route's chunk and everything they import statically), gzip-compressed as served.
// Read from the production build's chunk graph (web/dist/.vite/manifest.json, written by
// `pnpm build`). Goal: ≤ 200 KB gzip for every public page. The baseline in the same run is the
// entry chunk alone (the shell every page shares), so the ratio shows what each route adds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './support/database.mjs';

const DIST = path.join(ROOT, 'web', 'dist');
const GOAL_KB = 200;
// Routes anyone can open without logging in (web/src/app/router.ts).
const PUBLIC_PAGES = {
  '/ (dashboard)': 'src/features/dashboard/DashboardPage.vue',
  '/suggestions': 'src/features/suggestions/SuggestionsPage.vue',
  '/cve/:id': 'src/features/cve/CvePage.vue',
  '/advisories': 'src/features/advisories/AdvisoryListPage.vue',
  '/advisories/:id': 'src/features/advisories/AdvisoryPage.vue',
  '/packages/:attr': 'src/features/packages/PackagePage.vue',
  '/maintainers/:github': 'src/features/maintainers/MaintainerPage.vue',
  '/pr/:number': 'src/features/pull-requests/PullRequestPage.vue',
  '/boot-chain': 'src/features/boot-chain/BootChainPage.vue',
};

const gzipKb = (file) => gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length / 1024;

/** The chunk and its static imports, transitively (dynamic imports load later, on demand). */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

export default async function webBundleBench({ log }) {
  const manifestFile = path.join(DIST, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run pnpm build (pnpm bench does, unless --no-build)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const size = (keys) => [...keys].reduce((sum, k) => sum + gzipKb(manifest[k].file), 0);
  const shell = size(closure(manifest, entry));
  const figures = [['baseline: entry chunk and its imports (the shell)', shell, 'KB gzip']];
  let largest = 0;
  for (const [route, source] of Object.entries(PUBLIC_PAGES)) {
    if (!manifest[source]) throw new Error(`${source} is not a chunk of the build: update PUBLIC_PAGES in bench/web-bundle.bench.mjs`);
    const total = size(new Set([...closure(manifest, entry), ...closure(manifest, source)]));
    largest = Math.max(largest, total);
    log(`${route}: ${total.toFixed(1)} KB`);
    figures.push([`${route}: initial JavaScript`, total, `KB gzip (${(total / shell).toFixed(2)} × shell)`]);
  }
  const all = Object.values(manifest).filter((c) => c.file.endsWith('.js')).reduce((sum, c) => sum + gzipKb(c.file), 0);
  figures.push(
    ['largest public page / goal', largest / GOAL_KB, `× (goal ≤ 1, ${GOAL_KB} KB)`],
    ['all JavaScript of the app (every route), for comparison', all, 'KB gzip'],
  );
  return { name: 'web bundle — initial JavaScript per public page (production build, gzip -9)', figures };
}
