import { GithubClient } from '../../github/client/github-client';
import { PullRequestStore } from '../store/pull-request.store';
import { fromRest } from './pull-request-mapping';

// GitHub's list is ordered by update time but not instantly consistent: each poll re-reads this
// much before the newest update it saw (upserts are idempotent), so a late-indexed PR is not skipped.
const OVERLAP_MS = 5 * 60_000;

/** Pull requests updated since the stored checkpoint (or `lookbackDays` on the first run). */
export class PullRequestSync {
  constructor(
    private readonly store: PullRequestStore,
    private readonly github: GithubClient,
    private readonly options: { repository: string; lookbackDays: number },
  ) {}

  async run(): Promise<{ pullRequestsRead: number; pullRequestsChanged: number }> {
    const { repository } = this.options;
    const since = (await this.store.checkpoint(repository)) ?? new Date(Date.now() - this.options.lookbackDays * 86_400_000);
    let newest = since.getTime();
    let read = 0;
    let changed = 0;
    for await (const pr of this.github.pullRequestsUpdatedSince(repository, since, { state: 'all' })) {
      read++;
      if (await this.store.upsert(fromRest(repository, pr))) changed++;
      newest = Math.max(newest, pr.updatedAt.getTime());
    }
    await this.store.setCheckpoint(repository, new Date(Math.max(since.getTime(), newest - OVERLAP_MS)));
    return { pullRequestsRead: read, pullRequestsChanged: changed };
  }
}
