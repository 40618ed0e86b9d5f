// Issue 8 benchmark: the incremental landing update after 1,000 new commits on master of a
// repository with 100k commits, through the production LandingUpdater (server/dist) against a
// bare mirror with real git. The repository is GENERATED (git fast-import, a few seconds): a
// master history of 100,000 commits of which 2,000 are merges of one-commit PR branches (1,000
// PRs, rows in pull_request), release-24.11 branched off at 80%, the channel branches of the
// default branch graph a little behind their source branch.
// Timed, after the first (full) sync:
//   1. incremental update after 1,000 new commits on master (10 of them PR merges) and the
//      channel branches moved forward — the goal: < 5 s;
//   2. baselines in the same run: a raw `git fetch` of the same commits into a copy of the mirror
//      (the floor: nixsec must fetch them), and a raw `git rev-list --count master` (one walk of
//      the whole history: what a non-incremental check costs at least);
//   3. the same update computed in full (stored branch heads forgotten), for the ratio.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { Pool, ROOT } from './support/database.mjs';

const require = createRequire(import.meta.url);
const COMMITS = 100_000;
const PR_EVERY = 100; // one PR (side commit + merge commit) per 100 commits: 1,000 PRs
const NEW_COMMITS = 1_000;
const NEW_PR_EVERY = 100; // 10 new PRs among the new commits
const REPOSITORY = 'NixOS/nixpkgs';
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };

const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;
const timed = async (fn) => {
  const started = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: seconds(started) };
};

/**
 * Feeds a fast-import stream: `count` commits on `branch` starting from `from` (a ref or mark),
 * every `prEvery`-th one a merge of a one-commit side branch. Returns the PR merges' marks.
 */
function fastImport(repo, { branch, from, count, prEvery, firstMark, firstNumber, time }) {
  const merges = [];
  const chunks = [];
  let mark = firstMark;
  let prev = from;
  let t = time;
  let made = 0;
  let number = firstNumber;
  const commit = (ref, parent, message, extraParent) => {
    const m = mark++;
    // A few small files: a wide tree would be rewritten (and compressed) on every commit.
    const file = `pkgs/generated/f${m % 16}.nix`;
    const content = `{ generated = ${m}; }\n`;
    chunks.push(
      `commit ${ref}\nmark :${m}\ncommitter Generated <generated@example.org> ${t++} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n` +
        (parent ? `from ${parent}\n` : '') +
        (extraParent ? `merge ${extraParent}\n` : '') +
        `M 100644 inline ${file}\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
    made++;
    return `:${m}`;
  };
  while (made < count) {
    if (made % prEvery === prEvery - 2 && made + 2 <= count) {
      const n = number++;
      const side = commit('refs/heads/generated-side', prev, `generated: package ${n} update (PR #${n})`);
      prev = commit(`refs/heads/${branch}`, prev, `Merge pull request #${n} from generated/pr-${n}`, side);
      merges.push({ number: n, mark: prev });
    } else {
      prev = commit(`refs/heads/${branch}`, prev, `generated commit ${mark}`);
    }
  }
  const marksFile = path.join(repo, '.git', 'generated-marks');
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`, ...(fs.existsSync(marksFile) ? [`--import-marks=${marksFile}`] : [])], { cwd: repo, env: GIT_ENV, stdio: ['pipe', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git fast-import failed: ${stderr}`));
      const shas = new Map(fs.readFileSync(marksFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')));
      resolve({ merges: merges.map((m) => ({ number: m.number, sha: shas.get(m.mark) })), head: shas.get(prev), nextMark: mark, time: t, nextNumber: number });
    });
    child.stdin.end(chunks.join(''));
  });
}

async function insertPulls(pool, pulls, base) {
  await pool.query(
    `INSERT INTO pull_request (repository, number, title, state, base, merge_commit, merged_at, github_updated_at)
     SELECT $1, n, 'generated PR #' || n, 'merged', $2, c, now(), now() FROM unnest($3::int[], $4::text[]) AS x(n, c)`,
    [REPOSITORY, base, pulls.map((p) => p.number), pulls.map((p) => p.sha)],
  );
}

