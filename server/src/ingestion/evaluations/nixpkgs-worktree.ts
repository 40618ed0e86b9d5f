import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const git = (cwd: string, args: string[]) => run('git', ['-C', cwd, ...args], { maxBuffer: 64 * 1024 * 1024 });

/**
 * A git worktree of Nixpkgs at one commit, from a local clone (fetched from `remote` when the
 * commit is missing). Worktrees share the clone's objects, so each costs only a checkout.
 */
export async function withNixpkgsWorktree<T>(
  repo: string,
  remote: string,
  revision: string,
  fn: (worktree: string) => Promise<T>,
): Promise<T> {
  try {
    await git(repo, ['cat-file', '-e', `${revision}^{commit}`]);
  } catch {
    try {
      await git(repo, ['fetch', '--quiet', remote, revision]);
    } catch (err) {
      throw new Error(`Nixpkgs commit ${revision} is not in ${repo} and could not be fetched from ${remote}: ${(err as Error).message.trim()}`);
    }
  }
  const worktree = await fs.mkdtemp(path.join(os.tmpdir(), `nixpkgs-${revision.slice(0, 12)}-`));
  await git(repo, ['worktree', 'add', '--detach', '--force', worktree, revision]);
  try {
    return await fn(worktree);
  } finally {
    await git(repo, ['worktree', 'remove', '--force', worktree]).catch(() => fs.rm(worktree, { recursive: true, force: true }));
  }
}
