import { ChannelName, parseChannelName } from './channel-name';

describe('parseChannelName', () => {
  it.each<[string, Omit<ChannelName, 'name'>]>([
    ['nixos-unstable', { release: 'unstable', variant: 'nixos' }],
    ['nixos-unstable-small', { release: 'unstable', variant: 'nixos-small' }],
    ['nixpkgs-unstable', { release: 'unstable', variant: 'nixpkgs' }],
    ['nixos-24.11', { release: '24.11', variant: 'nixos' }],
    ['nixos-25.05-small', { release: '25.05', variant: 'nixos-small' }],
    ['nixpkgs-25.11-darwin', { release: '25.11', variant: 'nixpkgs-darwin' }],
    ['nixos-20.03', { release: '20.03', variant: 'nixos' }],
    ['nixos-19.09-small', { release: '19.09', variant: 'nixos-small' }],
  ])('%s', (name, expected) => {
    expect(parseChannelName(name)).toEqual({ name, ...expected });
  });

  it.each([
    'master',
    'staging',
    'release-24.11',
    'nixos-20.03-aarch64',
    'nixos-21.05-aarch64',
    'nixpkgs-unstable-small',
    'nixos-unstable-darwin',
    'nixpkgs-24.11',
    'nixos-24.11-darwin',
    'nixpkgs-24.11-small',
    'nixos-24.13',
    'nixos-24.00',
    'nixos-2024.11',
    'nixos-24.11.1',
    'NIXOS-UNSTABLE',
    ' nixos-unstable',
    'nixos-unstable\n',
    '',
  ])('%j is not a tracked channel', (name) => {
    expect(parseChannelName(name)).toBeNull();
  });
});
