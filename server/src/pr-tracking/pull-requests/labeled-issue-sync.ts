import { GithubClient } from '../../github/client/github-client';
import { LabeledIssueStore } from '../store/labeled-issue.store';
import { PullRequestStore } from '../store/pull-request.store';

const OVERLAP_MS = 5 * 60_000;

/** Issues with any tracked label updated since the checkpoint (kept next to the PR one, as `issues:<repo>`). */
export class LabeledIssueSync {
  constructor(
    private readonly issues: LabeledIssueStore,
    private readonly checkpoints: PullRequestStore,
    private readonly github: GithubClient,
    private readonly options: { repository: string; labels: string[]; lookbackDays: number },
  ) {}

  async run(): Promise<{ issuesRead: number; issuesChanged: number }> {
    const key = `issues:${this.options.repository}`;
    const since = (await this.checkpoints.checkpoint(key)) ?? new Date(Date.now() - this.options.lookbackDays * 86_400_000);
    let newest = since.getTime();
    let read = 0;
    let changed = 0;
    for (const label of this.options.labels) {
      for await (const issue of this.github.issuesWithLabelSince(this.options.repository, label, since)) {
        read++;
        if (await this.issues.upsert(this.options.repository, issue)) changed++;
        newest = Math.max(newest, issue.updatedAt.getTime());
      }
    }
    await this.checkpoints.setCheckpoint(key, new Date(Math.max(since.getTime(), newest - OVERLAP_MS)));
    return { issuesRead: read, issuesChanged: changed };
  }
}
