import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSignatures, parseNixPublicKey } from '../attestations/nix-signature';
import { parseNarinfo } from './narinfo.parser';
import { NixJsonError } from './nix-json.error';
import { parsePathInfo } from './path-info.parser';

const FIXTURES = join(__dirname, '../../../../test/fixtures/boot-chain/nix-json');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const narinfo = (hash: string) => read(`nix-2.8/narinfo/${hash}.narinfo`);

describe('parseNarinfo: a binary cache written by Nix 2.8 nix copy', () => {
  const dev = parseNarinfo(narinfo('5dqsmwrpq6cyliy89b2bk3gdg5y10cyd'));

  it('turns base-name references and deriver into full store paths', () => {
    expect(dev).toEqual({
      storePath: '/nix/store/5dqsmwrpq6cyliy89b2bk3gdg5y10cyd-multi-2.0-dev',
      url: 'nar/1b14xgp7s1rw9q6scaz146cryjfri5pa72xxj48xi9yrd1sjjxzh.nar.xz',
      compression: 'xz',
      narHash: 'sha256-ykrz2EfNFK5eVDyH47tTTq7IDSHboPEG2iHd9NUruAQ=',
      narSize: 192,
      references: ['/nix/store/phzh57bwkmchw2jk2hrva2hgkwv25kqn-stage1-1.0'],
      deriver: '/nix/store/fhfza0msdpc558ihqywfkvmhlkrq5rcv-multi-2.0.drv',
      signatures: ['nixsec-fixture-1:4IvVTzKyro21pZ+NjAVaMx4R+uSzKb813QU9XuXliEvGyYJithitlTHHEV4ITTNokLJyPBRCerOpwqH/iWfeCg=='],
      ca: null,
      fileHash: expect.stringMatching(/^sha256-[A-Za-z0-9+/]{43}=$/),
      fileSize: 196,
    });
  });

  it('agrees with nix path-info --json about every path both describe', () => {
    for (const info of parsePathInfo(JSON.parse(read('nix-2.8/path-info.json')))) {
      const parsed = parseNarinfo(narinfo(info.path.slice('/nix/store/'.length, '/nix/store/'.length + 32)));
      expect(parsed).toMatchObject({ storePath: info.path, narHash: info.narHash, narSize: info.narSize, references: info.references, deriver: info.deriver, ca: info.ca });
    }
  });

  it('yields fields whose Nix fingerprint verifies against the signing key', () => {
    const key = parseNixPublicKey(read('nix-2.8/nixsec-fixture-1.pub'));
    for (const hash of ['5dqsmwrpq6cyliy89b2bk3gdg5y10cyd', 'f45zv99rwvnr8h2758cipdjpcs7g92yy', 'fb360kdxy5gl28rrw5yic4m4xv0vwm3k']) {
      const info = parseNarinfo(narinfo(hash));
      expect(checkSignatures({ path: info.storePath, ...info }, info.signatures, [key])).toEqual({ status: 'valid', keyName: 'nixsec-fixture-1' });
    }
  });

  it('reads an empty References line as no references and keeps the content address', () => {
    expect(parseNarinfo(narinfo('f45zv99rwvnr8h2758cipdjpcs7g92yy'))).toMatchObject({
      references: [],
      ca: 'fixed:r:sha256:05978yyljib44dgprxr35vcm1789g3wn3r00fg050cx8ivn9i7ac',
    });
  });
});

describe('parseNarinfo: NixOS/nix test data', () => {
  const info = parseNarinfo(read('upstream/absolute_url.narinfo'));

  it('collects every Sig line and keeps an absolute URL as written', () => {
    expect(info.signatures.map((sig) => sig.split(':')[0])).toEqual(['asdf', 'qwer']);
    expect(info.url).toBe('https://cache.example.com/nar/1w1fff338fvdw53sqgamddn1b2xgds473pv6y13gizdbqjv4i5p3.nar.xz?auth=secret');
    expect(info.references).toEqual(['/nix/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar', '/nix/store/n5wkd9frr45pa74if5gpz9j7mifg27fh-foo']);
  });

  it('reads the unknown-deriver placeholder as no deriver', () => {
    expect(parseNarinfo(read('upstream/absolute_url.narinfo').replace(/^Deriver:.*$/m, 'Deriver: unknown-deriver')).deriver).toBeNull();
  });

  it('resolves base names against a non-default store dir', () => {
    const text = read('upstream/absolute_url.narinfo').replace('StorePath: /nix/store/', 'StorePath: /gnu/store/');
    expect(parseNarinfo(text, '/gnu/store').deriver).toBe('/gnu/store/g1w7hy3qg1w7hy3qg1w7hy3qg1w7hy3q-bar.drv');
  });
});

describe('parseNarinfo: malformed files', () => {
  const recorded = narinfo('5dqsmwrpq6cyliy89b2bk3gdg5y10cyd');

  it.each<[string, string, RegExp]>([
    ['no NarHash', recorded.replace(/^NarHash:.*\n/m, ''), /has no NarHash/],
    ['an unreadable NarHash', recorded.replace(/^NarHash:.*$/m, 'NarHash: sha256:xyz'), /NarHash/],
    ['a NarSize that is not a number', recorded.replace(/^NarSize:.*$/m, 'NarSize: 12kB'), /NarSize '12kB'/],
    ['a reference that is not a store path', recorded.replace(/^References:.*$/m, 'References: ../../etc/passwd'), /References '..\/..\/etc\/passwd'/],
    ['a repeated NarHash', `${recorded}NarHash: sha256:015q5gaz9p91v83g386v446wibjfafxy71rwaigaw56d8zcg6jna\n`, /'NarHash' twice/],
    ['a line without a key', `${recorded}garbage\n`, /line 11/],
  ])('rejects %s, naming the store path', (_case, text, reason) => {
    expect(() => parseNarinfo(text)).toThrow(NixJsonError);
    expect(() => parseNarinfo(text)).toThrow(/^\/nix\/store\/5dqsmwrpq6cyliy89b2bk3gdg5y10cyd-multi-2.0-dev: /);
    expect(() => parseNarinfo(text)).toThrow(reason);
  });

  it('rejects a file without StorePath', () => {
    expect(() => parseNarinfo('URL: nar/x.nar\n')).toThrow(/^narinfo: narinfo has no StorePath/);
  });
});