export default async function prLandingsBench({ databases, log }) {
  const dist = path.join(ROOT, 'server', 'dist', 'pr-tracking');
  const { LandingUpdater } = require(path.join(dist, 'landings', 'landing-updater.js'));
  const { NixpkgsMirror } = require(path.join(dist, 'git', 'nixpkgs-mirror.js'));
  const { PullRequestStore } = require(path.join(dist, 'store', 'pull-request.store.js'));
  const { parseBranchGraph } = require(path.join(dist, 'branch-graph', 'branch-graph.js'));
  const { Logger } = require(require.resolve('@nestjs/common', { paths: [path.join(ROOT, 'server')] }));
  Logger.overrideLogger(['error']);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-bench-pr-'));
  const repo = path.join(root, 'nixpkgs');
  const url = await databases.create();
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    // ── setup (generated repository, first full sync): not the measured figure ──
    fs.mkdirSync(repo);
    git(repo, 'init', '--quiet', '-b', 'master');
    log(`generating a repository of ${COMMITS} commits with git fast-import…`);
    const build = await timed(() => fastImport(repo, { branch: 'master', from: null, count: COMMITS, prEvery: PR_EVERY, firstMark: 1, firstNumber: 100_000, time: 1_700_000_000 }));
    const gen = build.result;
    git(repo, 'branch', '-D', 'generated-side');
    const total = Number(git(repo, 'rev-list', '--count', 'master'));
    // Channels a little behind their source branches; release-24.11 off master at 80%.
    git(repo, 'branch', 'release-24.11', `master~${Math.floor(COMMITS * 0.2)}`);
    for (const [branch, from] of [['staging-next', 'master'], ['staging', 'master'], ['nixos-unstable-small', 'master~40'], ['nixos-unstable', 'master~300'], ['nixpkgs-unstable', 'master~200'],
      ['nixos-24.11-small', 'release-24.11~10'], ['nixos-24.11', 'release-24.11~50'], ['nixpkgs-24.11-darwin', 'release-24.11~30']]) git(repo, 'branch', branch, from);
    await insertPulls(pool, gen.merges, 'master');
    log(`generated ${total} commits (${gen.merges.length} PR merges) in ${build.seconds.toFixed(1)} s; first sync (full check, reading 1,000 PRs' commits)…`);

    const store = new PullRequestStore(pool);
    const mirror = new NixpkgsMirror(path.join(root, 'data', 'nixpkgs.git'), repo);
    const updater = new LandingUpdater(store, mirror, parseBranchGraph(), { repository: REPOSITORY, oldestRelease: '24.05' });
    const first = await timed(() => updater.update());
    log(`first sync: ${first.seconds.toFixed(1)} s ${JSON.stringify(first.result)}`);
    // A copy of the mirror as it is now, for the raw fetch baseline.
    const copy = path.join(root, 'data', 'baseline.git');
    fs.cpSync(mirror.dir, copy, { recursive: true });

    // ── 1,000 new commits on master (10 PR merges); branches move forward ──
    const more = await fastImport(repo, { branch: 'master', from: 'refs/heads/master^0', count: NEW_COMMITS, prEvery: NEW_PR_EVERY, firstMark: gen.nextMark, firstNumber: gen.nextNumber, time: gen.time });
    git(repo, 'branch', '-D', 'generated-side');
    for (const [branch, to] of [['staging-next', 'master'], ['staging', 'master'], ['nixos-unstable-small', 'master'], ['nixos-unstable', 'master~500'], ['nixpkgs-unstable', 'master~100']]) git(repo, 'branch', '--force', branch, to);
    await insertPulls(pool, more.merges, 'master');
    const newOnMaster = Number(git(repo, 'rev-list', '--count', `${gen.head}..master`));

    // Baseline 1: the raw fetch of the same refs into the copy (the floor of any update).
    const tracked = git(copy, 'for-each-ref', '--format=%(refname:strip=2)', 'refs/heads').split('\n');
    const fetchBaseline = await timed(async () => git(copy, 'fetch', '--quiet', '--no-tags', repo, ...tracked.map((b) => `+refs/heads/${b}:refs/heads/${b}`)));

    log('incremental update…');
    const incremental = await timed(() => updater.update());
    log(`incremental: ${incremental.seconds.toFixed(2)} s ${JSON.stringify(incremental.result)}`);
    const landed = await pool.query(`SELECT branch, count(*)::int AS n FROM pr_landing WHERE number = ANY($1::int[]) GROUP BY branch ORDER BY branch`, [more.merges.map((m) => m.number)]);
    const byBranch = Object.fromEntries(landed.rows.map((r) => [r.branch, r.n]));
    // Every new PR is on master, staging, staging-next and nixos-unstable-small; a check that the figure is of a correct update.
    for (const branch of ['master', 'staging', 'staging-next', 'nixos-unstable-small']) {
      if (byBranch[branch] !== more.merges.length) throw new Error(`expected the ${more.merges.length} new PRs on ${branch}, found ${byBranch[branch] ?? 0}: ${JSON.stringify(byBranch)}`);
    }

    // Baseline 2: one raw walk of the whole history (what a non-incremental check costs at least).
    const walkBaseline = await timed(async () => git(mirror.dir, 'rev-list', '--count', 'master'));
    // The same state computed in full: stored heads forgotten, so every branch is checked from scratch.
    await pool.query(`DELETE FROM branch_head`);
    const full = await timed(() => updater.update());
    log(`full recompute: ${full.seconds.toFixed(2)} s`);

    return {
      name: `pr-landings — incremental landing update, ${(total / 1000).toFixed(0)}k-commit GENERATED repository (git fast-import), real git`,
      figures: [
        ['generated repository: commits on master', total, ''],
        ['generated repository: merged PRs tracked', gen.merges.length + more.merges.length, ''],
        ['generate (git fast-import) — setup', build.seconds, 's'],
        ['first sync (full check + commits of 1,000 PRs) — setup', first.seconds, 's'],
        [`new commits on master`, newOnMaster, ''],
        ['1. incremental update (goal < 5 s)', incremental.seconds, 's'],
        ['   branches moved / landings added', `${incremental.result.branchesMoved} / ${incremental.result.landingsAdded}`, ''],
        ['2a. baseline: raw git fetch of the same refs', fetchBaseline.seconds, 's'],
        ['    incremental / raw fetch', incremental.seconds / fetchBaseline.seconds, '×'],
        ['2b. baseline: raw git rev-list --count master (full walk)', walkBaseline.seconds, 's'],
        ['    incremental / one full walk', incremental.seconds / walkBaseline.seconds, '×'],
        ['3. same update computed in full (heads forgotten)', full.seconds, 's'],
        ['    incremental / full', incremental.seconds / full.seconds, '×'],
      ],
    };
  } finally {
    await pool.end();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
