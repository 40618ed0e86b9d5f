import {
  ChannelConfigError,
  DEFAULT_TRACKED_CHANNELS,
  isTracked,
  parseStaticHeads,
  parseTrackedChannels,
} from './channel-config';

const SHA_A = '9f4128e00b0ae8ec65918efeba59db998750ead6';
const SHA_B = '5ef6c425980847c78a80d759abc476e941a9bf42';

describe('parseTrackedChannels / isTracked', () => {
  const defaults = parseTrackedChannels(DEFAULT_TRACKED_CHANNELS);

  it.each([
    ['nixos-unstable', true],
    ['nixos-unstable-small', true],
    ['nixpkgs-unstable', true],
    ['nixos-24.11', true],
    ['nixos-24.11-small', true],
    ['nixpkgs-24.11-darwin', true],
    ['nixos-20.03-aarch64', false],
    ['nixpkgs-24.11', false],
    ['master', false],
  ])('the default tracks %s: %s', (channel, expected) => {
    expect(isTracked(channel, defaults)).toBe(expected);
  });

  it.each([
    ['nixos-unstable', 'nixos-unstable', true],
    ['nixos-unstable', 'nixos-unstable-small', false],
    ['nixos-24.11', 'nixos-24.11-small', false],
    ['nixos-*-small', 'nixos-24.11-small', true],
    ['nixos-*-small', 'nixos-unstable-small', true],
    ['nixos-*-small', 'nixos-24.11', false],
    ['nixos-2*', 'nixos-24.11', true],
    ['nixos-2*', 'nixos-unstable', false],
    ['nixos-24.1*', 'nixos-24.11', true],
    ['nixos-24.1*', 'nixos-24.05', false],
    ['nixos-24?11', 'nixos-24.11', false],
    ['*', 'nixpkgs-24.05-darwin', true],
    ['', 'nixos-unstable', false],
  ])('%j tracks %s: %s', (setting, channel, expected) => {
    const tracked = (() => {
      try {
        return parseTrackedChannels(setting);
      } catch {
        return { entries: [], patterns: [] };
      }
    })();
    expect(isTracked(channel, tracked)).toBe(expected);
  });

  it('trims entries, skips empty ones and drops repeats', () => {
    expect(parseTrackedChannels(' nixos-unstable , ,nixos-*,nixos-unstable,').entries).toEqual([
      'nixos-unstable',
      'nixos-*',
    ]);
  });

  it.each([
    ['nixos_unstable', '"nixos_unstable" is not a channel name or pattern'],
    ['nixos-24?11', '"nixos-24?11" is not a channel name or pattern'],
    ['NixOS-unstable', '"NixOS-unstable" is not a channel name or pattern'],
    ['nixos-unstabel', '"nixos-unstabel" is not a channel nixsec can track'],
    ['nixos-20.03-aarch64', '"nixos-20.03-aarch64" is not a channel nixsec can track'],
  ])('refuses %j and names it', (setting, problem) => {
    expect(() => parseTrackedChannels(`nixos-unstable,${setting}`)).toThrow(ChannelConfigError);
    expect(() => parseTrackedChannels(setting)).toThrow(
      `Tracked channels: ${problem}; expected comma-separated channel names (nixos-unstable, nixos-unstable-small, ` +
        'nixpkgs-unstable, nixos-YY.MM, nixos-YY.MM-small or nixpkgs-YY.MM-darwin) or patterns with * (e.g. nixos-*,nixpkgs-*-darwin).',
    );
  });
});

describe('parseStaticHeads', () => {
  it('reads channel=revision pairs', () => {
    expect(parseStaticHeads(` nixos-unstable=${SHA_A}, nixos-24.11 = ${SHA_B.toUpperCase()},`)).toEqual([
      { channel: 'nixos-unstable', revision: SHA_A },
      { channel: 'nixos-24.11', revision: SHA_B },
    ]);
    expect(parseStaticHeads('')).toEqual([]);
  });

  it.each([
    [`nixos-unstable:${SHA_A}`, 'is not one channel=revision pair'],
    [`nixos-unstable=${SHA_A}=x`, 'is not one channel=revision pair'],
    [
      `release-24.11=${SHA_A}`,
      'names "release-24.11", which is not a channel nixsec can track (nixos-unstable, nixos-unstable-small, ' +
        'nixpkgs-unstable, nixos-YY.MM, nixos-YY.MM-small or nixpkgs-YY.MM-darwin)',
    ],
    ['nixos-unstable=9f4128e', 'has revision "9f4128e", which is not a 40-digit hex git commit'],
    ['nixos-unstable=', 'has revision "", which is not a 40-digit hex git commit'],
  ])('refuses %j and names it', (entry, problem) => {
    expect(() => parseStaticHeads(`nixos-24.11=${SHA_B},${entry}`)).toThrow(
      `Static channel heads: "${entry}" ${problem}; expected comma-separated channel=revision pairs with 40-digit hex git commits`,
    );
  });

  it('refuses a channel given twice', () => {
    expect(() => parseStaticHeads(`nixos-unstable=${SHA_A},nixos-unstable=${SHA_B}`)).toThrow(
      `Static channel heads: "nixos-unstable=${SHA_B}" repeats channel nixos-unstable;`,
    );
  });
});
