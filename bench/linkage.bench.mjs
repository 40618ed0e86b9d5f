// Issue 5 benchmark: linking CVEs to the packages the channels ship, through the production Linker
// (server/dist), on the 44,131 REAL records of cisagov/vulnrichment @b0ed758 and an evaluation
// built from the REAL Nixpkgs package set (129,815 attributes; nix-eval-jobs lines GENERATED from
// it, see support/universe-eval-lines.mjs, with GENERATED inputDrvs for the popularity counts),
// imported into one channel (nixos-unstable).
//   1. full link, fresh linkage state — baseline: a raw SQL pass reading the same inputs;
//   2. 300k CVEs: the real ones plus GENERATED records (support/linkage-data.mjs), full link;
//   3. one CVE at a time with a warm context (median, p99), and the scheduled run after one change;
//   4. relink after a second evaluation with 1% of the packages bumped, vs the full link;
//   5. noise on this corpus, read from what the linker stored (suggestion, suggestion_package).
// NIXSEC_BENCH_LINKAGE_TOTAL sets the CVE count of phase 2: default 150000 (real + 105,870 GENERATED)
// and 300k extrapolated from its rate, because ingesting 256k generated records through the
// product's ingester alone takes 6–10 minutes on 2 cores; 300000 measures it; 0 skips phase 2.
// The breakdown's parts overlap: the linker reads the next batch and writes the previous one while
// it matches (Linker.linkBatches), so they add up to more than the wall time, and a write's time
// includes waiting for the event loop.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runPhase } from './support/database.mjs';
import { cloneDatabase, generatedCveDir, query, realCveDir, runLivePhase } from './support/linkage-data.mjs';
import { drvPathOf, evalLine, generatedInputs, universeRows } from './support/universe-eval-lines.mjs';

const rev = (label) => createHash('sha1').update(label).digest('hex');
const CHANNEL = 'nixos-unstable';
// The naive substring tracker on the same corpus (issue 5).
const NAIVE = { suggestions: 10_703, links: 3_800_000, median: 45 };

function quantile(sorted, q) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The figures of `nixsec linkage stats` (quality/match-stats.ts), read from the stored suggestions. */
async function storedStats(url) {
  const [totals] = await query(url, `
    SELECT (SELECT count(*) FROM cve)::int AS cves,
           (SELECT count(*) FROM suggestion WHERE group_count > 0)::int AS suggestions,
           (SELECT count(*) FROM suggestion WHERE status = 'pending' AND group_count > 0)::int AS pending,
           (SELECT count(*) FROM suggestion_package)::int AS groups,
           (SELECT coalesce(sum(jsonb_array_length(members)), 0) FROM suggestion_package)::bigint AS links,
           (SELECT count(*) FROM linkage_state)::int AS linked,
           (SELECT count(*) FROM suggestion WHERE group_count > 0 AND explanation->>'notes' LIKE '%derivation%(direct dependants)%')::int AS popular`);
  const counts = (await query(url, `SELECT group_count FROM suggestion WHERE group_count > 0 ORDER BY group_count`)).map((r) => r.group_count);
  const dismissed = Object.fromEntries((await query(url, `SELECT dismissal_reason AS k, count(*)::int AS n FROM suggestion WHERE status = 'dismissed' GROUP BY 1 ORDER BY 2 DESC`)).map((r) => [r.k, r.n]));
  const verdicts = Object.fromEntries((await query(url, `SELECT verdict AS k, count(*)::int AS n FROM suggestion_package GROUP BY 1 ORDER BY 2 DESC`)).map((r) => [r.k, r.n]));
  const over50 = await query(url, `
    SELECT cve_id, group_count,
           (SELECT n FROM jsonb_array_elements_text(explanation->'notes') n WHERE n LIKE 'many groups%' LIMIT 1) AS reason
    FROM suggestion WHERE group_count > 50 ORDER BY group_count DESC`);
  return {
    cves: totals.cves, linked: totals.linked, suggestions: totals.suggestions, popular: totals.popular, pending: totals.pending, groups: totals.groups,
    packageLinks: Number(totals.links), dismissed, verdicts,
    groupsPerSuggestion: { median: quantile(counts, 0.5), p90: quantile(counts, 0.9), p99: quantile(counts, 0.99), max: counts[counts.length - 1] ?? 0 },
    over50: over50.map((o) => ({ cveId: o.cve_id, groups: o.group_count, reason: o.reason })),
  };
}

