// Incremental linking of one CVE at a time with a warm context, as a long-lived process does it:
// one Linker whose package index is built once, then Linker.linkIds([id]) per CVE, each timed.
// Then the scheduled job's path for one changed CVE: its cve.updated_at is bumped (as an
// ingestion of a changed record does) and the same warm Linker runs Linker.run().
import { Linker, openPool } from './linkage-common.mjs';

const sec = (s) => Number(process.hrtime.bigint() - s) / 1e9;

export default async function (url, sampleSize = '200', runSamples = '5') {
  const pool = openPool(url);
  try {
    const linker = new Linker(pool);
    let s = process.hrtime.bigint();
    await linker.context();
    const contextSeconds = sec(s);
    const { rows } = await pool.query(`SELECT id FROM cve WHERE id NOT LIKE 'CVE-2090-%' ORDER BY id`);
    const n = Number(sampleSize);
    // Evenly spread over the id order (every year, every kind of record); the first one warms up.
    const ids = Array.from({ length: n + 1 }, (_, i) => rows[Math.floor(((i + 0.5) * rows.length) / (n + 1))].id);
    await linker.linkIds([ids.shift()]);
    const samples = [];
    for (const [i, id] of ids.entries()) {
      s = process.hrtime.bigint();
      const result = await linker.linkIds([id]);
      samples.push({ id, ms: sec(s) * 1000, groups: result.matches[0]?.groups.length ?? 0 });
      if ((i + 1) % 50 === 0) process.stderr.write(`linkIds one at a time: ${i + 1}/${ids.length}\n`);
    }
    const runs = [];
    for (let i = 0; i < Number(runSamples); i++) {
      const id = ids[(i * 37) % ids.length];
      await pool.query(`UPDATE cve SET updated_at = now() WHERE id = $1`, [id]);
      s = process.hrtime.bigint();
      const summary = await linker.run();
      runs.push({ id, seconds: sec(s), linked: summary.linked });
      process.stderr.write(`Linker.run() after one changed CVE: ${sec(s).toFixed(2)}s (linked ${summary.linked})\n`);
    }
    return { contextSeconds, samples, runs };
  } finally {
    await pool.end();
  }
}
