import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { FixLanded, NotifiableEvent, planNotifications } from './notification-plan';
import { CheckpointName, EventCursor, NotificationStore } from './notification.store';

const PAGE = 500;
/**
 * Event times are transaction start times (`now()`), so a transaction that began before the newest
 * event we saw may commit after we read. Each run re-reads this far behind its checkpoint; the
 * notification table's UNIQUE (github_id, dedupe_key) makes the re-read free of duplicates. Any
 * writer of suggestions or publish entries commits well within it (one linker batch, one publish).
 */
export const OVERLAP_SECONDS = 15 * 60;

export interface FanoutSummary {
  suggestions: number;
  advisories: number;
  created: number;
}

type Source = { name: CheckpointName; read: (store: NotificationStore, after: EventCursor, limit: number) => Promise<Array<NotifiableEvent & { cursor: EventCursor }>> };

const SOURCES: Record<'suggestions' | 'advisories', Source> = {
  suggestions: { name: 'suggestions', read: (store, after, limit) => store.newSuggestions(after, limit) },
  advisories: { name: 'advisories', read: (store, after, limit) => store.publishedAdvisories(after, limit) },
};

/**
 * Follows new suggestions and published advisories from a checkpoint per source and notifies
 * their packages' maintainers and the subscribers of their packages and channels, as each user's
 * switches allow. A page's notifications and the checkpoint commit together; a crash resumes from
 * the last committed page, and any re-read inserts nothing twice.
 */
@Injectable()
export class NotificationFanout {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  async run(): Promise<FanoutSummary> {
    const suggestions = await this.follow(SOURCES.suggestions);
    const advisories = await this.follow(SOURCES.advisories);
    return { suggestions: suggestions.events, advisories: advisories.events, created: suggestions.created + advisories.created };
  }

  /**
   * A fix of each advisory reached a channel (PR tracking, when a linked pull request lands on a
   * channel's branch, or the channel's evaluation ships the package outside the affected range): the advisory's maintainers, its packages' maintainers and the subscribers of
   * its packages and of that channel hear about it, as their switches allow. Only published
   * advisories; once per user, advisory and channel however often it is called. Returns how many
   * notifications were new.
   */
  async notifyFixesLanded(fixes: ReadonlyArray<FixLanded & { advisoryId: number }>): Promise<number> {
    if (fixes.length === 0) return 0;
    const advisories = await new NotificationStore(this.pool).advisoriesByIds([...new Set(fixes.map((f) => f.advisoryId))]);
    const events: NotifiableEvent[] = fixes.flatMap(({ advisoryId, ...fix }) => {
      const advisory = advisories.get(advisoryId);
      return advisory ? [{ ...advisory, kind: 'advisory.fix-landed' as const, channels: [fix.channel], fix }] : [];
    });
    if (events.length === 0) return 0;
    const planned = planNotifications(events, await this.audience(events));
    return new NotificationStore(this.pool).insert(planned);
  }

  private async follow(source: Source): Promise<{ events: number; created: number }> {
    const reader = new NotificationStore(this.pool);
    let cursor = await reader.startOf(source.name, OVERLAP_SECONDS);
    let events = 0;
    let created = 0;
    for (;;) {
      const page = await source.read(reader, cursor, PAGE);
      if (page.length === 0) break;
      const planned = planNotifications(page, await this.audience(page));
      cursor = page[page.length - 1].cursor;
      const last = cursor.at;
      created += await withTransaction(this.pool, async (client) => {
        const store = new NotificationStore(client);
        const inserted = await store.insert(planned);
        await store.advance(source.name, last);
        return inserted;
      });
      events += page.length;
      if (page.length < PAGE) break;
    }
    return { events, created };
  }

  private async audience(events: readonly NotifiableEvent[]) {
    const attrs = [...new Set(events.flatMap((e) => e.attrs))];
    const channels = [...new Set(events.flatMap((e) => e.channels))];
    const maintainers = new Map<string, number[]>();
    for (const m of await new PackageMaintainersReader(this.pool).forAttrs(attrs)) {
      const ids = maintainers.get(m.attr) ?? [];
      if (!ids.includes(Number(m.githubId))) ids.push(Number(m.githubId));
      maintainers.set(m.attr, ids);
    }
    const subscriptions = await new NotificationStore(this.pool).subscribersOf(attrs, channels);
    const people = [...new Set([...[...maintainers.values()].flat(), ...subscriptions.map((s) => s.githubId), ...events.flatMap((e) => e.watchers ?? [])])];
    const switches = await new NotificationStore(this.pool).switchesOf(people);
    return { maintainers, subscriptions, switches };
  }
}
