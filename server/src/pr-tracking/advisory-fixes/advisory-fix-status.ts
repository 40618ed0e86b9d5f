import { Injectable, Logger } from '@nestjs/common';
import { DraftService } from '../../advisories/drafts/draft.service';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { NotificationFanout } from '../../advisories/notifications/notification-fanout';
import { PublishService } from '../../advisories/publish/publish.service';
import { PrTrackingService } from '../pr-tracking.service';
import { AdvisoryFixRow, AdvisoryLinkStore, ChannelFixMark } from '../store/advisory-link.store';

type AdvisoryChannels = Awaited<ReturnType<AdvisoryQueryRepository['channels']>>;

// Channels a fix can move to "fixed": a team's "not-affected" (or an existing "fixed") stands.
const OPEN_STATUSES = ['affected', 'unknown'];

/**
 * Links PRs to the advisories they mention (and their cherry-picked backports) and marks an advisory's channel fixed once a linked PR
 * has landed on the branch of the same name (Nixpkgs channels are branches: nixos-24.11, …).
 * Changes go through DraftService as actor `nixsec`, so they are versioned and activity-logged;
 * nixsec's marks are remembered (pr_channel_fix) so a fix taken away by a force-push is taken back.
 * Each landing is applied once (pr_fix_applied): a person who sets the channel back wins over it,
 * and only a PR not applied yet marks the channel fixed again (its activity entry says so).
 * A published advisory's GitHub issue is rewritten when nixsec changed one of its channels.
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
    private readonly publishing: PublishService,
  ) {
    this.links = new AdvisoryLinkStore(service.store.pool);
  }

  async run(): Promise<{
    advisoryLinksAdded: number;
    channelsFixed: number;
    channelsReverted: number;
    fixesAnnounced: number;
    notificationsCreated: number;
    issuesUpdated: number;
  }> {
    const advisoryLinksAdded = (await this.links.linkMentions(this.service.repository)) + (await this.links.linkBackports(this.service.repository));
    const fixes = await this.links.fixes(this.service.repository, null);
    const marks = await this.links.channelMarks();
    const ids = [...new Set([...fixes.map((f) => f.advisoryId), ...marks.map((m) => m.advisoryId)])];
    const channels = await this.advisories.channels(ids);
    const applied = await this.links.appliedFixes(ids);
    let channelsFixed = 0;
    for (const id of ids) {
      for (const c of channels.get(id) ?? []) {
        // `fixes` is in first-seen order: the first new PR on a branch is the one that brought the fix there.
        const landed = fixes.filter((f) => f.advisoryId === id && f.branch === c.channel).map((f) => f.pr);
        const before = applied.get(`${id} ${c.channel}`) ?? new Set<number>();
        const fresh = [...new Set(landed.filter((pr) => !before.has(pr)))];
        if (fresh.length === 0) continue;
        if (!OPEN_STATUSES.includes(c.status)) {
          // Already fixed or not affected: nothing to change, but these landings are used up, so a
          // person who later sets the channel back is not overridden by them.
          await this.links.recordApplied(this.service.repository, id, c.channel, fresh);
          continue;
        }
        const row = await this.advisories.byId(id);
        if (!row) continue;
        const pr = fresh[0];
        const via = `${this.service.repository}#${pr}`;
        // A person set the channel back after nixsec applied earlier PRs: only a new one overrides it, and says so.
        const earlier = [...before].map((n) => `#${n}`).join(', ');
        const reason = earlier ? `${via} landed on ${c.channel}: a new fix since the channel was set back to ${c.status} after ${earlier}` : `${via} landed on ${c.channel}`;
        try {
          // Asked before the change: a crash in between only rewrites the issue once more.
          if (row.state === 'published') await this.links.requestIssueSync(id);
          await this.drafts.setChannelStatus('nixsec', id, row.version, c.channel, 'fixed', { pullRequest: via, reason, ...(earlier ? { overrides: c.status } : {}) });
        } catch (error) {
          // An edit in between (CONFLICT): the next sync tries again with the new version.
          this.logger.warn(`advisory ${row.publicId ?? id}: could not mark ${c.channel} fixed by #${pr}: ${(error as Error).message}`);
          continue;
        }
        channelsFixed++;
        await this.links.recordApplied(this.service.repository, id, c.channel, fresh);
        await this.links.recordMark(this.service.repository, id, c.channel, pr, c.status);
      }
    }
    const channelsReverted = await this.revert(marks, fixes, channels);
    const announced = await this.announce(ids, fixes, channels);
    return { advisoryLinksAdded, channelsFixed, channelsReverted, ...announced, issuesUpdated: await this.syncIssues() };
  }

  /**
   * A channel nixsec marked fixed whose fix is no longer there — a force-push dropped the landing,
   * or the team unlinked the PR, and no other linked PR is on the branch — goes back to the status
   * it had, as actor `nixsec` (versioned, activity-logged). Never over a person's decision: when
   * anyone else changed the channel since nixsec's mark (even to `fixed` again), the mark is
   * forgotten and the channel left as they set it.
   */
  private async revert(marks: ChannelFixMark[], fixes: AdvisoryFixRow[], channels: AdvisoryChannels): Promise<number> {
    const stillLanded = new Set(fixes.map((f) => `${f.advisoryId} ${f.branch}`));
    let reverted = 0;
    for (const mark of marks) {
      if (stillLanded.has(`${mark.advisoryId} ${mark.channel}`)) continue;
      const current = (channels.get(mark.advisoryId) ?? []).find((c) => c.channel === mark.channel);
      if (current?.status !== 'fixed' || (await this.links.changedByOthersSince(mark.advisoryId, mark.channel, mark.activityId))) {
        await this.links.forgetMark(mark.advisoryId, mark.channel);
        continue;
      }
      const row = await this.advisories.byId(mark.advisoryId);
      if (!row) continue;
      const via = mark.pr === null ? 'the linked pull request' : `${this.service.repository}#${mark.pr}`;
      try {
        if (row.state === 'published') await this.links.requestIssueSync(mark.advisoryId);
        await this.drafts.setChannelStatus('nixsec', mark.advisoryId, row.version, mark.channel, mark.previousStatus, {
          ...(mark.pr === null ? {} : { pullRequest: via }),
          reason: `${via} is no longer on ${mark.channel} (force-pushed or unlinked)`,
        });
        await this.links.forgetMark(mark.advisoryId, mark.channel);
        await this.links.forgetApplied(mark.advisoryId, mark.channel);
        reverted++;
        this.logger.warn(`advisory ${row.publicId ?? row.id}: ${mark.channel} back to ${mark.previousStatus}: ${via} is no longer on it`);
      } catch (error) {
        this.logger.warn(`advisory ${row.publicId ?? row.id}: could not set ${mark.channel} back to ${mark.previousStatus}: ${(error as Error).message}`);
      }
    }
    return reverted;
  }

  /**
   * Rewrites the GitHub issue of each published advisory whose channel status nixsec changed,
   * through the advisories module's PublishService (the same rewrite as `syncAdvisoryIssue`).
   * The request is kept until GitHub took it, so a failure is retried by the next sync; rewriting
   * twice writes the same body.
   */
  private async syncIssues(): Promise<number> {
    let updated = 0;
    for (const { advisoryId, requestedAt } of await this.links.pendingIssueSyncs()) {
      const row = await this.advisories.byId(advisoryId);
      if (row?.state !== 'published' || !row.issueNumber) {
        // Archived (its issue is closed) or gone: nothing to show there.
        await this.links.issueSynced(advisoryId, requestedAt);
        continue;
      }
      try {
        await this.publishing.syncIssue('nixsec', advisoryId);
        await this.links.issueSynced(advisoryId, requestedAt);
        updated++;
      } catch (error) {
        this.logger.warn(`advisory ${row.publicId ?? advisoryId}: could not update its GitHub issue (the next sync tries again): ${(error as Error).message}`);
      }
    }
    return updated;
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
