import { PrometheusSample } from './prometheus-vector';

/** Statuses of NixOS/infra's channels.nix; open-ended because the monitoring may add more. */
export type ChannelStatus = 'rolling' | 'beta' | 'stable' | 'deprecated' | 'unmaintained' | (string & {});

export interface ChannelHead {
  channel: string;
  /** The git commit the channel points at: 40 lower-case hex digits. */
  revision: string;
  /** Lower-case, as the monitoring labels it; 'unknown' when it has no status label. */
  status: ChannelStatus;
  /** When the channel last advanced (the monitoring's channel_update_time); null when it does not say. */
  updatedAt: Date | null;
  /** The monitoring's sample time, i.e. when it reported this head. */
  observedAt: Date;
}

export interface SkippedChannel {
  channel: string;
  reason: string;
}

export interface ChannelHeadsResult {
  heads: ChannelHead[];
  skipped: SkippedChannel[];
}

const REVISION = /^[0-9a-f]{40}$/i;

/**
 * Heads from the `channel_revision` series (one per channel, labelled with its revision and status)
 * and the `channel_update_time` series (value: Unix seconds of the channel's last advance). An instant
 * query's sample timestamp is the query's evaluation time, not the channel's, hence the second metric.
 */
export function toChannelHeads(
  revisionSamples: readonly PrometheusSample[],
  updateTimeSamples: readonly PrometheusSample[],
): ChannelHeadsResult {
  const updateTimes = latestUpdateTimes(updateTimeSamples);
  const candidates = new Map<string, ChannelHead[]>();
  const skipped: SkippedChannel[] = [];
  for (const sample of revisionSamples) {
    const channel = sample.labels.channel?.trim() ?? '';
    const revision = sample.labels.revision?.trim() ?? '';
    if (channel === '') {
      skipped.push({ channel, reason: `a channel_revision series has no channel label (revision ${JSON.stringify(revision)})` });
    } else if (revision === '') {
      skipped.push({ channel, reason: 'no revision label' });
    } else if (!REVISION.test(revision)) {
      skipped.push({ channel, reason: `revision ${JSON.stringify(revision)} is not a 40-digit hex git commit` });
    } else {
      const head: ChannelHead = {
        channel,
        revision: revision.toLowerCase(),
        status: sample.labels.status?.trim().toLowerCase() || 'unknown',
        updatedAt: updateTimes.get(channel) ?? null,
        observedAt: new Date(sample.timestamp * 1000),
      };
      candidates.set(channel, [...(candidates.get(channel) ?? []), head]);
    }
  }
  const heads: ChannelHead[] = [];
  for (const [channel, [head, ...others]] of candidates) {
    const revisions = new Set([head.revision, ...others.map((other) => other.revision)]);
    if (revisions.size === 1) {
      heads.push(head);
    } else {
      // Guessing would record a wrong head; the next poll normally sees one series again.
      skipped.push({ channel, reason: `the monitoring reports several revisions (${[...revisions].join(', ')})` });
    }
  }
  const byChannel = (a: { channel: string }, b: { channel: string }) =>
    a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0;
  return { heads: heads.sort(byChannel), skipped: skipped.sort(byChannel) };
}

function latestUpdateTimes(samples: readonly PrometheusSample[]): Map<string, Date> {
  const latest = new Map<string, Date>();
  for (const sample of samples) {
    const channel = sample.labels.channel;
    const seconds = Number(sample.value);
    if (!channel || !Number.isFinite(seconds) || seconds <= 0) continue;
    const time = new Date(seconds * 1000);
    if (time > (latest.get(channel) ?? new Date(0))) latest.set(channel, time);
  }
  return latest;
}
