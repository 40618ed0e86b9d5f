import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDerivationShow, ParsedDerivation } from './derivation-show.parser';
import { NixJsonError } from './nix-json.error';

const FIXTURES = join(__dirname, '../../../../test/fixtures/boot-chain/nix-json');
const fixture = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

const MULTI = '/nix/store/fhfza0msdpc558ihqywfkvmhlkrq5rcv-multi-2.0.drv';
const FLAT = '/nix/store/2b22a8knrcwcx5njcfcmwwy25h05ppbc-flat-src.txt.drv';
const RECURSIVE = '/nix/store/nngvqslf6n7gavw3pf6w85y5irlsigvr-recursive-src.drv';

function byPath(derivations: ParsedDerivation[], drvPath: string): ParsedDerivation {
  const found = derivations.find((drv) => drv.drvPath === drvPath);
  if (!found) throw new Error(`${drvPath} not parsed`);
  return found;
}

function rejection(run: () => unknown): NixJsonError {
  try {
    run();
  } catch (error) {
    if (error instanceof NixJsonError) return error;
    throw error;
  }
  throw new Error('expected a NixJsonError');
}

describe('parseDerivationShow: nix show-derivation -r from Nix 2.8', () => {
  const derivations = parseDerivationShow(fixture('nix-2.8/show-derivation.json'));

  it('returns every derivation in the recorded closure', () => {
    expect(derivations.map((drv) => drv.name).sort()).toEqual(['flat-src.txt', 'multi-2.0', 'recursive-src', 'seed', 'stage1-1.0']);
  });

  it('flattens inputDrvs given as output-name lists to full drv paths', () => {
    const multi = byPath(derivations, MULTI);
    expect(multi.inputDrvs).toEqual([
      { drvPath: '/nix/store/1qh39qb02j795d3wgsxm29zhs5610ikq-stage1-1.0.drv', outputs: ['out'] },
      { drvPath: FLAT, outputs: ['out'] },
      { drvPath: RECURSIVE, outputs: ['out'] },
    ]);
    expect(multi.inputSrcs).toEqual(['/nix/store/yajhxg52al4iwm0pg7v659g9sda64bjq-local-input.txt']);
    expect(multi.outputs).toEqual([
      { name: 'dev', path: '/nix/store/5dqsmwrpq6cyliy89b2bk3gdg5y10cyd-multi-2.0-dev' },
      { name: 'out', path: '/nix/store/rrg78p1vxdw0sayyaldmqpfi89kxc761-multi-2.0' },
    ]);
    expect(multi.fixedOutput).toBe(false);
    expect(multi).toMatchObject({ system: 'x86_64-linux', builder: '/bin/sh' });
  });

  it('reads a flat fixed-output derivation and gives its expected hash as SRI', () => {
    const flat = byPath(derivations, FLAT);
    expect(flat.fixedOutput).toBe(true);
    expect(flat.outputs).toEqual([
      {
        name: 'out',
        path: '/nix/store/fb360kdxy5gl28rrw5yic4m4xv0vwm3k-flat-src.txt',
        hashAlgo: 'sha256',
        hashMode: 'flat',
        expectedHash: 'sha256-a8Zqgn/oaSWvaAvl4A2it6fyKUfIwCCbIlY4kCWEYvY=',
      },
    ]);
  });

  it('gives a recursive FOD the same SRI hash as the NAR hash Nix recorded for the built path', () => {
    const recursive = byPath(derivations, RECURSIVE);
    const builtNarHash = fixture('nix-2.8/path-info.json').find((info: any) => info.path === recursive.outputs[0].path).narHash;
    expect(recursive.outputs[0]).toMatchObject({ hashMode: 'recursive', hashAlgo: 'sha256', expectedHash: builtNarHash });
  });

  it('computes the same fixed output path Nix printed when the path is left out (as format 4 does)', () => {
    const json = fixture('nix-2.8/show-derivation.json');
    delete json[FLAT].outputs.out.path;
    delete json[RECURSIVE].outputs.out.path;
    const recomputed = parseDerivationShow(json);
    expect(byPath(recomputed, FLAT).outputs[0].path).toBe('/nix/store/fb360kdxy5gl28rrw5yic4m4xv0vwm3k-flat-src.txt');
    expect(byPath(recomputed, RECURSIVE).outputs[0].path).toBe('/nix/store/f45zv99rwvnr8h2758cipdjpcs7g92yy-recursive-src');
  });
});

