import { ChannelConfigError } from './channel-config.error';
import { parseChannelName } from './channel-name';

export { ChannelConfigError } from './channel-config.error';

export const DEFAULT_TRACKED_CHANNELS = 'nixos-unstable,nixos-unstable-small,nixpkgs-unstable,nixos-*,nixpkgs-*-darwin';

export interface TrackedChannels {
  /** The entries as configured, deduplicated: channel names and `*` patterns. */
  entries: readonly string[];
  patterns: readonly RegExp[];
}

/** A channel head given in configuration, for setups that cannot reach the NixOS monitoring. */
export interface StaticChannelHead {
  channel: string;
  revision: string;
}

const NAMES = 'nixos-unstable, nixos-unstable-small, nixpkgs-unstable, nixos-YY.MM, nixos-YY.MM-small or nixpkgs-YY.MM-darwin';
const TRACKED_FORMAT = `comma-separated channel names (${NAMES}) or patterns with * (e.g. nixos-*,nixpkgs-*-darwin)`;
const HEADS_FORMAT = 'comma-separated channel=revision pairs with 40-digit hex git commits (e.g. nixos-unstable=<sha>,nixos-24.11=<sha>)';

/** Reads a tracked-channels setting such as DEFAULT_TRACKED_CHANNELS; an empty value tracks no channel. */
export function parseTrackedChannels(value: string): TrackedChannels {
  const entries = [...new Set(splitList(value))];
  for (const entry of entries) {
    if (!/^[a-z0-9.*-]+$/.test(entry)) {
      throw new ChannelConfigError(`Tracked channels: "${entry}" is not a channel name or pattern; expected ${TRACKED_FORMAT}.`);
    }
    if (!entry.includes('*') && !parseChannelName(entry)) {
      throw new ChannelConfigError(`Tracked channels: "${entry}" is not a channel nixsec can track; expected ${TRACKED_FORMAT}.`);
    }
  }
  return { entries, patterns: entries.map(globToRegExp) };
}

/** Patterns only select among channels parseChannelName knows, so `nixos-*` leaves out `nixos-20.03-aarch64`. */
export function isTracked(channel: string, tracked: TrackedChannels): boolean {
  return parseChannelName(channel) !== null && tracked.patterns.some((pattern) => pattern.test(channel));
}

/** Reads a static-heads setting like "nixos-unstable=<sha>,nixos-24.11=<sha>". */
export function parseStaticHeads(value: string): StaticChannelHead[] {
  const heads = new Map<string, StaticChannelHead>();
  for (const entry of splitList(value)) {
    const [channel, revision, ...rest] = entry.split('=').map((part) => part.trim());
    const problem =
      revision === undefined || rest.length > 0
        ? 'is not one channel=revision pair'
        : !parseChannelName(channel)
          ? `names "${channel}", which is not a channel nixsec can track (${NAMES})`
          : !/^[0-9a-f]{40}$/i.test(revision)
            ? `has revision "${revision}", which is not a 40-digit hex git commit`
            : heads.has(channel)
              ? `repeats channel ${channel}`
              : undefined;
    if (problem) throw new ChannelConfigError(`Static channel heads: "${entry}" ${problem}; expected ${HEADS_FORMAT}.`);
    heads.set(channel, { channel, revision: revision!.toLowerCase() });
  }
  return [...heads.values()];
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.]/g, '\\.'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
