import { compareVersions, splitVersion } from './compare-versions';

// Where each expectation comes from:
const NIX_MANUAL = 'Nix manual, nix-env --upgrade, section Versions (NixOS/nix doc/manual/source/command-ref/nix-env/upgrade.md @189594a)';
const NIXPKGS_LIB = 'doc comment of splitVersion, NixOS/nixpkgs lib/versions.nix';
const LANG_TEST = 'NixOS/nix tests/functional/lang/eval-okay-versions.nix @13f1c8a';
const RULE = 'made up for nixsec, expected value worked out from nextComponent/componentsLT in NixOS/nix src/libstore/names.cc';

describe('splitVersion behaves as builtins.splitVersion', () => {
  it.each<[input: string, components: string[], source: string]>([
    ['1.2.3', ['1', '2', '3'], NIXPKGS_LIB],
    ['3.3.1pre5', ['3', '3', '1', 'pre', '5'], NIX_MANUAL],
    ['6.1.0-rc1', ['6', '1', '0', 'rc', '1'], RULE],
    ['0-unstable-2024-05-01', ['0', 'unstable', '2024', '05', '01'], RULE],
    ['1.2_3+git', ['1', '2', '_', '3', '+git'], RULE], // only '.' and '-' separate; other punctuation is a word
    ['...1.-pre', ['1', 'pre'], RULE], // runs of separators, leading or inner, vanish
    ['1.2.', ['1', '2'], RULE], // a trailing separator ends the list
    ['1..2', ['1', '2'], RULE],
    ['0123.11', ['0123', '11'], RULE], // components keep their spelling; only comparison reads them as numbers
    ['1.0é', ['1', '0', 'é'], RULE],
    ['', [], RULE],
    ['.-', [], RULE],
  ])('%j → %j (%s)', (input, components) => {
    expect(splitVersion(input)).toEqual(components);
  });
});

describe('compareVersions behaves as builtins.compareVersions', () => {
  it.each<[a: string, b: string, expected: -1 | 0 | 1, source: string]>([
    ['1.0', '2.3', -1, NIX_MANUAL],
    ['2.1', '2.3', -1, NIX_MANUAL],
    ['2.3', '2.3', 0, NIX_MANUAL],
    ['2.5', '2.3', 1, NIX_MANUAL],
    ['3.1', '2.3', 1, NIX_MANUAL],
    ['2.3.1', '2.3', 1, NIX_MANUAL],
    ['2.3.1', '2.3a', 1, NIX_MANUAL],
    ['2.3pre1', '2.3', -1, NIX_MANUAL],
    ['2.3pre3', '2.3pre12', -1, NIX_MANUAL],
    ['2.3a', '2.3c', -1, NIX_MANUAL],
    ['2.3pre1', '2.3c', -1, NIX_MANUAL],
    ['2.3pre1', '2.3q', -1, NIX_MANUAL],

    ['1.0', '2.3', -1, LANG_TEST],
    ['2.1', '2.3', -1, LANG_TEST],
    ['2.3', '2.3', 0, LANG_TEST],
    ['2.5', '2.3', 1, LANG_TEST],
    ['3.1', '2.3', 1, LANG_TEST],
    ['2.3.1', '2.3', 1, LANG_TEST],
    ['2.3.1', '2.3a', 1, LANG_TEST],
    ['2.3pre1', '2.3', -1, LANG_TEST],
    ['2.3pre3', '2.3pre12', -1, LANG_TEST],
    ['2.3a', '2.3c', -1, LANG_TEST],
    ['123.011', '0123.11', 0, LANG_TEST], // leading zeros: numerically equal
    ['1-2147483648', '1-02147483648', 1, LANG_TEST], // too big for a 32-bit int, so compared as words
    ['1-002147483646', '1.-0002147483647', -1, LANG_TEST],
    ['1', '2147483648', 1, LANG_TEST], // a number beats a word, even a word made of digits
    ['1', 'abc', 1, LANG_TEST],
    ['...1.-pre', '1.....9', -1, LANG_TEST],
    ['-1.-pre', '1abc', -1, LANG_TEST],
    ['2.3pre1', '2.3c', -1, LANG_TEST],
    ['2.3pre1', '2.3q', -1, LANG_TEST],
    ['1-pre.3', '1pre2', 1, LANG_TEST],

    ['1.10', '1.9', 1, RULE],
    ['2.3', '2.3a', -1, RULE], // a version that ran out supplies "", which sorts below any word but "pre"
    ['1', '1.0', -1, RULE],
    ['1.0', '1.0.', 0, RULE], // separators carry no weight
    ['1.0-2', '1.0.2', 0, RULE],
    ['6.1.0-rc1', '6.1.0', 1, RULE], // only "pre" means "before the release"
    ['1.0pre1', '1.0alpha1', -1, RULE],
    ['1.0alpha', '1.0beta', -1, RULE],
    ['1.0B', '1.0a', -1, RULE], // byte order: upper case before lower case
    ['1.0pre', '1.0Pre', -1, RULE], // "pre" is matched case-sensitively
    ['unstable-2024-01-01', '0-unstable-2024-05-01', -1, RULE], // a leading word loses to any number
    ['2147483647', '2147483648', 1, RULE], // the largest int is a number, the next one a word
    ['1.\u{ff}', '1.\u{1f600}', -1, RULE], // UTF-8 byte order, not UTF-16 code-unit order…
    ['1.\u{ffff}', '1.\u{1f600}', -1, RULE], // …which would put U+FFFF after the surrogate pair
    ['', '', 0, RULE],
    ['', '0', -1, RULE],
    ['', 'a', -1, RULE],
    ['pre', '', -1, RULE],
  ])('compareVersions(%j, %j) = %i (%s)', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    // eval-okay-versions.nix checks every pair in both directions; so do we.
    expect(compareVersions(b, a)).toBe(0 - expected);
  });
});

