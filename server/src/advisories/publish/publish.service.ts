import { Injectable, Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { GithubClient } from '../../github/client/github-client';
import type { GithubIssue } from '../../github/client/github.types';
import { CveQueryRepository } from '../../ingestion/graphql/cve-query.repository';
import { recordActivity } from '../advisory-activity';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryContent, AdvisoryStore } from '../drafts/advisory.store';
import { NotificationJobs } from '../notifications/notification.jobs';
import { IssueCve, issueBody, issueMarker, issueTitle } from './issue-body';

// A retry looks for an issue an earlier attempt created from this long before that attempt began.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Publishing: a draft becomes one GitHub issue. Idempotent under retries: the public id and
 * `publish_started_at` are committed before GitHub is called, the body carries a marker, and a
 * retry first looks for an issue with that marker, so a lost answer never makes a second issue.
 */
@Injectable()
export class PublishService {
  private readonly pool: Pool;
  private readonly logger = new Logger(PublishService.name);

  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly github: GithubClient,
    private readonly cves: CveQueryRepository,
    private readonly notifications: NotificationJobs,
  ) {
    this.pool = pgPool(dataSource);
  }

  async publish(actor: string, id: number, version: number): Promise<AdvisoryContent> {
    const prepared = await withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const row = await store.lock(id);
      if (row.state !== 'draft') return null;
      await store.checkVersion(row, version);
      const content = await store.content(id);
      if (content.cveIds.length === 0) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} has no CVE: accept a suggestion into it first.`);
      if (content.packages.length === 0) throw new AdvisoryError('BAD_USER_INPUT', `Advisory ${id} names no package: add the affected packages before publishing.`);
      await client.query(
        `UPDATE advisory SET public_id = coalesce(public_id, $2), repository = coalesce(repository, $3), publish_started_at = coalesce(publish_started_at, now()) WHERE id = $1`,
        [id, row.publicId ?? (await nextPublicId(client)), this.config.get('NIXSEC_ADVISORY_REPOSITORY')],
      );
      return store.content(id);
    });
    if (!prepared) {
      // Published already (a retry after the first attempt completed): the answer is the same.
      return withTransaction(this.pool, (client) => new AdvisoryStore(client).content(id));
    }
    const a = prepared.advisory;
    const repository = a.repository!;
    const issue = await this.githubStep(`publish ${a.publicId}`, async () => {
      const body = await this.render(prepared);
      const since = new Date(a.publishStartedAt!.getTime() - CLOCK_SKEW_MS);
      return (
        (await this.github.findIssueByBodyMarker(repository, issueMarker(a.publicId!), since)) ??
        (await this.github.createIssue(repository, { title: issueTitle(prepared), body, labels: this.labels() }))
      );
    });
    const published = await withTransaction(this.pool, async (client) => {
      const store = new AdvisoryStore(client);
      const row = await store.lock(id);
      if (row.state === 'draft') {
        await client.query(
          `UPDATE advisory SET state = 'published', issue_number = $2, issue_url = $3, published_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          [id, issue.number, issue.htmlUrl],
        );
        await recordActivity(client, { actor, action: 'advisory.published', subjectType: 'advisory', subjectId: id, after: { publicId: a.publicId, issue: issue.htmlUrl } });
      }
      return store.content(id);
    });
    // Maintainers and subscribers hear of it now rather than at the next scheduled run.
    await this.notifications.enqueue().catch((err: Error) => this.logger.warn({ err: err.message }, 'could not queue notifications; the scheduled run sends them'));
    return published;
  }

  /** Rewrites the GitHub issue of a published advisory from its current content (after edits). */
  async syncIssue(actor: string, id: number): Promise<AdvisoryContent> {
    const content = await withTransaction(this.pool, (client) => new AdvisoryStore(client).content(id));
    const a = content.advisory;
    if (a.state === 'draft' || !a.issueNumber) throw new AdvisoryError('ILLEGAL_TRANSITION', `Advisory ${id} is a draft: publish it first.`);
    const body = await this.render(content);
    await this.githubStep(`update the issue of ${a.publicId}`, () => this.github.updateIssue(a.repository!, a.issueNumber!, { title: issueTitle(content), body }));
    await withTransaction(this.pool, (client) =>
      recordActivity(client, { actor, action: 'advisory.issue-updated', subjectType: 'advisory', subjectId: id, after: { issue: a.issueUrl } }),
    );
    return content;
  }

  /** The `issues` webhook: closing the issue archives the advisory, reopening publishes it again. Idempotent. */
  async onIssueEvent(repository: string, issue: Pick<GithubIssue, 'number' | 'state'>, action: string, sender: string): Promise<void> {
    if (action !== 'closed' && action !== 'reopened') return;
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: number; state: string }>(
        `SELECT id, state FROM advisory WHERE lower(repository) = lower($1) AND issue_number = $2 FOR UPDATE`,
        [repository, issue.number],
      );
      const row = rows[0];
      if (!row) return;
      const to = action === 'closed' ? 'archived' : 'published';
      if (row.state === to || row.state === 'draft') return;
      await client.query(
        `UPDATE advisory SET state = $2, archived_at = CASE WHEN $2 = 'archived' THEN now() END, version = version + 1, updated_at = now() WHERE id = $1`,
        [row.id, to],
      );
      await recordActivity(client, {
        actor: `github:${sender}`, action: to === 'archived' ? 'advisory.archived' : 'advisory.reopened', subjectType: 'advisory', subjectId: row.id,
        before: { state: row.state }, after: { state: to }, details: { issue: `${repository}#${issue.number}` },
      });
    });
  }

  private labels(): string[] {
    return this.config.get('NIXSEC_ADVISORY_LABELS').split(',').map((l) => l.trim()).filter(Boolean);
  }

  private async render(content: AdvisoryContent): Promise<string> {
    const found = await this.cves.getMany(content.cveIds);
    const cves: IssueCve[] = await Promise.all(
      content.cveIds.map(async (id) => ({ id, title: found.get(id)?.title ?? null, description: found.get(id)?.description ?? null, metrics: await this.cves.metrics(id) })),
    );
    const ping = await Promise.all(
      content.maintainers.filter((m) => m.ping).map(async (m) => (await this.github.getUserById(m.githubId).catch(() => null))?.login ?? m.login),
    );
    return issueBody({ content, cves, ping, pingEnabled: this.config.get('NIXSEC_ADVISORY_PING_MAINTAINERS'), publicUrl: this.config.publicUrl });
  }

  private async githubStep<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, `GitHub failed to ${what}`);
      throw new AdvisoryError('GITHUB_UNAVAILABLE', `GitHub failed to ${what} (${(err as Error).message}). Nothing is lost: try again — it will not create a second issue.`);
    }
  }
}

/** NIXPKGS-YYYY-NNNN, counted per year in one row, so concurrent publishes never share a number. */
async function nextPublicId(client: PoolClient): Promise<string> {
  const { rows } = await client.query<{ year: number; last: number }>(
    `INSERT INTO advisory_id_counter (year, last) VALUES (extract(year FROM now())::int, 1)
     ON CONFLICT (year) DO UPDATE SET last = advisory_id_counter.last + 1 RETURNING year, last`,
  );
  return `NIXPKGS-${rows[0].year}-${String(rows[0].last).padStart(4, '0')}`;
}
