// `nixsec ingest cve-list <dir>` through the production code in server/dist, with progress lines
// (the linkage benchmark ingests up to 300k records; it does not time this part).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { openPool, root } from './linkage-common.mjs';

const require = createRequire(import.meta.url);
const { CveListIngester } = require(path.join(root, 'server', 'dist', 'ingestion', 'cve-list', 'cve-list.ingester.js'));

export default async function (url, dir, label = 'ingest') {
  const pool = openPool(url);
  const started = Date.now();
  let last = 0;
  let total = null;
  try {
    const summary = await new CveListIngester(pool).ingest(dir, {
      onTotal: (t) => (total = t),
      onProgress: (c) => {
        if (Date.now() - last < 10_000) return;
        last = Date.now();
        process.stderr.write(`${label}: ${c.read}${total ? `/${total}` : ''} records after ${Math.round((Date.now() - started) / 1000)}s\n`);
      },
    });
    return { counts: summary.counts };
  } finally {
    await pool.end();
  }
}
