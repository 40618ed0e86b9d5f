import { Injectable } from '@nestjs/common';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { NotificationFanout } from '../../advisories/notifications/notification-fanout';
import { CurrentPackagesReader } from '../../ingestion/evaluations/current-packages.reader';
import { PrTrackingService } from '../pr-tracking.service';
import { AdvisoryLinkStore } from '../store/advisory-link.store';
import { EvaluationFixRow, EvaluationFixStore } from '../store/evaluation-fix.store';
import { EvaluationEvidenceReader } from './evaluation-evidence';

// One run at a time: two would read the same checkpoint and announce the same fixes (harmless, the
// notifications are deduplicated, but the counts would lie).
const LOCK = 'pr-tracking.evaluation-fixes';
const PAGE = 500;

export interface EvaluationFixSummary {
  evaluationsFollowed: number;
  evaluationFixesAnnounced: number;
  evaluationNotificationsCreated: number;
  /** Upgrade baseline: evidence that existed before, recorded as told without telling anyone. */
  evaluationFixesAlreadyKnown: number;
}

/**
 * A channel shown fixed by evaluation evidence (its latest evaluation ships every attribute of the
 * advisory at a version none of its CVEs affects) is announced like a PR landing on it: once per
 * (published advisory, channel), through the same record (pr_fix_notification) and the same
 * notification dedupe key, so whichever way the fix is seen first, it is told once. Follows the
 * evaluations completed since its checkpoint, and looks only at their channels.
 */
@Injectable()
export class EvaluationFixAnnouncer {
  private readonly store: EvaluationFixStore;
  private readonly links: AdvisoryLinkStore;
  private readonly evaluations: CurrentPackagesReader;

  constructor(
    service: PrTrackingService,
    private readonly evidence: EvaluationEvidenceReader,
    private readonly advisories: AdvisoryQueryRepository,
    private readonly notifications: NotificationFanout,
  ) {
    this.store = new EvaluationFixStore(service.store.pool);
    this.links = new AdvisoryLinkStore(service.store.pool);
    this.evaluations = new CurrentPackagesReader(service.store.pool);
  }

  async run(): Promise<EvaluationFixSummary> {
    const summary: EvaluationFixSummary = { evaluationsFollowed: 0, evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0, evaluationFixesAlreadyKnown: 0 };
    const lock = await this.store.pool.connect();
    try {
      const { rows } = await lock.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [LOCK]);
      if (!rows[0].ok) return summary;
      try {
        const { stamp, baselinePending } = await this.store.followState();
        const completed = await this.evaluations.completedAfter(stamp);
        if (completed.length === 0 && !baselinePending) return summary;
        summary.evaluationsFollowed = completed.length;
        // The baseline after an upgrade looks at every channel; afterwards, only the channels just evaluated.
        const due = await this.evidenceFixes(baselinePending ? null : new Set(completed.map((e) => e.channel)));
        if (baselinePending) {
          summary.evaluationFixesAlreadyKnown = await this.store.recordAnnounced(due);
        } else if (due.length > 0) {
          summary.evaluationNotificationsCreated = await this.notifications.notifyFixesLanded(
            due.map((f) => ({ advisoryId: f.advisoryId, channel: f.channel, evaluationId: f.evaluationId, attr: f.attr, version: f.version })),
          );
          summary.evaluationFixesAnnounced = await this.store.recordAnnounced(due);
        }
        await this.store.setFollowed(completed.at(-1)?.stamp ?? stamp);
        return summary;
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK]);
      }
    } finally {
      lock.release();
    }
  }

  /** Published advisories' channels (of `channels`, all when null; not marked not-affected) shown fixed by evidence and not told yet. */
  private async evidenceFixes(channels: ReadonlySet<string> | null): Promise<Array<EvaluationFixRow & { attr: string; version: string }>> {
    const due: Array<EvaluationFixRow & { attr: string; version: string }> = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.advisories.list({ states: ['published'] }, PAGE, after);
      const ids = page.rows.map((r) => r.id);
      const [advisoryChannels, announced] = await Promise.all([this.advisories.channels(ids), this.links.announcedFixes(ids)]);
      const open = new Map(
        ids.map((id) => [
          id,
          (advisoryChannels.get(id) ?? [])
            .filter((c) => c.status !== 'not-affected' && (channels === null || channels.has(c.channel)) && !announced.has(`${id} ${c.channel}`))
            .map((c) => c.channel),
        ]),
      );
      for (const [id, evidence] of await this.evidence.forAdvisories(open)) {
        for (const [channel, e] of evidence) {
          due.push({ advisoryId: id, channel, evaluationId: e.evaluationId, finishedAt: e.finishedAt, attr: e.attr, version: e.version });
        }
      }
      if (!page.hasNext) break;
      after = AdvisoryQueryRepository.cursor(page.rows[page.rows.length - 1]);
    }
    return due;
  }
}
