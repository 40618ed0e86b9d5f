import { PackagePopularity, POPULARITY_WEIGHT, popularityFactor } from './package-popularity';

describe('popularityFactor: a bounded, log-scale relevance bonus', () => {
  it.each([
    [0, 1],
    [1, 1.023],
    [9, 1.075],
    [99, 1.15],
    [999, 1.225],
    [9_999, 1.3],
    [1_000_000, 1.3],
  ])('%i dependants → ×%d', (dependants, factor) => {
    expect(popularityFactor(dependants)).toBeCloseTo(factor, 3);
  });

  it('grows with usage, never past 1 + POPULARITY_WEIGHT', () => {
    const factors = [0, 1, 10, 100, 1000, 10_000, 100_000].map(popularityFactor);
    expect([...factors].sort((a, b) => a - b)).toEqual(factors);
    expect(Math.max(...factors)).toBe(1 + POPULARITY_WEIGHT);
  });
});

describe('PackagePopularity', () => {
  it('keeps, per attribute, the channel where most derivations use it, and answers for the most used of several', () => {
    const popularity = new PackagePopularity();
    popularity.add('nixos-25.05', ['curl', 'openssl'], [900, 4000]);
    popularity.add('nixos-unstable', ['curl', 'xz'], [1200, 50]);
    expect(popularity.mostUsed(['curl'])).toEqual({ attr: 'curl', dependants: 1200, channel: 'nixos-unstable' });
    expect(popularity.mostUsed(['xz', 'openssl', 'hello'])).toEqual({ attr: 'openssl', dependants: 4000, channel: 'nixos-25.05' });
    expect(popularity.mostUsed(['hello'])).toBeNull();
  });
});