const breakdownLine = (b) =>
  `context ${b.context.toFixed(1)}s (packages query ${b.readPackages.toFixed(1)}s), read+normalise CVEs ${b.readCves.toFixed(1)}s, match ${b.match.toFixed(1)}s, ` +
  `write ${b.write.toFixed(1)}s, stale check ${b.staleIds.toFixed(1)}s, follow evaluations ${b.followEvaluations.toFixed(1)}s`;

export default async function linkageBench({ databases, log }) {
  const benchStarted = Date.now();
  const total = Number(process.env.NIXSEC_BENCH_LINKAGE_TOTAL ?? 150_000);
  const load = [os.loadavg()[0]];
  const realDir = realCveDir();
  const rows = universeRows();
  const evalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-bench-linkage-evals-'));
  // GENERATED dependencies, for the popularity counts (package_dependants). They point at the first
  // evaluation's drvPaths, so that the second still changes 1% of the lines (a bumped package loses its
  // dependants there; in Nixpkgs its dependants would change too).
  const inputs = generatedInputs(rows).map((js) => js.map((j) => drvPathOf(rows[j])));
  const evalFile = (k) => {
    const file = path.join(evalDir, `eval-${k}.jsonl`);
    fs.writeFileSync(file, rows.map((r, i) => evalLine(r, k > 0 && i % 100 === k, inputs[i])).join('\n') + '\n');
    return file;
  };

  // Setup (not timed): the real CVEs and one evaluation of the real package set.
  const url = await databases.create();
  log('setup: ingesting the 44k real CVE records…');
  const ingest = await runLivePhase('phases/linkage-ingest.mjs', [url, realDir, 'ingest real'], log);
  log(`setup: importing an evaluation of ${rows.length} packages into ${CHANNEL}…`);
  const firstImport = await runPhase('phases/eval-import.mjs', [url, CHANNEL, rev('linkage-u0'), evalFile(0)]);
  await query(url, 'VACUUM ANALYZE');
  // Phase 2 starts from this state (before any linking), with generated records added.
  const scaleUrl = total > 0 ? await cloneDatabase(url, 'linkage_scale') : null;

  log('baseline: raw SQL pass over the same inputs…');
  const baseline = await runLivePhase('phases/linkage-baseline.mjs', [url], log);
  log(`baseline: ${baseline.rows} raw_json rows (${baseline.rawJsonMb.toFixed(0)} MB) in ${baseline.cveSeconds.toFixed(1)}s, ${baseline.packageRows} current packages in ${baseline.packageSeconds.toFixed(1)}s`);

  log('1. full link of the real CVEs (fresh linkage state)…');
  const full = await runLivePhase('phases/linkage-run.mjs', [url, 'full link'], log);
  log(`   ${full.seconds.toFixed(1)}s: ${breakdownLine(full.breakdown)}; CPU ${full.cpuSeconds.toFixed(1)}s`);
  const stats = await storedStats(url);
  const cves = stats.cves;

  log('3. one CVE at a time with a warm context…');
  const one = await runLivePhase('phases/linkage-one.mjs', [url, '200', '5'], log);
  const ms = one.samples.map((s) => s.ms).sort((a, b) => a - b);
  const matchedMs = one.samples.filter((s) => s.groups > 0).map((s) => s.ms).sort((a, b) => a - b);
  const slowest = [...one.samples].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const runSeconds = one.runs.map((r) => r.seconds).sort((a, b) => a - b);

  log('4. second evaluation with 1% of the packages bumped, then Linker.run() on a warm linker (as the worker)…');
  // The import runs inside the phase, between warming the linker and timing its run.
  const relink = await runLivePhase('phases/linkage-warm-relink.mjs', [url, CHANNEL, rev('linkage-u1'), evalFile(1)], log);
  const evalSmall = { seconds: null, counts: relink.evalCounts };
  log(`   ${relink.seconds.toFixed(1)}s, linked ${relink.summary.linked}: ${breakdownLine(relink.breakdown)}`);
  fs.rmSync(evalDir, { recursive: true, force: true });

  load.push(os.loadavg()[0]);
  let scale = null;
  if (scaleUrl) {
    const phaseStarted = Date.now();
    const generated = total - cves;
    const genDir = generatedCveDir(realDir, generated, log);
    log(`2. ingesting ${generated} GENERATED records (not timed)…`);
    const genIngest = await runLivePhase('phases/linkage-ingest.mjs', [scaleUrl, genDir, 'ingest generated'], log);
    await query(scaleUrl, 'VACUUM ANALYZE');
    const [{ n }] = await query(scaleUrl, `SELECT count(*)::int AS n FROM cve`);
    log(`2. full link of ${n} CVEs (${cves} real + ${n - cves} GENERATED)…`);
    const run = await runLivePhase('phases/linkage-run.mjs', [scaleUrl, 'full link (scale)'], log);
    log(`   ${run.seconds.toFixed(1)}s: ${breakdownLine(run.breakdown)}; CPU ${run.cpuSeconds.toFixed(1)}s`);
    const [s] = await query(scaleUrl, `SELECT (SELECT count(*) FROM suggestion WHERE group_count > 0)::int AS suggestions, (SELECT count(*) FROM suggestion_package)::int AS groups`);
    scale = { cves: n, generated: n - cves, ingest: genIngest.counts, ingestSeconds: genIngest.seconds, run, phaseSeconds: (Date.now() - phaseStarted) / 1000, ...s };
    load.push(os.loadavg()[0]);
  }

  const fullRate = cves / full.seconds;
  const lookup = relink.queries.find((q) => q.label.startsWith('SELECT l.cve_id FROM linkage_state l'));
  const baselineSeconds = baseline.cveSeconds + baseline.packageSeconds;
  const g = stats.groupsPerSuggestion;
  const figures = [
    ['CVEs (real)', cves, ''],
    ['packages (attributes, one channel)', rows.length, ''],
    ['1. full link, fresh state', full.seconds, 's (goal < 180 on 2 cores)'],
    ['1. full link rate', fullRate, 'CVEs/s'],
    ['1. full link peak RSS', full.peakRssMb, 'MB'],
    ['1. full link CPU time of the linker process', full.cpuSeconds, 's (the rest: PostgreSQL, waiting)'],
    ['1. of which: package index (query + build)', full.breakdown.context, 's'],
    ['1. of which: read + normalise CVEs', full.breakdown.readCves, 's'],
    ['1. of which: match', full.breakdown.match, 's'],
    ['1. of which: write suggestions + state', full.breakdown.write, 's'],
    ['1. raw SQL pass over the same inputs (baseline)', baselineSeconds, 's'],
    ['1. full link / raw SQL pass', full.seconds / baselineSeconds, '×'],
    ['1. suggestions (CVEs with ≥ 1 package group)', stats.suggestions, ''],
    ['setup: packages with dependants (GENERATED inputDrvs, 5 per package)', firstImport.dependants?.packages ?? 'n/a', ''],
    ['setup: counting them at the end of the import', firstImport.dependants?.seconds ?? 'n/a', 's'],
    ['1. package groups', stats.groups, ''],
  ];
  if (scale) {
    const rate = scale.cves / scale.run.seconds;
    figures.push(
      [`2. full link of ${scale.cves} CVEs (${scale.generated} GENERATED)`, scale.run.seconds, 's'],
      ['2. rate', rate, 'CVEs/s'],
      ['2. rate / real-44k rate', rate / fullRate, '× (1 = linear)'],
      ['2. peak RSS', scale.run.peakRssMb, 'MB'],
      ['2. CPU time of the linker process', scale.run.cpuSeconds, 's'],
      ['2. of which: package index / read+normalise / match / write', [scale.run.breakdown.context, scale.run.breakdown.readCves, scale.run.breakdown.match, scale.run.breakdown.write].map((x) => x.toFixed(1)).join(' / '), 's'],
      ['2. whole phase (generate if not cached, ingest, link)', scale.phaseSeconds, `s (ingest alone ${scale.ingestSeconds.toFixed(0)} s)`],
      ['2. suggestions / package groups', `${scale.suggestions} / ${scale.groups}`, ''],
    );
    if (scale.cves < 300_000) figures.push(['2. 300k CVEs at this rate (extrapolated, not measured)', 300_000 / rate, 's']);
  }
  figures.push(
    ['3. linkIds([id]) warm, median (200 real CVEs)', quantile(ms, 0.5), 'ms'],
    ['3. linkIds([id]) warm, p99', quantile(ms, 0.99), 'ms (goal < 100)'],
    ['3. linkIds([id]) warm, max', ms[ms.length - 1], 'ms'],
    [`3. median of the ${matchedMs.length} with a suggestion`, quantile(matchedMs, 0.5), 'ms'],
    ['3. context build (cold, once per package-set version)', one.contextSeconds, 's'],
    ['3. Linker.run() after one changed CVE, warm (median of 5)', quantile(runSeconds, 0.5), 's'],
    ['4. 1%-changed evaluation: lines changed', evalSmall.counts.changed, ''],
    ['4. relink after it: Linker.run(), warm linker', relink.seconds, 's'],
    ['4. CVEs re-linked', relink.summary.linked, ''],
    ['4. of which: package index update (query + patch)', relink.breakdown.context, 's'],
    ['4. of which: affected-CVE lookup query (hash join on keys)', lookup?.seconds ?? 0, 's'],
    ['4. of which: staleness scan of every CVE', relink.breakdown.staleIds, 's'],
    ['4. relink / full link', relink.seconds / full.seconds, '× (goal < 0.10)'],
    ['5. suggestions (naive substring: 10,703)', stats.suggestions, ''],
    ['5. … of which pending (not auto-dismissed)', stats.pending, ''],
    ['5. … whose score counts popularity (GENERATED dependants)', stats.popular, ''],
    ['5. … auto-dismissed', Object.entries(stats.dismissed).map(([k, v]) => `${k} ${v}`).join(', ') || 'none', ''],
    ['5. package groups', stats.groups, ''],
    ['5. attribute×channel links (naive: 3.8M)', stats.packageLinks, ''],
    ['5. links / naive links', stats.packageLinks / NAIVE.links, '×'],
    ['5. groups per suggestion: median (naive: 45 links)', g.median, '(goal ≤ 2)'],
    ['5. groups per suggestion: p90 / p99 / max', `${g.p90} / ${g.p99} / ${g.max}`, ''],
    ['5. suggestions above 50 groups', stats.over50.length, `(${stats.over50.filter((o) => !o.reason).length} without a stated reason; goal 0)`],
    ['bench run time', (Date.now() - benchStarted) / 1000, 's'],
    ['1-minute load average at start / after phase 4 / after phase 2', load.map((l) => l.toFixed(1)).join(' / '), `(${os.cpus().length} CPUs)`],
  );
  return {
    name: 'linkage (44k real CVEs × real Nixpkgs package set, generated eval lines; phase 2 adds GENERATED CVEs)',
    figures,
    counts: {
      ingest: ingest.counts,
      baseline,
      full: { summary: full.summary, breakdown: full.breakdown, cpuSeconds: full.cpuSeconds, queries: full.queries },
      stats,
      one: { contextSeconds: one.contextSeconds, slowest, runs: one.runs, matched: matchedMs.length },
      relink: { summary: relink.summary, breakdown: relink.breakdown, queries: relink.queries, evalImport: evalSmall.counts },
      scale: scale && {
        cves: scale.cves, generated: scale.generated, seconds: scale.run.seconds, summary: scale.run.summary, breakdown: scale.run.breakdown,
        queries: scale.run.queries, suggestions: scale.suggestions, groups: scale.groups, ingest: scale.ingest, ingestSeconds: scale.ingestSeconds,
      },
    },
  };
}
