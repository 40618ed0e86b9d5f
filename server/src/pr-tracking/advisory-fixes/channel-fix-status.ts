import { BranchGraph, downstreamOf } from '../branch-graph/branch-graph';
import type { EvaluationEvidence } from './evaluation-evidence';

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
  /** fixed: what shows it — a linked PR on the channel's branch, or the channel's latest evaluation. */
  evidence: 'pull-request' | 'evaluation' | null;
  /** evidence evaluation: that evaluation, and the package version it ships. */
  evaluationId: number | null;
  attr: string | null;
  version: string | null;
}

const NO_EVALUATION = { evaluationId: null, attr: null, version: null };

/**
 * Per channel: fixed (a linked PR has landed on the channel's branch, or the channel's latest
 * evaluation ships the package only at versions outside the affected range), fix pending (a PR
 * landed on a branch that flows into the channel, per the branch graph) or not fixed.
 */
export function channelFixStatus(graph: BranchGraph, channels: string[], landings: Landing[], evaluations: ReadonlyMap<string, EvaluationEvidence> = new Map()): ChannelFix[] {
  const byFirstSeen = [...landings].sort((a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || a.pr - b.pr);
  return channels.map((channel): ChannelFix => {
    const fixed = byFirstSeen.find((l) => l.branch === channel);
    if (fixed) return { channel, state: 'fixed', pr: fixed.pr, since: fixed.firstSeen, via: null, evidence: 'pull-request', ...NO_EVALUATION };
    const evaluated = evaluations.get(channel);
    if (evaluated) {
      const { evaluationId, attr, version, finishedAt } = evaluated;
      return { channel, state: 'fixed', pr: null, since: finishedAt, via: null, evidence: 'evaluation', evaluationId, attr, version };
    }
    // Nearest upstream branch first: the fewer steps left to the channel, the further along the fix is.
    const onTheWay = byFirstSeen
      .map((l) => ({ l, steps: downstreamOf(graph, l.branch).indexOf(channel) }))
      .filter((x) => x.steps >= 0)
      .sort((a, b) => a.steps - b.steps)[0];
    if (onTheWay) return { channel, state: 'fix-pending', pr: onTheWay.l.pr, since: onTheWay.l.firstSeen, via: onTheWay.l.branch, evidence: null, ...NO_EVALUATION };
    return { channel, state: 'not-fixed', pr: null, since: null, via: null, evidence: null, ...NO_EVALUATION };
  });
}
