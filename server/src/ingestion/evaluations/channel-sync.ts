import { Pool } from 'pg';
import { isTracked, parseStaticHeads, parseTrackedChannels } from '../channels/channel-config';
import { ChannelHead, fetchChannelHeads } from '../channels/channel-heads.client';
import { parseChannelName } from '../channels/channel-name';
import { channelState } from '../channels/channel-state';

export interface ChannelSyncOptions {
  tracked: string;
  monitoringUrl: string;
  staticHeads?: string;
  fetchImpl?: typeof fetch;
}

export interface ChannelSyncResult {
  /** Tracked channels whose head moved: an evaluation of (channel, revision) is now waiting. */
  toEvaluate: { channel: string; revision: string }[];
  skipped: string[];
}

/**
 * Brings `channel` up to date with the channel heads (monitoring, or a static list) and queues an
 * evaluation for every tracked channel whose head moved. Which channels are tracked is configuration.
 */
export class ChannelSync {
  constructor(private readonly pool: Pool) {}

  async sync(options: ChannelSyncOptions): Promise<ChannelSyncResult> {
    const tracked = parseTrackedChannels(options.tracked);
    const { heads, skipped } = options.staticHeads
      ? { heads: parseStaticHeads(options.staticHeads).map((h) => ({ ...h, status: 'unknown', updatedAt: null, observedAt: new Date() }) as ChannelHead), skipped: [] }
      : await fetchChannelHeads(options.monitoringUrl, options.fetchImpl);
    const toEvaluate: ChannelSyncResult['toEvaluate'] = [];
    const notChannels: string[] = [];
    for (const head of heads) {
      const name = parseChannelName(head.channel);
      if (!name) {
        notChannels.push(head.channel);
        continue;
      }
      const state = channelState(head);
      const { rows } = await this.pool.query<{ previous: string | null }>(
        `WITH old AS (SELECT head_revision FROM channel WHERE name = $1)
         INSERT INTO channel AS c (name, release, variant, state, tracked, head_revision, head_updated_at)
         VALUES ($1, $2, $3, coalesce($4, CASE WHEN $2 = 'unstable' THEN 'unstable' ELSE 'stable' END), $5, $6, $7)
         ON CONFLICT (name) DO UPDATE SET state = coalesce($4, c.state), tracked = EXCLUDED.tracked,
           head_revision = EXCLUDED.head_revision, head_updated_at = EXCLUDED.head_updated_at, updated_at = now()
         RETURNING (SELECT head_revision FROM old) AS previous`,
        [name.name, name.release, name.variant, state, isTracked(name.name, tracked), head.revision, head.updatedAt],
      );
      if (!isTracked(name.name, tracked) || rows[0].previous === head.revision) continue;
      const created = await this.pool.query(
        `INSERT INTO evaluation (channel, revision, status, source) VALUES ($1, $2, 'waiting', 'nix-eval-jobs')
         ON CONFLICT (channel, revision) DO NOTHING`,
        [name.name, head.revision],
      );
      if (created.rowCount) toEvaluate.push({ channel: name.name, revision: head.revision });
    }
    return { toEvaluate, skipped: [...skipped.map((s) => `${s.channel}: ${s.reason}`), ...notChannels.map((c) => `${c}: not a tracked kind of channel`)] };
  }
}
