import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NixJsonError } from './nix-json.error';
import { parsePathInfo } from './path-info.parser';

const FIXTURES = join(__dirname, '../../../../test/fixtures/boot-chain/nix-json');
const fixture = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

const DEV = '/nix/store/5dqsmwrpq6cyliy89b2bk3gdg5y10cyd-multi-2.0-dev';
const STAGE1 = '/nix/store/phzh57bwkmchw2jk2hrva2hgkwv25kqn-stage1-1.0';
const RECURSIVE = '/nix/store/f45zv99rwvnr8h2758cipdjpcs7g92yy-recursive-src';

describe('parsePathInfo: nix path-info --json --sigs from Nix 2.8 (a list)', () => {
  const infos = parsePathInfo(fixture('nix-2.8/path-info.json'));

  it('reads each path with its SRI NAR hash, references, deriver and signatures', () => {
    expect(infos.map((info) => info.path)).toEqual([DEV, RECURSIVE, STAGE1]);
    expect(infos[0]).toEqual({
      path: DEV,
      valid: true,
      narHash: 'sha256-ykrz2EfNFK5eVDyH47tTTq7IDSHboPEG2iHd9NUruAQ=',
      narSize: 192,
      references: [STAGE1],
      signatures: ['nixsec-fixture-1:4IvVTzKyro21pZ+NjAVaMx4R+uSzKb813QU9XuXliEvGyYJithitlTHHEV4ITTNokLJyPBRCerOpwqH/iWfeCg=='],
      ultimate: true,
      deriver: '/nix/store/fhfza0msdpc558ihqywfkvmhlkrq5rcv-multi-2.0.drv',
      ca: null,
      registrationTime: 1795508263,
    });
  });

  it('keeps the content address of a fixed-output path and reads missing signatures as none', () => {
    expect(infos[1]).toMatchObject({ ca: 'fixed:r:sha256:05978yyljib44dgprxr35vcm1789g3wn3r00fg050cx8ivn9i7ac', signatures: [] });
  });

  it('reports a path the store does not have as invalid', () => {
    expect(parsePathInfo(fixture('nix-2.8/path-info-invalid.json'))).toEqual([
      expect.objectContaining({ path: '/nix/store/00000000000000000000000000000000-missing', valid: false }),
    ]);
  });

  it('gives the same result for the 2.19+ object keyed by path, with null for invalid paths', () => {
    const keyed = Object.fromEntries(fixture('nix-2.8/path-info.json').map(({ path, ...info }: any) => [path, info]));
    keyed['/nix/store/00000000000000000000000000000000-missing'] = null;
    const parsed = parsePathInfo(keyed);
    expect(parsed.slice(0, 3)).toEqual(infos);
    expect(parsed[3]).toMatchObject({ valid: false, path: '/nix/store/00000000000000000000000000000000-missing' });
  });

  it('normalises a sha256:<base32> NAR hash to SRI', () => {
    const [{ path, ...stage1 }] = fixture('nix-2.8/path-info.json').slice(2);
    const [parsed] = parsePathInfo({ [path]: { ...stage1, narHash: 'sha256:1j1khlxnv5s5vcyl8dy3dwbnnfr7z4vsbbijk8rm3c0acpfbxamj' } });
    expect(parsed.narHash).toBe('sha256-sqq+3GUKsFEzmjKupTf5JztrF2/DN0Q920WXbTuFM8g=');
  });
});

describe('parsePathInfo: --json-format 1, 2 and 3 records (NixOS/nix test data)', () => {
  const KEY = 'n5wkd9frr45pa74if5gpz9j7mifg27fh-foo';
  const wrapped = (version: number) => ({ version, storeDir: '/nix/store', info: { [KEY]: fixture(`upstream/path-info-json-${version}-impure.json`) } });

  it('reads format 2 (base names, structured ca) the same as format 1 (full paths, ca string)', () => {
    const [v1] = parsePathInfo(wrapped(1));
    const [v2] = parsePathInfo(wrapped(2));
    expect(v2).toEqual(v1);
    expect(v1).toMatchObject({
      path: `/nix/store/${KEY}`,
      narHash: 'sha256-FePFYIlMuycIXPZbWi7LGEiMmZSX9FMbaQenWBzm1Sc=',
      references: ['/nix/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar', '/nix/store/n5wkd9frr45pa74if5gpz9j7mifg27fh-foo'],
      deriver: '/nix/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar.drv',
      ca: 'fixed:r:sha256:1lr187v6dck1rjh2j6svpikcfz53wyl3qrlcbb405zlh13x0khhh',
    });
  });

  it('turns format 3 {keyName, sig} signatures into keyName:sig', () => {
    const [v3] = parsePathInfo(wrapped(3));
    expect(v3.signatures).toEqual([`asdf:${'A'.repeat(86)}==`, `qwer:${'A'.repeat(86)}==`]);
  });

  it('resolves base names against the storeDir the output names', () => {
    const [info] = parsePathInfo({ ...wrapped(2), storeDir: '/gnu/store' });
    expect(info.path).toBe(`/gnu/store/${KEY}`);
    expect(info.deriver).toBe('/gnu/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar.drv');
  });
});

describe('parsePathInfo: malformed records', () => {
  it.each<[string, (info: any) => void, RegExp]>([
    ['an unreadable NAR hash', (info) => (info.narHash = 'sha256-tooshort'), /narHash/],
    ['a negative narSize', (info) => (info.narSize = -1), /narSize/],
    ['a reference outside the store', (info) => info.references.push('/tmp/x'), /reference '\/tmp\/x' is not a store path/],
    ['a structured signature without sig', (info) => (info.signatures = [{ keyName: 'k' }]), /signature/],
  ])('rejects %s, naming the store path', (_case, corrupt, reason) => {
    const json = fixture('nix-2.8/path-info.json');
    corrupt(json[0]);
    const error = (() => {
      try {
        parsePathInfo(json);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(NixJsonError);
    expect((error as NixJsonError).record).toBe(DEV);
    expect((error as Error).message).toMatch(reason);
  });

  it('rejects output that is not path info at all', () => {
    expect(() => parsePathInfo('not json')).toThrow(NixJsonError);
    expect(() => parsePathInfo([{ narHash: 'x' }])).toThrow(/path-info entry 0: path is not a store path/);
  });
});
