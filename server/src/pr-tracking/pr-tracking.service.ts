import { Injectable, Logger } from '@nestjs/common';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { pgPool } from '../database/pg-pool';
import { GithubClient } from '../github/client/github-client';
import { BranchGraph, parseBranchGraph } from './branch-graph/branch-graph';
import { NixpkgsMirror } from './git/nixpkgs-mirror';
import { LandingSummary, LandingUpdater } from './landings/landing-updater';
import { PrTrackingError } from './pr-tracking.error';
import { LabeledIssueSync } from './pull-requests/labeled-issue-sync';
import { PullRequestSync } from './pull-requests/pull-request-sync';
import { parseUpdatedCursor, UpdatedCursor } from './store/updated-cursor';
import { LabeledIssueRow, LabeledIssueStore } from './store/labeled-issue.store';
import { LandingRow, PullRequestRecord, PullRequestRow, PullRequestStore } from './store/pull-request.store';

// One sync at a time across processes: two fetches into the same mirror would fight over its refs.
const SYNC_LOCK = 'pr-tracking.sync';
const MAX_PAGE = 200;
const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);

export type SyncSummary = Partial<LandingSummary> & { pullRequestsRead?: number; pullRequestsChanged?: number; issuesRead?: number; issuesChanged?: number; skipped?: number };

/** Use cases of PR tracking: the sync (GitHub → mirror → landings), webhook updates, lookups. */
@Injectable()
export class PrTrackingService {
  private readonly logger = new Logger(PrTrackingService.name);
  readonly store: PullRequestStore;
  readonly issues: LabeledIssueStore;
  readonly graph: BranchGraph;
  readonly repository: string;

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly github: GithubClient,
  ) {
    this.store = new PullRequestStore(pgPool(dataSource));
    this.issues = new LabeledIssueStore(pgPool(dataSource));
    // Parsed at start-up so a bad NIXSEC_BRANCH_GRAPH stops the process with the reason.
    this.graph = parseBranchGraph(config.get('NIXSEC_BRANCH_GRAPH'));
    this.repository = config.get('NIXSEC_PR_REPOSITORY');
  }

  get mirror(): NixpkgsMirror {
    return new NixpkgsMirror(path.resolve(this.config.get('NIXSEC_DATA_DIR'), this.config.get('NIXSEC_NIXPKGS_MIRROR')), this.config.get('NIXSEC_NIXPKGS_REMOTE'));
  }

  /** Pull requests from GitHub, then git fetch and landings. Skipped when another sync holds the lock. */
  async sync(options: { pullRequests?: boolean } = {}): Promise<SyncSummary> {
    const lock = await this.store.pool.connect();
    try {
      const { rows } = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [SYNC_LOCK]);
      if (!rows[0].ok) return { skipped: 1 };
      try {
        const lookbackDays = this.config.get('NIXSEC_PR_LOOKBACK_DAYS');
        const prs = options.pullRequests === false ? {} : {
          ...(await new PullRequestSync(this.store, this.github, { repository: this.repository, lookbackDays }).run()),
          ...(await new LabeledIssueSync(this.issues, this.store, this.github, { repository: this.repository, labels: this.trackedLabels, lookbackDays }).run()),
        };
        const landings = await new LandingUpdater(this.store, this.mirror, this.graph, { repository: this.repository, oldestRelease: this.config.get('NIXSEC_PR_OLDEST_RELEASE') }).update();
        this.logger.log(`PR sync: ${JSON.stringify({ ...prs, ...landings })}`);
        return { ...prs, ...landings };
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SYNC_LOCK]);
      }
    } finally {
      lock.release();
    }
  }

  /** A webhook's PR: stored unless the stored copy is newer. */
  upsert(pr: PullRequestRecord): Promise<boolean> {
    return this.store.upsert(pr);
  }

  async pullRequest(number: number): Promise<PullRequestRow | null> {
    return this.store.get(this.repository, number);
  }

  /** PRs with any of `labels` (default NIXSEC_PR_LABELS), newest update first; `first` (1–200) after the cursor. */
  labeled(labels: string[] | null, first: number, after: string | null = null): Promise<{ rows: PullRequestRow[]; hasNext: boolean }> {
    return this.store.withLabels(this.repository, labels?.length ? labels : this.trackedLabels, clamp(first, MAX_PAGE), this.cursor(after, 'labeledPullRequests'));
  }

  /** Issues with any of `labels` (default NIXSEC_PR_LABELS), newest update first; `first` (1–200) after the cursor. */
  labeledIssues(labels: string[] | null, first: number, after: string | null = null): Promise<{ rows: LabeledIssueRow[]; hasNext: boolean }> {
    return this.issues.withLabels(this.repository, labels?.length ? labels : this.trackedLabels, clamp(first, MAX_PAGE), this.cursor(after, 'labeledIssues'));
  }

  private cursor(after: string | null, query: string): UpdatedCursor | null {
    if (after === null) return null;
    const cursor = parseUpdatedCursor(after);
    if (!cursor) throw new PrTrackingError('BAD_USER_INPUT', `after: "${after.slice(0, 60)}" is not a cursor returned by ${query}: pass the endCursor of the previous page.`);
    return cursor;
  }

  get trackedLabels(): string[] {
    return this.config.get('NIXSEC_PR_LABELS').split(',').map((l) => l.trim()).filter(Boolean);
  }

  /** The landings of a known PR; NOT_FOUND names what to check for an unknown one. */
  async landings(number: number): Promise<LandingRow[]> {
    if (!Number.isInteger(number) || number < 1) throw new PrTrackingError('BAD_USER_INPUT', `"${number}" is not a pull request number (a positive whole number such as 345678).`);
    const pr = await this.store.get(this.repository, number);
    if (!pr) {
      throw new PrTrackingError(
        'NOT_FOUND',
        `Pull request ${this.repository}#${number} is not tracked: it does not exist, or was not updated since nixsec started following ${this.repository} (it is picked up at its next update or webhook).`,
      );
    }
    return this.store.landings(this.repository, [number]);
  }
}
