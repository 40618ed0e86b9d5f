import { BranchGraph, downstreamOf } from '../branch-graph/branch-graph';

export interface Landing {
  pr: number;
  branch: string;
  firstSeen: Date;
}

export type ChannelFixState = 'fixed' | 'fix-pending' | 'not-fixed';

export interface ChannelFix {
  channel: string;
  state: ChannelFixState;
  /** The PR that fixed it (earliest seen), or the one on its way. */
  pr: number | null;
  /** fixed: when that PR was first seen on the channel; fix-pending: on the branch it is on now. */
  since: Date | null;
  /** fix-pending: the furthest branch the fix has reached on its way to the channel. */
  via: string | null;
}

/**
 * Per channel: fixed (a linked PR has landed on the channel's branch), fix pending (one landed on a
 * branch that flows into the channel, per the branch graph) or not fixed.
 */
export function channelFixStatus(graph: BranchGraph, channels: string[], landings: Landing[]): ChannelFix[] {
  const byFirstSeen = [...landings].sort((a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || a.pr - b.pr);
  return channels.map((channel): ChannelFix => {
    const fixed = byFirstSeen.find((l) => l.branch === channel);
    if (fixed) return { channel, state: 'fixed', pr: fixed.pr, since: fixed.firstSeen, via: null };
    // Nearest upstream branch first: the fewer steps left to the channel, the further along the fix is.
    const onTheWay = byFirstSeen
      .map((l) => ({ l, steps: downstreamOf(graph, l.branch).indexOf(channel) }))
      .filter((x) => x.steps >= 0)
      .sort((a, b) => a.steps - b.steps)[0];
    if (onTheWay) return { channel, state: 'fix-pending', pr: onTheWay.l.pr, since: onTheWay.l.firstSeen, via: onTheWay.l.branch };
    return { channel, state: 'not-fixed', pr: null, since: null, via: null };
  });
}
