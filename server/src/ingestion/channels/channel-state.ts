import { ChannelHead } from './channel-heads';
import { parseChannelName } from './channel-name';

export type ChannelState = 'unstable' | 'stable' | 'beta' | 'deprecated' | 'end-of-life';

/** NixOS/infra channels.nix: rolling (*-unstable), then per release beta → stable → deprecated → unmaintained. */
const STATE_BY_STATUS: Readonly<Record<string, ChannelState>> = {
  rolling: 'unstable',
  beta: 'beta',
  stable: 'stable',
  deprecated: 'deprecated',
  unmaintained: 'end-of-life',
};

/**
 * The lifecycle state of a channel from its monitoring status. Without a known status (a static head,
 * or a status the monitoring added later) only unstable channels have an evident state; others get
 * null, so callers keep what they knew rather than guess.
 */
export function channelState(head: Pick<ChannelHead, 'channel' | 'status'>): ChannelState | null {
  const state = Object.hasOwn(STATE_BY_STATUS, head.status) ? STATE_BY_STATUS[head.status] : undefined;
  if (state) return state;
  return parseChannelName(head.channel)?.release === 'unstable' ? 'unstable' : null;
}