describe('compareVersions is a total preorder', () => {
  // The brief's list of Nixpkgs-style versions, the versions in test/fixtures/nixpkgs/eval-sample.jsonl,
  // and the corner cases above.
  const versions = [
    '1.0', '1.0.1', '1.0pre1', '2.12.2', '3.0.13', '3.5.1', '6.1.0-rc1', 'unstable-2024-01-01',
    '0-unstable-2024-05-01', '143.0', '1.2.3a',
    '0.0.5', '0.10.1', '0.3.0', '0.8.1', '1.1.1', '1.4.0', '1.6.2', '1.8.4', '2.10.0', '2.2.0', '2.4',
    '2017-09-23', '2021-01-22', '2023.06.17', '3.2.2', '3.4.3', '4.5.0', '5.4.13.4', '7.0',
    '', 'pre', '2.3', '2.3a', '2.3pre1', '2.3.1', '1-2147483648', '1-02147483648', '0123.11', '123.011',
    '1.0.', '1.0-2', '1.0.2', '1.0B', '1.0a',
  ];

  it('is reflexive and antisymmetric', () => {
    for (const a of versions) {
      expect(compareVersions(a, a)).toBe(0);
      for (const b of versions) expect([a, b, compareVersions(a, b)]).toEqual([a, b, 0 - compareVersions(b, a)]);
    }
  });

  it('is transitive', () => {
    const violations: string[] = [];
    for (const a of versions) {
      for (const b of versions) {
        for (const c of versions) {
          const ab = compareVersions(a, b);
          const bc = compareVersions(b, c);
          // a ≤ b ≤ c must give a ≤ c, strictly if either step was strict.
          if (ab <= 0 && bc <= 0 && compareVersions(a, c) !== Math.min(ab, bc)) violations.push(`${a} ≤ ${b} ≤ ${c}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('sorts the Nixpkgs-style versions in the order worked out from names.cc', () => {
    const sorted = [
      'unstable-2024-01-01', '0-unstable-2024-05-01', '1.0pre1', '1.0', '1.0.1', '1.2.3a', '2.12.2',
      '3.0.13', '3.5.1', '6.1.0-rc1', '143.0',
    ];
    expect([...sorted].reverse().sort(compareVersions)).toEqual(sorted);
  });
});
