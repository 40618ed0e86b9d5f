import { compareReleases, downstreamOf, matchBranch, parseBranchGraph, successorsOf, trackedBranches } from './branch-graph';

describe('branch graph', () => {
  const graph = parseBranchGraph();

  it.each([
    ['staging', ['staging-next']],
    ['staging-next', ['master']],
    ['master', ['nixos-unstable-small', 'nixpkgs-unstable']],
    ['nixos-unstable-small', ['nixos-unstable']],
    ['nixos-unstable', []],
    ['release-24.11', ['nixos-24.11-small', 'nixpkgs-24.11-darwin']],
    ['nixos-25.05-small', ['nixos-25.05']],
    ['staging-24.05', ['staging-next-24.05']],
    ['staging-next-24.05', ['release-24.05']],
    ['feature-branch', []],
  ])('%s flows next into %j', (branch, next) => {
    expect(successorsOf(graph, branch)).toEqual(next);
  });

  it('follows a release branch through every channel it reaches', () => {
    expect(downstreamOf(graph, 'staging-24.11')).toEqual(['staging-next-24.11', 'release-24.11', 'nixos-24.11-small', 'nixpkgs-24.11-darwin', 'nixos-24.11']);
    expect(downstreamOf(graph, 'staging')).toEqual(['staging-next', 'master', 'nixos-unstable-small', 'nixpkgs-unstable', 'nixos-unstable']);
  });

  it('matches release patterns with two-digit YY.MM only', () => {
    expect(matchBranch(graph, 'nixos-24.11')).toMatchObject({ pattern: { text: 'nixos-YY.MM' }, release: '24.11' });
    expect(matchBranch(graph, 'nixos-24.11-small')).toMatchObject({ pattern: { text: 'nixos-YY.MM-small' }, release: '24.11' });
    expect(matchBranch(graph, 'master')).toMatchObject({ release: null });
    for (const name of ['nixos-2024.11', 'release-24.1', 'release-24x11', 'nixos-24.11-smallish', 'xmaster']) expect(matchBranch(graph, name)).toBeNull();
  });

  it('tracks the remote branches the graph names, from the oldest release on', () => {
    const remote = ['master', 'release-13.10', 'release-24.05', 'release-24.11', 'nixos-24.11', 'backport-1234-to-release-24.11', 'haskell-updates', 'staging-next'];
    expect(trackedBranches(graph, remote)).toEqual(['master', 'nixos-24.11', 'release-13.10', 'release-24.05', 'release-24.11', 'staging-next']);
    expect(trackedBranches(graph, remote, { oldestRelease: '24.11' })).toEqual(['master', 'nixos-24.11', 'release-24.11', 'staging-next']);
  });

  it('orders releases numerically', () => {
    expect(['24.11', '9.99', '24.05', '25.05'].sort(compareReleases)).toEqual(['9.99', '24.05', '24.11', '25.05']);
  });

  it.each([
    ['', /is empty/],
    ['master -> release-YY.MM', /cannot lead to one per release/],
    ['a -> b; b -> a', /cycle: a -> b -> a/],
    ['master -> nixos unstable', /not a branch name/],
    ['release-YY.MM-YY.MM -> x-YY.MM', /more than once/],
  ])('rejects %j', (text, message) => {
    expect(() => parseBranchGraph(text)).toThrow(message);
  });

  it('reads chains separated by new lines or commas', () => {
    const custom = parseBranchGraph('main -> stable\nrelease-YY.MM -> stable-YY.MM, main -> nightly');
    expect(successorsOf(custom, 'main')).toEqual(['stable', 'nightly']);
    expect(successorsOf(custom, 'release-30.01')).toEqual(['stable-30.01']);
  });
});
