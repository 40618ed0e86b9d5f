// Issue 7 benchmark: the triage queue and the activity log at 100k suggestions, through the
// production read paths (server/dist): SuggestionQueryRepository.list (a queue page: filters,
// order, total count, package groups) and ActivityLog.list.
// Data: 100,000 GENERATED suggestions (CVE ids in the reserved-looking year 2090, generated
// titles) whose packages are REAL attributes, descriptions and maintainers of the Nixpkgs package
// set (universe.tsv.gz), 2–3 groups each; 10,000 of them dismissed, and an activity log of
// 230,000 GENERATED entries (10k dismissals, the rest spread over the suggestions).
// Baseline: the cheapest indexed SQL for a page (suggestion ids in queue order, LIMIT 51), same run.
// Goal (issue 7): p95 < 50 ms for a queue page query on this machine.
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Pool, ROOT } from './support/database.mjs';
import { universeRows } from './support/universe-eval-lines.mjs';

const require = createRequire(import.meta.url);
const SUGGESTIONS = 100_000;
const DISMISSED = 10_000;
const RUNS = 150;
const CHANNELS = ['nixos-unstable', 'nixos-25.05', 'nixos-25.11', 'nixpkgs-unstable'];
const WORDS = ['buffer', 'overflow', 'heap', 'remote', 'attacker', 'crafted', 'request', 'denial', 'service', 'memory', 'use-after-free', 'injection',
  'authentication', 'bypass', 'certificate', 'parser', 'integer', 'cross-site', 'scripting', 'path', 'traversal', 'privilege', 'escalation', 'kernel'];

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function timeIt(fn, runs = RUNS) {
  for (let i = 0; i < 5; i++) await fn(i); // warm: plans and cache
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** Generated rows, in bulk through SQL (labelled: CVE-2090-*, generated text; package rows from the real set). */
async function seed(pool, log) {
  const rows = universeRows().filter((r) => r.maintainers.length > 0);
  const pick = (i) => rows[(i * 7919) % rows.length];
  log(`seeding ${SUGGESTIONS} generated suggestions over ${rows.length} real maintained packages…`);
  const batch = 10_000;
  for (let start = 0; start < SUGGESTIONS; start += batch) {
    const cves = [];
    const suggestions = [];
    const groups = [];
    for (let i = start; i < start + batch; i++) {
      const id = `CVE-2090-${String(i + 10000).padStart(6, '0')}`;
      const words = Array.from({ length: 12 }, (_, k) => WORDS[(i * 31 + k * 17) % WORDS.length]).join(' ');
      const pkgs = [pick(i), pick(i + 1), ...(i % 3 === 0 ? [pick(i + 2)] : [])];
      cves.push({ id, state: 'PUBLISHED', title: `${pkgs[0].pname}: ${words.split(' ').slice(0, 4).join(' ')}`, description: `${pkgs[0].description} — ${words}.`, sources: ['cve-list'] });
      const channels = CHANNELS.filter((_, c) => (i + c) % 3 !== 0);
      suggestions.push({
        cve_id: id, status: i < DISMISSED ? 'dismissed' : 'pending', dismissal_reason: i < DISMISSED ? 'not-for-us' : null, dismissed_by: i < DISMISSED ? 'sam' : null,
        confidence: 0.5 + (i % 50) / 100, score: Math.round((0.3 + ((i * 13) % 97) / 100) * 1000) / 1000, group_count: pkgs.length,
        explanation: { notes: [], considered: [], keys: [] }, algorithm_version: 1, cvss: i % 7 === 0 ? null : (i % 100) / 10, channels,
        attrs: [...new Set(pkgs.map((p) => p.attr))], maintainers: [...new Set(pkgs.flatMap((p) => p.maintainers.map((m) => m.toLowerCase())))],
        decided_at: i < DISMISSED ? new Date().toISOString() : null,
      });
      pkgs.forEach((p, g) =>
        groups.push({
          cve_id: id, group_key: `native:${p.pname}:${g}`, display_attr: p.attr, ecosystem: 'native', confidence: 0.8, verdict: g === 0 ? 'affected' : 'unknown', doubt: null,
          known_vulnerability: false, attrs: [p.attr], maintainers: p.maintainers,
          reasons: [{ signal: `CNA affected product "${p.pname}"`, rule: 'name', detail: `pname ${p.pname}`, confidence: 0.8 }],
          members: channels.map((channel) => ({ attr: p.attr, channel, version: p.version, verdict: g === 0 ? 'affected' : 'unknown', reason: 'generated', rule: null })),
        }),
      );
    }
    await pool.query(`INSERT INTO cve (id, state, title, description, sources) SELECT id, state, title, description, sources FROM json_populate_recordset(NULL::cve, $1::json)`, [JSON.stringify(cves)]);
    await pool.query(
      `INSERT INTO suggestion (cve_id, status, dismissal_reason, dismissed_by, confidence, score, group_count, explanation, algorithm_version, cvss, channels, attrs, maintainers, decided_at)
       SELECT cve_id, status, dismissal_reason, dismissed_by, confidence, score, group_count, explanation, algorithm_version, cvss, channels, attrs, maintainers, decided_at
       FROM json_populate_recordset(NULL::suggestion, $1::json)`,
      [JSON.stringify(suggestions)],
    );
    await pool.query(
      `INSERT INTO suggestion_package SELECT s.id, g.group_key, g.display_attr, g.ecosystem, g.confidence, g.verdict, g.doubt, g.known_vulnerability, g.attrs, g.maintainers, g.reasons, g.members
       FROM json_to_recordset($1::json) AS g(cve_id text, group_key text, display_attr text, ecosystem text, confidence real, verdict text, doubt text,
            known_vulnerability boolean, attrs text[], maintainers text[], reasons jsonb, members jsonb)
       JOIN suggestion s ON s.cve_id = g.cve_id`,
      [JSON.stringify(groups)],
    );
  }
  log('seeding 230k generated activity-log entries…');
  await pool.query(`
    INSERT INTO activity_log (at, actor, action, subject_type, subject_id, details)
    SELECT now() - make_interval(secs => (300000 - n)), CASE WHEN n % 2 = 0 THEN 'sam' ELSE 'tina' END,
           CASE WHEN n <= ${DISMISSED} THEN 'suggestion.dismissed' ELSE 'suggestion.commented' END, 'suggestion',
           ((n - 1) % ${SUGGESTIONS} + 1)::text, jsonb_build_object('before', jsonb_build_object('status', 'pending'), 'after', jsonb_build_object('status', 'dismissed', 'reason', 'not-for-us'))
    FROM generate_series(1, 230000) n`);
  await pool.query('VACUUM ANALYZE');
  return rows;
}

export default async function advisoriesBench({ databases, log }) {
  const url = await databases.create();
  const pool = new Pool({ connectionString: url, max: 4 });
  const load = [os.loadavg()[0]];
  try {
    const rows = await seed(pool, log);
    const dist = (p) => require(path.join(ROOT, 'server', 'dist', p));
    const { SuggestionQueryRepository } = dist('linkage/graphql/suggestion-query.repository.js');
    const { ActivityLog } = dist('activity/activity-log.js');
    const dataSource = { driver: { master: pool } }; // what pgPool() reads: the production queries on this pool
    const queue = new SuggestionQueryRepository(dataSource);
    const activity = new ActivityLog(pool);
    const maintainer = rows[7919 * 5000 % rows.length].maintainers[0];
    const attr = rows[(7919 * 20000) % rows.length].attr;

    log('measuring…');
    const baseline = await timeIt(() => pool.query(`SELECT id FROM suggestion WHERE status = 'pending' ORDER BY score DESC, id LIMIT 51`));
    const cursors = { relevance: null, date: null, severity: null };
    for (const sort of Object.keys(cursors)) {
      const first = await queue.list({ status: 'pending' }, 50, null, sort);
      cursors[sort] = SuggestionQueryRepository.cursor(first.rows.at(-1), sort);
    }
    const pages = {
      'queue page (pending, relevance, 50)': () => queue.list({ status: 'pending' }, 50, null),
      'queue page 2 by cursor (relevance)': () => queue.list({ status: 'pending' }, 50, cursors.relevance),
      'queue page sorted by date, page 2': () => queue.list({ status: 'pending' }, 50, cursors.date, 'date'),
      'queue page sorted by severity, page 2': () => queue.list({ status: 'pending' }, 50, cursors.severity, 'severity'),
      'queue filtered: channel + severity ≥ high': () => queue.list({ status: 'pending', channel: 'nixos-25.05', minSeverity: 'high' }, 50, null),
      'queue filtered: stable channels + CVE year': () => queue.list({ status: 'pending', stableOnly: true, cveYear: 2090 }, 50, null),
      'queue filtered: maintainer': () => queue.list({ status: 'pending', maintainer }, 50, null),
      'queue filtered: attribute': () => queue.list({ status: 'pending', attr }, 50, null),
      'queue filtered: free text': () => queue.list({ status: 'pending', text: 'heap overflow' }, 50, null),
      'dismissed page (10k dismissed)': () => queue.list({ status: 'dismissed' }, 50, null),
    };
    const figures = [];
    figures.push(['baseline: raw indexed page SQL, p95', baseline.p95, 'ms']);
    let worst = 0;
    for (const [label, fn] of Object.entries(pages)) {
      const t = await timeIt(fn);
      worst = Math.max(worst, t.p95);
      figures.push([`${label}: p95`, t.p95, 'ms'], [`${label}: median`, t.median, 'ms'], [`${label}: p95 / baseline`, t.p95 / baseline.p95, '×']);
    }
    figures.push(['worst queue page p95 (goal < 50 ms)', worst, 'ms']);
    load.push(os.loadavg()[0]);

    const logPage = await timeIt(() => activity.list({ first: 50 }));
    const subject = await timeIt((i) => activity.list({ subjectType: 'suggestion', subjectId: String((i % SUGGESTIONS) + 1), first: 50 }));
    const deep = await activity.list({ first: 1, before: '20000' });
    const deepPage = await timeIt(() => activity.list({ first: 50, before: deep[0].id }));
    // The dismissed log of 10k items, read whole in pages of 500 (the old tracker: one query per item, about a minute).
    const whole = await timeIt(async () => {
      let before;
      let read = 0;
      while (read < DISMISSED) {
        const page = await activity.list({ first: 500, before });
        read += page.length;
        before = page.at(-1).id;
      }
    }, 10);
    const rawWhole = await timeIt(() => pool.query(`SELECT id, at, actor, action, subject_type, subject_id, details FROM activity_log ORDER BY id DESC LIMIT ${DISMISSED}`), 10);
    figures.push(
      ['activity log page (global, 50): p95', logPage.p95, 'ms'],
      ['activity log of one suggestion: p95', subject.p95, 'ms'],
      ['activity log page 400 deep (before cursor): p95', deepPage.p95, 'ms'],
      ['activity log, 10k entries in pages of 500: median', whole.median, 'ms'],
      ['baseline: one raw SELECT of the same 10k entries: median', rawWhole.median, 'ms'],
      ['10k entries paged / raw SELECT', whole.median / rawWhole.median, '×'],
      ['load average during the run (start, end)', `${load[0].toFixed(1)}, ${os.loadavg()[0].toFixed(1)}`, ''],
    );
    return { name: `advisories — triage queue and activity log at ${SUGGESTIONS / 1000}k suggestions (generated, real packages)`, figures };
  } finally {
    await pool.end();
  }
}
