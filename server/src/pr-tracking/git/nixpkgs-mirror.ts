import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

const SHA = /^[0-9a-f]{40}$/;
// Above this many commits to check against one head, one shared walk beats a check per commit.
export const PER_COMMIT_LIMIT = 8;

/**
 * A bare mirror of the Nixpkgs repository holding only the tracked branches (as local
 * `refs/heads/*`, force-updated on fetch so a force-push is mirrored, not refused). git runs through
 * execFile with an argument list: branch names and SHAs never pass through a shell.
 */
export class NixpkgsMirror {
  constructor(
    readonly dir: string,
    private readonly remote: string,
  ) {}

  /** Creates the bare repository on first use; points `origin` at the configured remote. */
  async open(): Promise<void> {
    await fs.mkdir(path.dirname(this.dir), { recursive: true });
    const exists = await fs.stat(path.join(this.dir, 'HEAD')).then(() => true, () => false);
    if (!exists) await this.git(['init', '--bare', '--quiet', this.dir], { cwd: path.dirname(this.dir) });
    const current = await this.git(['config', '--get', 'remote.origin.url']).catch(() => null);
    // Generation numbers make ancestry checks of recent commits stop early instead of walking history.
    await this.git(['config', 'fetch.writeCommitGraph', 'true']);
    if (current === null) await this.git(['remote', 'add', 'origin', this.remote]);
    else if (current.trim() !== this.remote) await this.git(['remote', 'set-url', 'origin', this.remote]);
  }

  /** The remote's branch names (`git ls-remote --heads`). */
  async remoteBranches(): Promise<string[]> {
    const out = await this.git(['ls-remote', '--heads', 'origin']);
    return lines(out).map((line) => line.split('\t')[1].replace(/^refs\/heads\//, ''));
  }

  /** Fetches `branches` (force-updating local heads); returns each branch's new head. */
  async fetch(branches: string[]): Promise<Map<string, string>> {
    if (branches.length === 0) return new Map();
    await this.git(['fetch', '--quiet', '--no-tags', 'origin', ...branches.map((b) => `+refs/heads/${b}:refs/heads/${b}`)]);
    const out = await this.git(['for-each-ref', '--format=%(refname:strip=2) %(objectname)', ...branches.map((b) => `refs/heads/${b}`)]);
    return new Map(lines(out).map((line) => line.split(' ') as [string, string]));
  }

  /** Whether the object exists here (a force-pushed-away head may be gone after a gc). */
  async hasCommit(sha: string): Promise<boolean> {
    if (!SHA.test(sha)) return false;
    return this.git(['cat-file', '-e', `${sha}^{commit}`]).then(() => true, () => false);
  }

  /** Which of `shas` are commits in the mirror: one `git cat-file --batch-check` for all of them. */
  async existingCommits(shas: string[]): Promise<Set<string>> {
    const wanted = [...new Set(shas.filter((s) => SHA.test(s)))];
    if (wanted.length === 0) return new Set();
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('git', ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { cwd: this.dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(chunks).toString()) : reject(new GitError(`git cat-file failed in ${this.dir}: ${stderr.trim().slice(0, 500)}`, code)),
      );
      child.stdin.end(wanted.join('\n') + '\n');
    });
    return new Set(lines(out).filter((l) => l.endsWith(' commit')).map((l) => l.slice(0, 40)));
  }

  /** The local branches (of `branches`) that contain `commit`: one process for all of them. */
  async branchesContaining(commit: string, branches: string[]): Promise<string[]> {
    const out = await this.git(['for-each-ref', '--format=%(refname:strip=2)', `--contains=${commit}`, ...branches.map((b) => `refs/heads/${b}`)]);
    return lines(out);
  }

  /** Commits reachable from `to` but not from `from` (`git rev-list from..to`). */
  async commitsBetween(from: string, to: string): Promise<Set<string>> {
    return new Set(lines(await this.git(['rev-list', `${from}..${to}`], { maxBuffer: 1 << 30 })));
  }

  /**
   * Which of `commits` are ancestors of (or equal to) `head`. A few: one `merge-base --is-ancestor`
   * each (cheap for recent commits, thanks to the commit-graph's generation numbers). Many: one walk
   * of `rev-list head`, stopped as soon as all are found — a per-commit check costs a walk from the
   * head down to that commit anyway, so beyond a handful one shared walk is cheaper (100k commits:
   * ~1 s for the walk against ~35-150 ms per commit).
   */
  async ancestorsOf(head: string, commits: string[]): Promise<Set<string>> {
    const wanted = new Set(commits.filter((c) => SHA.test(c)));
    if (wanted.size > PER_COMMIT_LIMIT) return this.walkFor(head, wanted);
    const found = new Set<string>();
    const queue = [...wanted];
    const worker = async () => {
      for (let commit = queue.shift(); commit; commit = queue.shift()) {
        try {
          await this.git(['merge-base', '--is-ancestor', commit, head]);
          found.add(commit);
        } catch (error) {
          // 1: not an ancestor; 128: the commit is not in the mirror (yet) — not landed either.
          if (!(error instanceof GitError) || (error.exitCode !== 1 && error.exitCode !== 128)) throw error;
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return found;
  }

  private walkFor(head: string, wanted: Set<string>): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      const found = new Set<string>();
      const child = spawn('git', ['rev-list', head], { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let rest = '';
      let stderr = '';
      let done = false;
      child.stdout.on('data', (chunk: Buffer) => {
        if (done) return;
        const text = rest + chunk.toString();
        const parts = text.split('\n');
        rest = parts.pop() ?? '';
        for (const sha of parts) if (wanted.has(sha)) found.add(sha);
        if (found.size === wanted.size) {
          done = true;
          child.kill();
        }
      });
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (done || code === 0) return resolve(found);
        reject(new GitError(`git rev-list ${head} failed in ${this.dir}: ${stderr.trim().slice(0, 500)}`, code));
      });
    });
  }

  /**
   * The commits a merged PR brought, with their messages: for a merge commit, those on its second
   * parent's side (`M^1..M^2`); for a squash or rebase merge, the landed commit itself.
   */
  async pullRequestCommits(mergeCommit: string): Promise<Array<{ sha: string; message: string }>> {
    const parents = (await this.git(['rev-list', '--parents', '-n', '1', mergeCommit])).trim().split(' ').slice(1);
    const range = parents.length >= 2 ? [`${parents[0]}..${parents[1]}`] : ['-n', '1', mergeCommit];
    // NUL ends each message: commit messages may contain any other separator.
    const out = await this.git(['log', '--format=%H%n%B%x00', ...range]);
    return out
      .split('\0')
      .map((entry) => entry.replace(/^\n+/, ''))
      .filter(Boolean)
      .map((entry) => ({ sha: entry.slice(0, 40), message: entry.slice(41).trim() }));
  }

  private git(args: string[], options: { cwd?: string; maxBuffer?: number } = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        { cwd: options.cwd ?? this.dir, maxBuffer: options.maxBuffer ?? 64 << 20, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
        (error, stdout, stderr) => {
          if (!error) return resolve(stdout);
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new GitError(`git ${args.slice(0, 2).join(' ')} failed in ${this.dir}: ${(stderr || error.message).trim().slice(0, 500)}`, code));
        },
      );
    });
  }
}

const lines = (text: string) => text.split('\n').filter(Boolean);
