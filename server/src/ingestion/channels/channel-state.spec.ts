import { channelState, ChannelState } from './channel-state';

describe('channelState', () => {
  it.each<[string, string, ChannelState | null]>([
    ['nixos-unstable', 'rolling', 'unstable'],
    ['nixpkgs-unstable', 'rolling', 'unstable'],
    ['nixos-25.11', 'beta', 'beta'],
    ['nixos-25.05', 'stable', 'stable'],
    ['nixpkgs-24.11-darwin', 'deprecated', 'deprecated'],
    ['nixos-24.11-small', 'unmaintained', 'end-of-life'],
    ['nixos-unstable-small', 'unknown', 'unstable'],
    ['nixos-24.11', 'unknown', null],
    ['nixos-24.11', 'retired', null],
    ['nixos-24.11', 'constructor', null],
  ])('%s with status %s → %s', (channel, status, expected) => {
    expect(channelState({ channel, status })).toBe(expected);
  });
});
