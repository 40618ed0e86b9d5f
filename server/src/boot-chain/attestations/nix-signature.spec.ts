import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePathInfo } from '../nix-json/path-info.parser';
import { checkSignatures, nixFingerprint, NixKeyError, parseNixPublicKey } from './nix-signature';

// Signed by real Nix 2.8 (`nix store sign`) with the key whose public half is recorded here.
const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'boot-chain', 'nix-json', 'nix-2.8');
const infos = parsePathInfo(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'path-info.json'), 'utf8')));
const key = parseNixPublicKey(fs.readFileSync(path.join(FIXTURES, 'nixsec-fixture-1.pub'), 'utf8'));
const signed = infos.find((i) => i.signatures.length && i.references.length)!;

describe('Nix signatures over path fingerprints', () => {
  it('verifies a signature Nix made, whatever form the NAR hash is given in', () => {
    expect(checkSignatures(signed, signed.signatures, [key])).toEqual({ status: 'valid', keyName: 'nixsec-fixture-1' });
    expect(nixFingerprint(signed)).toMatch(/^1;\/nix\/store\/[0-9a-z]{32}-[^;]+;sha256:[0-9a-z]{52};\d+;\/nix\/store\//);
  });

  it('every signed path of the recorded store verifies', () => {
    const withSigs = infos.filter((i) => i.signatures.length);
    expect(withSigs.length).toBeGreaterThan(1);
    expect(withSigs.map((i) => checkSignatures(i, i.signatures, [key]).status)).toEqual(withSigs.map(() => 'valid'));
  });

  it('an altered claim (other hash, size or references) does not verify', () => {
    const other = infos.find((i) => i.narHash !== signed.narHash)!;
    expect(checkSignatures({ ...signed, narHash: other.narHash }, signed.signatures, [key]).status).toBe('invalid');
    expect(checkSignatures({ ...signed, narSize: signed.narSize + 1 }, signed.signatures, [key]).status).toBe('invalid');
    expect(checkSignatures({ ...signed, references: [] }, signed.signatures, [key]).status).toBe('invalid');
  });

  it('tells unknown keys, missing and malformed signatures apart', () => {
    const body = signed.signatures[0].split(':')[1];
    expect(checkSignatures(signed, [`someone-else-1:${body}`], [key]).status).toBe('unknown_key');
    expect(checkSignatures(signed, [], [key]).status).toBe('missing');
    expect(checkSignatures(signed, ['no-colon-here'], [key]).status).toBe('malformed');
    expect(checkSignatures(signed, ['someone-else-1:abc', signed.signatures[0]], [key]).status).toBe('valid');
  });

  it('refuses public keys that are not Ed25519 keys in Nix form', () => {
    expect(() => parseNixPublicKey('no-name')).toThrow(NixKeyError);
    expect(() => parseNixPublicKey('short:AAAA')).toThrow(/has 3 bytes, an Ed25519 key has 32/);
  });
});
