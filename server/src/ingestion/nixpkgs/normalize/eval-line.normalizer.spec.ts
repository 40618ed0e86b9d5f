import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NormalizedDerivation } from '../normalized-derivation';
import { normalizeEvalLine, parseEvalLine, type NormalizedEvalLine } from './eval-line.normalizer';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/nixpkgs');
const linesOf = (file: string): string[] => fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').filter((line) => line !== '');

function derivationOf(result: NormalizedEvalLine): NormalizedDerivation {
  if (result.kind !== 'derivation') throw new Error(`expected a derivation, got ${JSON.stringify(result)}`);
  return result.derivation;
}

describe('normalizeEvalLine on the real sample (eval-sample.jsonl)', () => {
  const lines = linesOf('eval-sample.jsonl');
  const derivations = lines.map((text, index) => derivationOf(parseEvalLine(text, index + 1, { last: index === lines.length - 1 })));
  const byAttr = (attr: string): NormalizedDerivation => {
    const found = derivations.find((derivation) => derivation.attr === attr);
    if (!found) throw new Error(`${attr} is not in the sample`);
    return found;
  };

  it('has 94 lines, each a derivation whose attrPath ends in its system', () => {
    expect(derivations).toHaveLength(94);
    for (const derivation of derivations) {
      expect(derivation.attrPath.at(-1)).toBe(derivation.system);
      expect(derivation.attr).toBe(`${derivation.packageAttr}.${derivation.system}`);
      expect(derivation.position?.file).toMatch(/^pkgs\/.+\.nix$/);
      expect(Object.keys(derivation.extraMeta)).toEqual(['available']); // platforms dropped, the rest read
    }
  });

  it('AMB-plugins.x86_64-linux: every field', () => {
    expect(byAttr('AMB-plugins.x86_64-linux')).toEqual({
      attr: 'AMB-plugins.x86_64-linux',
      attrPath: ['AMB-plugins', 'x86_64-linux'],
      packageAttr: 'AMB-plugins',
      name: 'AMB-plugins-0.8.1',
      pname: 'AMB-plugins',
      version: '0.8.1',
      drvPath: '/nix/store/lnq48z8rixajpv58kcm830qmsjl26zcd-AMB-plugins-0.8.1.drv',
      system: 'x86_64-linux',
      outputs: { out: '/nix/store/528bhbc546gbj98np6b4d9k7s4y8ax9q-AMB-plugins-0.8.1' },
      inputDrvs: [],
      description: 'A set of ambisonics ladspa plugins',
      longDescription: null,
      homepages: ['http://kokkinizita.linuxaudio.org/linuxaudio/ladspa/index.html'],
      licenses: ['GPL-2.0-or-later'],
      maintainers: [{ githubId: 7645711, github: 'magnetophon', name: 'Bart Brouns', email: 'bart@magnetophon.nl' }],
      teams: [],
      knownVulnerabilities: [],
      position: { file: 'pkgs/applications/audio/AMB-plugins/default.nix', line: 24 },
      broken: false,
      insecure: false,
      unfree: false,
      unsupported: false,
      mainProgram: null,
      cpe: null,
      extraMeta: { available: true },
    });
  });

  it('CuboCore.coreaction.aarch64-linux: a nested package attribute', () => {
    expect(byAttr('CuboCore.coreaction.aarch64-linux')).toMatchObject({
      packageAttr: 'CuboCore.coreaction',
      pname: 'coreaction',
      version: '4.5.0',
      position: { file: 'pkgs/applications/misc/cubocore-packages/coreaction/default.nix', line: 27 },
    });
  });

  it('EmptyEpsilon.x86_64-linux: attribute and pname differ; three maintainers in order', () => {
    const derivation = byAttr('EmptyEpsilon.x86_64-linux');
    expect(derivation).toMatchObject({ packageAttr: 'EmptyEpsilon', name: 'empty-epsilon-2023.06.17', pname: 'empty-epsilon', version: '2023.06.17' });
    expect(derivation.maintainers.map((m) => [m.github, m.githubId])).toEqual([
      ['fpletz', 114159],
      ['lheckemann', 341954],
      ['Ma27', 6025220],
    ]);
  });

  it('EBTKS.x86_64-linux: an unstable- version and a licence without SPDX id (shortName "free")', () => {
    expect(byAttr('EBTKS.x86_64-linux')).toMatchObject({ pname: 'EBTKS-unstable', version: '2017-09-23', licenses: ['free'] });
  });

  it('Fabric.x86_64-linux: two outputs, no maintainers', () => {
    expect(byAttr('Fabric.x86_64-linux')).toMatchObject({
      pname: 'fabric',
      version: '3.2.2',
      outputs: {
        dist: '/nix/store/30kvrvrql0j9gwl6k20967xgvrnqndfi-python3.11-fabric-3.2.2-dist',
        out: '/nix/store/78m0jlq3kvazr29kg42fr1yhc7x1x0rs-python3.11-fabric-3.2.2',
      },
      maintainers: [],
    });
  });

  it('ArchiSteamFarm and Literate: mainProgram', () => {
    expect(byAttr('ArchiSteamFarm.x86_64-linux').mainProgram).toBe('ArchiSteamFarm');
    expect(byAttr('Literate.x86_64-darwin').mainProgram).toBe('lit');
  });

  it('makes positions relative to a given nixpkgs root', () => {
    const raw = JSON.parse(lines[1]);
    const { position } = derivationOf(normalizeEvalLine(raw, 2, { nixpkgsRoot: '/home/raito/dev/github.com/NixOS' }));
    expect(position).toEqual({ file: 'nixpkgs/pkgs/applications/audio/AMB-plugins/default.nix', line: 24 });
  });
});

