// One `nixsec linkage run` (what the scheduled job does): Linker.run() through the production
// code in server/dist, in its own process, with progress lines and a time breakdown.
import { installBreakdown, instrumentQueries, Linker, openPool, progressLog } from './linkage-common.mjs';

export default async function (url, label = 'linking') {
  const breakdown = installBreakdown();
  const topQueries = instrumentQueries();
  const pool = openPool(url);
  try {
    const summary = await new Linker(pool).run(progressLog(label));
    const cpu = process.cpuUsage();
    return { summary, breakdown, cpuSeconds: (cpu.user + cpu.system) / 1e6, queries: topQueries() };
  } finally {
    await pool.end();
  }
}
