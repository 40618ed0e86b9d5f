import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Nixpkgs Tester',
  GIT_AUTHOR_EMAIL: 'tester@example.org',
  GIT_COMMITTER_NAME: 'Nixpkgs Tester',
  GIT_COMMITTER_EMAIL: 'tester@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/**
 * A real git repository standing in for NixOS/nixpkgs (the mirror's remote): commits, merges of
 * PR branches with `--no-ff` as GitHub's merge button does, branches moved like channels advance.
 */
export class FakeNixpkgs {
  readonly dir: string;
  private counter = 0;

  constructor(readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-pr-'))) {
    this.dir = path.join(root, 'nixpkgs');
    fs.mkdirSync(this.dir);
    this.git('init', '--quiet', '-b', 'master');
    this.commit('master', 'init');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: GIT_ENV, encoding: 'utf8' }).trim();
  }

  head(branch: string): string {
    return this.git('rev-parse', `refs/heads/${branch}`);
  }

  /** A new commit on `branch` touching its own file. */
  commit(branch: string, message: string): string {
    this.checkout(branch);
    const file = `pkgs/file-${++this.counter}.nix`;
    fs.mkdirSync(path.join(this.dir, 'pkgs'), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), `{ n = ${this.counter}; }\n`);
    this.git('add', file);
    this.git('commit', '--quiet', '-m', message);
    return this.head(branch);
  }

  /** A PR branch with one commit, merged into `base`; returns the merge commit. */
  mergePull(number: number, base: string, message = `pkg: fix for PR ${number}`): string {
    this.git('branch', `pr-${number}`, base);
    this.commit(`pr-${number}`, message);
    this.checkout(base);
    this.git('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${number} from tester/pr-${number}`, `pr-${number}`);
    return this.head(base);
  }

  /** A backport PR: `commit` cherry-picked with `-x` onto a branch from `base`, merged into `base`. */
  backport(number: number, base: string, commit: string): string {
    this.git('branch', `pr-${number}`, base);
    this.checkout(`pr-${number}`);
    this.git('cherry-pick', '-x', commit);
    this.checkout(base);
    this.git('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${number} from tester/backport-${number}`, `pr-${number}`);
    return this.head(base);
  }

  /** Moves `branch` to `to` (a fast-forward when `to` contains it, else a force-push). */
  setBranch(branch: string, to: string): void {
    this.checkout('master');
    this.git('branch', '--force', branch, to);
  }

  branch(name: string, from = 'master'): void {
    this.git('branch', name, from);
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private checkout(branch: string): void {
    // The first commit is made on the unborn master, which checkout cannot name yet.
    if (this.git('symbolic-ref', '--short', 'HEAD') !== branch) this.git('checkout', '--quiet', branch);
  }
}
