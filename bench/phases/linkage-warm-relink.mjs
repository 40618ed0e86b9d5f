// Relink after an evaluation as the worker does it: one Linker whose package index is already built
// (it stays warm between scheduled runs), the evaluation imported, then Linker.run() — timed alone.
import evalImport from './eval-import.mjs';
import { installBreakdown, instrumentQueries, Linker, openPool, progressLog } from './linkage-common.mjs';

export default async function (url, channel, revision, file) {
  const pool = openPool(url);
  try {
    const linker = new Linker(pool);
    await linker.context();
    const imported = await evalImport(url, channel, revision, file);
    // What autovacuum would have done by the time the next evaluation lands.
    await pool.query('VACUUM ANALYZE');
    const breakdown = installBreakdown();
    const topQueries = instrumentQueries();
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const summary = await linker.run(progressLog('warm relink'));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    return { seconds, summary, breakdown, cpuSeconds: (cpu.user + cpu.system) / 1e6, queries: topQueries(), evalCounts: imported.counts };
  } finally {
    await pool.end();
  }
}
