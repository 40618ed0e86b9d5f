import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { CveQueryRepository } from '../../ingestion/graphql/cve-query.repository';
import { SuggestionPackageGroup, SuggestionTriageStore, TriagedSuggestion } from '../../linkage/store/suggestion-triage.store';
import { recordActivity } from '../advisory-activity';
import { AdvisoryError } from '../advisory.error';
import { AdvisoryPackage, AdvisoryStore, channelsFromLinks } from '../drafts/advisory.store';
import { assertSuggestionTransition, DismissalReason, DISMISSAL_REASONS, IllegalTransitionError, isDismissalReason } from '../lifecycle/lifecycle';

export interface BulkResult {
  changed: number[];
  skipped: { id: number; message: string }[];
}

/**
 * One action per decision on a pending suggestion: dismiss (with a reason), restore, or accept
 * into a draft advisory — a new one, or an existing draft (several CVEs in one advisory).
 */
@Injectable()
export class TriageService {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    private readonly cves: CveQueryRepository,
  ) {
    this.pool = pgPool(dataSource);
  }

  /** Dismisses each pending suggestion; the rest are skipped with the reason (someone else got there first). */
  async dismiss(actor: string, ids: readonly number[], reason: string, comment: string | null): Promise<BulkResult> {
    if (!isDismissalReason(reason)) {
      throw new AdvisoryError('BAD_USER_INPUT', `"${reason}" is not a dismissal reason: use one of ${DISMISSAL_REASONS.join(', ')}.`);
    }
    if (reason === 'other' && !comment?.trim()) {
      throw new AdvisoryError('BAD_USER_INPUT', 'Dismissing with reason "other" needs a comment saying why.');
    }
    return this.bulk(ids, 'dismissed', async (store, s) => {
      await store.update(s.id, { status: 'dismissed', dismissalReason: reason as DismissalReason, dismissalDetail: comment?.trim() || null, dismissedBy: actor });
    }, actor, 'suggestion.dismissed', { reason, comment });
  }

  async restore(actor: string, ids: readonly number[]): Promise<BulkResult> {
    return this.bulk(ids, 'pending', async (store, s) => {
      await store.update(s.id, { status: 'pending' });
    }, actor, 'suggestion.restored', {});
  }

  /**
   * Accepts suggestions into one draft: a new draft (title from the first CVE and package), or
   * `intoAdvisoryId`, a draft that exists. Packages, per-channel status and maintainers are
   * copied from the suggestions, so the draft stays as triaged whatever re-linking does later.
   */
  async accept(actor: string, ids: readonly number[], intoAdvisoryId: number | null, expectedVersion: number | null): Promise<number> {
    if (ids.length === 0) throw new AdvisoryError('BAD_USER_INPUT', 'Name at least one suggestion to accept.');
    return withTransaction(this.pool, async (client) => {
      const store = new SuggestionTriageStore(client);
      const advisories = new AdvisoryStore(client);
      const suggestions = await this.lockAll(store, ids);
      for (const s of suggestions) this.check(s, 'accepted');
      const groups = await store.packageGroups(suggestions.map((s) => s.id));
      let advisoryId = intoAdvisoryId;
      if (advisoryId != null) {
        const target = await advisories.lock(advisoryId);
        if (target.state !== 'draft') throw new AdvisoryError('ILLEGAL_TRANSITION', `Advisory ${target.publicId} is ${target.state}: only drafts take more CVEs.`);
        if (expectedVersion != null) await advisories.checkVersion(target, expectedVersion);
      } else {
        advisoryId = await advisories.create(await this.draftFields(suggestions, groups), actor);
      }
      const packages = groups.map((g): AdvisoryPackage => ({ attr: g.displayAttr, attrs: g.attrs, source: 'suggestion', links: g.members }));
      await advisories.addCves(advisoryId, suggestions.map((s) => s.cveId));
      await advisories.addPackages(advisoryId, packages);
      const content = await advisories.content(advisoryId);
      await advisories.setChannels(advisoryId, channelsFromLinks(content.packages.flatMap((p) => p.links)));
      const maintainers = await new PackageMaintainersReader(client).forAttrs([...new Set(packages.flatMap((p) => p.attrs))]);
      await advisories.addMaintainers(advisoryId, uniqueBy(maintainers, (m) => m.githubId).map((m) => ({ githubId: m.githubId, login: m.login, source: 'package', ping: true })));
      for (const s of suggestions) await store.update(s.id, { status: 'accepted', advisoryId });
      const version = await advisories.bump(advisoryId);
      await recordActivity(client, {
        actor,
        action: intoAdvisoryId == null ? 'advisory.created' : 'advisory.cves-added',
        subjectType: 'advisory',
        subjectId: advisoryId,
        after: { cveIds: suggestions.map((s) => s.cveId), packages: packages.map((p) => p.attr) },
        undo: { kind: 'accept', advisoryId, advisoryVersion: version, created: intoAdvisoryId == null, snapshots: suggestions },
      });
      for (const s of suggestions) {
        await recordActivity(client, { actor, action: 'suggestion.accepted', subjectType: 'suggestion', subjectId: s.id, before: { status: s.status }, after: { status: 'accepted', advisoryId } });
      }
      return advisoryId;
    });
  }

  private async bulk(
    ids: readonly number[],
    to: TriagedSuggestion['status'],
    apply: (store: SuggestionTriageStore, s: TriagedSuggestion) => Promise<void>,
    actor: string,
    action: string,
    details: Record<string, unknown>,
  ): Promise<BulkResult> {
    if (ids.length === 0) throw new AdvisoryError('BAD_USER_INPUT', 'Name at least one suggestion.');
    if (ids.length > 1000) throw new AdvisoryError('BAD_USER_INPUT', `${ids.length} suggestions at once is too many: act on at most 1,000.`);
    return withTransaction(this.pool, async (client) => {
      const store = new SuggestionTriageStore(client);
      const suggestions = await this.lockAll(store, ids);
      const result: BulkResult = { changed: [], skipped: [] };
      const changed: TriagedSuggestion[] = [];
      for (const s of suggestions) {
        try {
          this.check(s, to);
        } catch (err) {
          if (!(err instanceof AdvisoryError)) throw err;
          result.skipped.push({ id: s.id, message: err.message });
          continue;
        }
        await apply(store, s);
        changed.push(s);
        result.changed.push(s.id);
        await recordActivity(client, { actor, action, subjectType: 'suggestion', subjectId: s.id, before: { status: s.status, reason: s.dismissalReason }, after: { status: to, ...details } });
      }
      if (changed.length > 0) {
        // One undo for the whole bulk action, on the first suggestion's log entry.
        await recordActivity(client, { actor, action: `${action}.bulk`, subjectType: 'suggestion', subjectId: changed[0].id, details: { count: changed.length }, undo: { kind: 'suggestions', snapshots: changed } });
      }
      return result;
    });
  }

  private async lockAll(store: SuggestionTriageStore, ids: readonly number[]): Promise<TriagedSuggestion[]> {
    const suggestions = await store.lock(ids);
    const missing = ids.filter((id) => !suggestions.some((s) => s.id === id));
    if (missing.length > 0) throw new AdvisoryError('NOT_FOUND', `There is no suggestion ${missing.join(', ')}: the suggestions query lists them.`);
    return suggestions;
  }

  private check(s: TriagedSuggestion, to: TriagedSuggestion['status']): void {
    try {
      assertSuggestionTransition(`The suggestion for ${s.cveId}`, s.status, to);
    } catch (err) {
      if (err instanceof IllegalTransitionError) throw new AdvisoryError('ILLEGAL_TRANSITION', err.message, { suggestionId: s.id, status: s.status });
      throw err;
    }
  }

  private async draftFields(suggestions: TriagedSuggestion[], groups: SuggestionPackageGroup[]) {
    const found = await this.cves.getMany(suggestions.map((s) => s.cveId));
    const rows = [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
    const first = rows[0];
    const subject = first?.title?.trim() || first?.description?.split(/(?<=\.)\s/)[0]?.slice(0, 120) || first?.id || suggestions[0].cveId;
    const pkg = groups.find((g) => g.suggestionId === suggestions[0].id)?.displayAttr;
    return {
      title: `${pkg ? `${pkg}: ` : ''}${subject}`.slice(0, 200),
      description: rows.map((r) => r.description ?? '').filter(Boolean).join('\n\n'),
      severityOverride: null,
      references: rows.flatMap((r) => [`https://nvd.nist.gov/vuln/detail/${r.id}`, `https://www.cve.org/CVERecord?id=${r.id}`]),
      notes: '',
    };
  }
}

function uniqueBy<T>(items: T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}
