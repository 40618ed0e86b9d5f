import { Injectable, Logger } from '@nestjs/common';
import { DraftService } from '../../advisories/drafts/draft.service';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { NotificationFanout } from '../../advisories/notifications/notification-fanout';
import { PrTrackingService } from '../pr-tracking.service';
import { AdvisoryFixRow, AdvisoryLinkStore } from '../store/advisory-link.store';

type AdvisoryChannels = Awaited<ReturnType<AdvisoryQueryRepository['channels']>>;

// Channels a fix can move to "fixed": a team's "not-affected" (or an existing "fixed") stands.
const OPEN_STATUSES = ['affected', 'unknown'];

/**
 * Links PRs to the advisories they mention (and their cherry-picked backports) and marks an advisory's channel fixed once a linked PR
 * has landed on the branch of the same name (Nixpkgs channels are branches: nixos-24.11, …).
 * Changes go through DraftService as actor `nixsec`, so they are versioned and activity-logged.
 */
@Injectable()
export class AdvisoryFixStatus {
  private readonly logger = new Logger(AdvisoryFixStatus.name);
  readonly links: AdvisoryLinkStore;

  constructor(
    private readonly service: PrTrackingService,
    private readonly drafts: DraftService,
    private readonly advisories: AdvisoryQueryRepository,
    private readonly notifications: NotificationFanout,
  ) {
    this.links = new AdvisoryLinkStore(service.store.pool);
  }

  async run(): Promise<{ advisoryLinksAdded: number; channelsFixed: number; fixesAnnounced: number; notificationsCreated: number }> {
    const advisoryLinksAdded = (await this.links.linkMentions(this.service.repository)) + (await this.links.linkBackports(this.service.repository));
    const fixes = await this.links.fixes(this.service.repository, null);
    const ids = [...new Set(fixes.map((f) => f.advisoryId))];
    const channels = await this.advisories.channels(ids);
    let channelsFixed = 0;
    for (const id of ids) {
      const landed = new Map(fixes.filter((f) => f.advisoryId === id).map((f) => [f.branch, f.pr]));
      for (const c of channels.get(id) ?? []) {
        if (!OPEN_STATUSES.includes(c.status) || !landed.has(c.channel)) continue;
        const row = await this.advisories.byId(id);
        if (!row) continue;
        try {
          await this.drafts.setChannelStatus('nixsec', id, row.version, c.channel, 'fixed');
          channelsFixed++;
        } catch (error) {
          // An edit in between (CONFLICT): the next sync tries again with the new version.
          this.logger.warn(`advisory ${row.publicId ?? id}: could not mark ${c.channel} fixed by #${landed.get(c.channel)}: ${(error as Error).message}`);
        }
      }
    }
    return { advisoryLinksAdded, channelsFixed, ...(await this.announce(ids, fixes, channels)) };
  }

  /**
   * A linked PR reached one of a published advisory's channels (not one the team marked
   * not-affected) for the first time: its audience is told through the advisories module's
   * notifications, and the (advisory, channel) pair is recorded so it is told once — a landing
   * removed by a force-push and seen again, or a second PR reaching the same channel, says nothing
   * new. The notifications are deduplicated per user too, so a crash before the record only
   * repeats a no-op. Drafts (and archived advisories) are not announced nor recorded: a draft's fixes are news once published.
   */
  private async announce(ids: number[], fixes: AdvisoryFixRow[], channels: AdvisoryChannels): Promise<{ fixesAnnounced: number; notificationsCreated: number }> {
    const announced = await this.links.announcedFixes(ids);
    const due: Array<{ advisoryId: number; channel: string; repository: string; pr: number; firstSeen: Date }> = [];
    // `fixes` is in first-seen order: the first one on a branch is the PR that brought the fix there.
    const firstOn = new Map<string, AdvisoryFixRow>();
    for (const f of fixes) if (!firstOn.has(`${f.advisoryId} ${f.branch}`)) firstOn.set(`${f.advisoryId} ${f.branch}`, f);
    const published = new Map<number, boolean>();
    for (const id of ids) {
      for (const c of channels.get(id) ?? []) {
        const key = `${id} ${c.channel}`;
        const first = firstOn.get(key);
        if (!first || c.status === 'not-affected' || announced.has(key)) continue;
        if (!published.has(id)) published.set(id, (await this.advisories.byId(id))?.state === 'published');
        if (published.get(id)) due.push({ advisoryId: id, channel: c.channel, repository: this.service.repository, pr: first.pr, firstSeen: first.firstSeen });
      }
    }
    if (due.length === 0) return { fixesAnnounced: 0, notificationsCreated: 0 };
    const notificationsCreated = await this.notifications.notifyFixesLanded(due);
    const fixesAnnounced = await this.links.recordAnnounced(this.service.repository, due);
    return { fixesAnnounced, notificationsCreated };
  }
}