describe('normalizeEvalLine on the hand-made edge cases (eval-edge-cases.jsonl)', () => {
  const lines = linesOf('eval-edge-cases.jsonl');
  const result = (lineNumber: number) => parseEvalLine(lines[lineNumber - 1], lineNumber, { last: lineNumber === lines.length });
  const derivation = (lineNumber: number) => derivationOf(result(lineNumber));

  it('1: an evaluation failure is an error line, not a rejection', () => {
    expect(result(1)).toEqual({
      kind: 'error',
      error: {
        attr: 'example-broken.x86_64-linux',
        attrPath: ['example-broken', 'x86_64-linux'],
        error: expect.stringMatching(/^error: Package 'example-broken-1\.0' in .* is marked as broken, refusing to evaluate\.$/),
      },
    });
  });

  it('2: without meta.pname the name is split as parseDrvName does; licence string, homepage list, no inputDrvs', () => {
    expect(derivation(2)).toMatchObject({
      pname: 'example-hello',
      version: '2.12.1',
      licenses: ['GPL-3.0-or-later'],
      homepages: ['https://example.invalid/hello/', 'https://mirror.example.invalid/hello/'],
      inputDrvs: [],
      position: { file: 'pkgs/by-name/ex/example-hello/package.nix', line: 31 },
    });
  });

  it('3: meta.pname and meta.version win over the name; inputDrvs are the keys; a licence list', () => {
    expect(derivation(3)).toMatchObject({
      packageAttr: 'python312Packages.example-requests',
      name: 'python3.12-example-requests-2.31.0',
      pname: 'example-requests',
      version: '2.31.0',
      inputDrvs: [
        '/nix/store/33333333333333333333333333333333-python3-3.12.4.drv',
        '/nix/store/44444444444444444444444444444444-example-urllib3-2.2.2.drv',
      ],
      licenses: ['Apache-2.0', 'unfreeRedistributable'],
    });
  });

  it('4: team members join the maintainers, each person once; team short names', () => {
    const { maintainers, teams } = derivation(4);
    expect(maintainers.map((m) => m.github)).toEqual(['alice-example', 'bob-example', 'carol-example']);
    expect(maintainers[1]).toEqual({ githubId: 90000002, github: 'bob-example', name: 'Bob Example', email: 'bob@example.invalid' });
    expect(teams).toEqual(['Example Desktop', 'Example Base']);
  });

  it('5: identifiers.cpe, knownVulnerabilities, insecure; other meta kept in extraMeta', () => {
    const d = derivation(5);
    expect(d).toMatchObject({
      cpe: 'cpe:2.3:a:example:example-ssl:3.0.13:*:*:*:*:*:*:*',
      knownVulnerabilities: ['CVE-2099-0001: made up for this edge case'],
      insecure: true,
    });
    expect(d.extraMeta).toEqual({
      available: true,
      changelog: 'https://example.invalid/ssl/CHANGES',
      identifiers: {
        cpeParts: { part: 'a', vendor: 'example', product: 'example-ssl', version: '3.0.13', update: '*' },
        possibleCPEs: [{ cpe: 'cpe:2.3:a:example:example-ssl:3.0.13:*:*:*:*:*:*:*' }],
      },
    });
  });

  it('6: null output paths are kept; a line without meta has empty metadata', () => {
    expect(derivation(6)).toMatchObject({
      outputs: { out: null, dev: null },
      pname: 'example-ca',
      version: '1.0',
      description: null,
      homepages: [],
      licenses: [],
      maintainers: [],
      position: null,
      broken: false,
      extraMeta: {},
    });
  });

  it('7: attr with a quoted component and no attrPath is split; one licence object', () => {
    expect(derivation(7)).toMatchObject({
      attrPath: ['haskell', 'packages', 'ghc9.6', 'example-hs', 'x86_64-linux'],
      packageAttr: 'haskell.packages."ghc9.6".example-hs',
      pname: 'example-hs',
      version: '0.1.0.0',
      licenses: ['free'],
    });
  });
});
