import { Logger } from '@nestjs/common';
import { BranchGraph, trackedBranches } from '../branch-graph/branch-graph';
import { NixpkgsMirror, PER_COMMIT_LIMIT } from '../git/nixpkgs-mirror';
import { PullRequestStore } from '../store/pull-request.store';

export interface LandingSummary {
  branches: number;
  branchesMoved: number;
  forcePushed: number;
  landingsAdded: number;
  landingsRemoved: number;
  pullRequestsChecked: number;
  pullRequestCommitsRead: number;
}

// `git cherry-pick -x` appends this line; backports of Nixpkgs fixes carry it.
const CHERRY_PICK = /\(cherry picked from commit ([0-9a-f]{40})\)/g;
// Messages are kept for linking by mention; a huge PR's are cut, its first commits say what it fixes.
const MAX_MESSAGES = 64 * 1024;

/**
 * Brings `pr_landing` up to date with the mirror:
 * 1. fetch the tracked branches; for each branch that moved from its stored head, the commits it
 *    gained (`old..new`) and lost (`new..old`, non-empty only after a force-push) decide which
 *    already-checked merge commits arrived or left — the cost follows the number of new commits,
 *    not the size of the history. A branch without a usable old head is checked in full.
 * 2. merge commits never checked (new PRs) are checked once against every head.
 * 3. a merged PR's own commits and cherry-pick sources are read once its merge commit is mirrored.
 */
export class LandingUpdater {
  private readonly logger = new Logger(LandingUpdater.name);

  constructor(
    private readonly store: PullRequestStore,
    private readonly mirror: NixpkgsMirror,
    private readonly graph: BranchGraph,
    private readonly options: { repository: string; oldestRelease?: string },
  ) {}

  async update(): Promise<LandingSummary> {
    const { repository } = this.options;
    await this.mirror.open();
    const branches = trackedBranches(this.graph, await this.mirror.remoteBranches(), { oldestRelease: this.options.oldestRelease });
    const heads = await this.mirror.fetch(branches);
    const stored = await this.store.branchHeads();
    const summary: LandingSummary = { branches: heads.size, branchesMoved: 0, forcePushed: 0, landingsAdded: 0, landingsRemoved: 0, pullRequestsChecked: 0, pullRequestCommitsRead: 0 };

    const moved = [...heads].filter(([branch, head]) => stored.get(branch) !== head);
    const checked = moved.length ? await this.store.checkedMergeCommits(repository) : new Map<string, number[]>();
    for (const [branch, head] of moved) {
      const old = stored.get(branch);
      const prsOf = (commits: Iterable<string>) => [...commits].flatMap((c) => checked.get(c) ?? []);
      let change: { added: number[]; removed: number[]; exact: boolean };
      if (old && (await this.mirror.hasCommit(old))) {
        const [gained, lost] = [await this.mirror.commitsBetween(old, head), await this.mirror.commitsBetween(head, old)];
        if (lost.size > 0) {
          summary.forcePushed++;
          this.logger.warn(`${branch} was force-pushed (${old.slice(0, 12)} → ${head.slice(0, 12)}, ${lost.size} commits dropped): landings recomputed`);
        }
        change = { added: prsOf([...checked.keys()].filter((c) => gained.has(c))), removed: prsOf([...checked.keys()].filter((c) => lost.has(c))), exact: false };
      } else {
        change = { added: prsOf(await this.mirror.ancestorsOf(head, [...checked.keys()])), removed: [], exact: true };
      }
      const result = await this.store.transaction((client) => this.store.moveBranch(client, repository, branch, head, change));
      summary.branchesMoved++;
      summary.landingsAdded += result.added;
      summary.landingsRemoved += result.removed;
    }
    await this.store.forgetBranchHeads([...heads.keys()]);

    const unchecked = await this.store.uncheckedMergeCommits(repository);
    if (unchecked.length && heads.size > 0) {
      // A few: one `for-each-ref --contains` per merge commit answers for every branch at once. Many
      // (the first sync): one walk per branch. A commit not mirrored yet has landed nowhere; it
      // arrives later through step 1.
      const present = await this.mirror.existingCommits(unchecked.map((u) => u.commit));
      const toCheck = unchecked.filter((u) => present.has(u.commit));
      const landed = new Map<string, number[]>();
      const add = (branch: string, number: number) => landed.set(branch, [...(landed.get(branch) ?? []), number]);
      if (toCheck.length <= PER_COMMIT_LIMIT * 8) {
        for (const { number, commit } of toCheck) for (const branch of await this.mirror.branchesContaining(commit, [...heads.keys()])) add(branch, number);
      } else {
        for (const [branch, head] of heads) {
          const found = await this.mirror.ancestorsOf(head, toCheck.map((u) => u.commit));
          for (const u of toCheck) if (found.has(u.commit)) add(branch, u.number);
        }
      }
      summary.landingsAdded += await this.store.transaction((client) => this.store.recordChecked(client, repository, unchecked, landed));
      summary.pullRequestsChecked = unchecked.length;
    }
    summary.pullRequestCommitsRead = await this.readCommits();
    return summary;
  }

  private async readCommits(): Promise<number> {
    let read = 0;
    const unread = await this.store.unreadCommits(this.options.repository);
    const present = await this.mirror.existingCommits(unread.map((u) => u.commit));
    for (const { number, commit } of unread) {
      // Not fetched yet (merged into a branch that is not tracked, or after this fetch): later.
      if (!present.has(commit)) continue;
      const commits = await this.mirror.pullRequestCommits(commit);
      const messages = commits.map((c) => c.message).join('\n\n');
      const cherryPickedFrom = [...new Set([...messages.matchAll(CHERRY_PICK)].map((m) => m[1]))];
      await this.store.recordCommits(this.options.repository, number, commit, { commits: commits.map((c) => c.sha), cherryPickedFrom, messages: messages.slice(0, MAX_MESSAGES) });
      read++;
    }
    return read;
  }
}
