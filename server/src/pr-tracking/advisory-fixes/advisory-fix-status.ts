import { Injectable, Logger } from '@nestjs/common';
import { DraftService } from '../../advisories/drafts/draft.service';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { PrTrackingService } from '../pr-tracking.service';
import { AdvisoryLinkStore } from '../store/advisory-link.store';

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
  ) {
    this.links = new AdvisoryLinkStore(service.store.pool);
  }

  async run(): Promise<{ advisoryLinksAdded: number; channelsFixed: number }> {
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
    return { advisoryLinksAdded, channelsFixed };
  }
}