describe('parseDerivationShow: newer formats (NixOS/nix test data)', () => {
  const advanced = fixture('upstream/derivation-v4-ia-advanced-attributes.json');
  const ADVANCED = 'ymqmybkq5j4nd1xplw6ccdpbjnfi017v-advanced-attributes.drv';

  it('unwraps {version, derivations} and turns base names into full paths', () => {
    const [drv] = parseDerivationShow({ version: 4, derivations: { [ADVANCED]: advanced } });
    expect(drv.drvPath).toBe(`/nix/store/${ADVANCED}`);
    expect(drv.name).toBe('advanced-attributes');
    expect(drv.outputs).toEqual([{ name: 'out', path: '/nix/store/ymqmybkq5j4nd1xplw6ccdpbjnfi017v-advanced-attributes' }]);
    expect(drv.inputSrcs).toEqual(['/nix/store/vj2i49jm2868j2fmqvxm70vlzmzvgv14-bar.drv']);
  });

  it('flattens inputs.drvs given as {outputs, dynamicOutputs} to full drv paths', () => {
    const [drv] = parseDerivationShow({ [ADVANCED]: advanced });
    expect(drv.inputDrvs).toEqual([
      { drvPath: '/nix/store/afc3vbjbzql750v2lp8gxgaxsajphzih-foo.drv', outputs: ['dev', 'out'] },
      { drvPath: '/nix/store/vj2i49jm2868j2fmqvxm70vlzmzvgv14-bar.drv', outputs: ['dev', 'out'] },
    ]);
    const [dynamic] = parseDerivationShow({ 'c015dhfh5l0lp6wxyvdn7bmwhbbr6hr9-dyn-dep-derivation.drv': fixture('upstream/derivation-v4-dyn-dep-derivation.json') });
    expect(dynamic.inputDrvs).toEqual([{ drvPath: '/nix/store/c015dhfh5l0lp6wxyvdn7bmwhbbr6hr9-dep2.drv', outputs: ['cat', 'dog'] }]);
  });

  it('reads format 4 fixed outputs whose hash is an {algorithm, format, hash} object', () => {
    const withOutput = (output: unknown) => ({ ...advanced, outputs: { out: output } });
    const [flat, nar] = parseDerivationShow({
      '00000000000000000000000000000000-flat.drv': withOutput(fixture('upstream/output-caFixedFlat.json')),
      '11111111111111111111111111111111-nar.drv': withOutput(fixture('upstream/output-caFixedNAR.json')),
    });
    const expectedHash = 'sha256-iUUXyRY8iW7DGirb0zwGgf1fRbLA7wimTJKgP7l/OQ8=';
    expect(flat.outputs[0]).toMatchObject({ hashMode: 'flat', hashAlgo: 'sha256', expectedHash });
    expect(nar.outputs[0]).toMatchObject({ hashMode: 'recursive', hashAlgo: 'sha256', expectedHash });
    expect(nar.fixedOutput).toBe(true);
    expect(nar.outputs[0].path).toMatch(/^\/nix\/store\/[0-9a-z]{32}-advanced-attributes$/);
  });

  it('reads format 2/3 outputs with separate method, hashAlgo and hex hash (manual example)', () => {
    const output = { method: 'nar', hashAlgo: 'sha256', hash: '6fc80dcc62179dbc12fc0b5881275898f93444833d21b89dfe5f7fbcbb1d0d62' };
    const [drv] = parseDerivationShow({ [ADVANCED]: { ...advanced, outputs: { out: output } } });
    expect(drv.outputs[0]).toMatchObject({ hashMode: 'recursive', expectedHash: `sha256-${Buffer.from(output.hash, 'hex').toString('base64')}` });
  });

  it('uses the given store dir for base names', () => {
    const [drv] = parseDerivationShow({ [ADVANCED]: advanced }, '/gnu/store');
    expect(drv.drvPath).toBe(`/gnu/store/${ADVANCED}`);
    expect(drv.inputSrcs).toEqual(['/gnu/store/vj2i49jm2868j2fmqvxm70vlzmzvgv14-bar.drv']);
  });
});

describe('parseDerivationShow: malformed records', () => {
  const recorded = () => fixture('nix-2.8/show-derivation.json');

  it.each<[string, (json: any) => void, RegExp]>([
    ['a missing builder', (json) => delete json[MULTI].builder, /builder is not a string/],
    ['inputDrvs that are neither a list nor {outputs}', (json) => (json[MULTI].inputDrvs[FLAT] = 'out'), /outputs wanted from .*flat-src/],
    ['an input source outside the store', (json) => json[MULTI].inputSrcs.push('/etc/passwd'), /'\/etc\/passwd' is not a store path/],
    ['a FOD hash of the wrong length', (json) => (json[FLAT].outputs.out.hash = 'abc123'), /output out hash/],
    ['a git-hashed output', (json) => (json[FLAT].outputs.out.hashAlgo = 'git:sha1'), /does not support/],
    ['an env value that is not a string', (json) => (json[MULTI].env.src = 42), /env.src is not a string/],
  ])('rejects %s, naming the drv path', (_case, corrupt, reason) => {
    const json = recorded();
    corrupt(json);
    const error = rejection(() => parseDerivationShow(json));
    expect(error.record).toMatch(/\/nix\/store\/\w{32}-.*\.drv$/);
    expect(error.message).toContain(error.record);
    expect(error.message).toMatch(reason);
  });

  it('refuses a derivation format newer than it knows', () => {
    expect(() => parseDerivationShow({ version: 6, derivations: {} })).toThrow(/version 6 is newer/);
  });

  it('rejects keys that are not derivation paths', () => {
    const json = recorded();
    json['/nix/store/rrg78p1vxdw0sayyaldmqpfi89kxc761-multi-2.0'] = json[MULTI];
    expect(() => parseDerivationShow(json)).toThrow(/multi-2.0: derivation path does not end in .drv/);
    expect(() => parseDerivationShow([])).toThrow(NixJsonError);
  });
});
