// Baseline of the linkage benchmark: a raw SQL pass over the linker's inputs — every stored CVE
// source record's raw JSON (paged by key, 2000 rows a query, as the linker pages) and the
// current-packages query the package index is built from — with nothing parsed or matched.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { openPool, root } from './linkage-common.mjs';

const require = createRequire(import.meta.url);
const { CurrentPackagesReader } = require(path.join(root, 'server', 'dist', 'ingestion', 'evaluations', 'current-packages.reader.js'));

export default async function (url) {
  const pool = openPool(url);
  try {
    const s0 = process.hrtime.bigint();
    let rows = 0;
    let bytes = 0;
    let after = ['', ''];
    for (;;) {
      const page = await pool.query(
        `SELECT cve_id, source, raw_json FROM cve_source_record WHERE (cve_id, source) > ($1, $2) ORDER BY cve_id, source LIMIT 2000`,
        after,
      );
      if (page.rows.length === 0) break;
      rows += page.rows.length;
      for (const r of page.rows) bytes += r.raw_json.length;
      const last = page.rows[page.rows.length - 1];
      after = [last.cve_id, last.source];
    }
    const s1 = process.hrtime.bigint();
    const packages = await new CurrentPackagesReader(pool).read();
    const s2 = process.hrtime.bigint();
    return { rows, rawJsonMb: bytes / 1e6, packageRows: packages.length, cveSeconds: Number(s1 - s0) / 1e9, packageSeconds: Number(s2 - s1) / 1e9 };
  } finally {
    await pool.end();
  }
}
