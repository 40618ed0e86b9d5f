import { nix32Decode, nix32Encode, NixHashError, normaliseNarHash, parseNixHash, toNix32, toSri } from './nix-hash';

// Each form printed by Nix 2.8 (`nix hash to-base32 / to-base16`) for one NAR hash recorded here.
const SRI = 'sha256-sqq+3GUKsFEzmjKupTf5JztrF2/DN0Q920WXbTuFM8g=';
const NIX32 = '1j1khlxnv5s5vcyl8dy3dwbnnfr7z4vsbbijk8rm3c0acpfbxamj';
const HEX = 'b2aabedc650ab051339a32aea537f9273b6b176fc337443ddb45976d3b8533c8';

describe('Nix hashes', () => {
  it('encodes and decodes Nix base32 exactly as Nix prints it', () => {
    const digest = Buffer.from(HEX, 'hex');
    expect(nix32Encode(digest)).toBe(NIX32);
    expect(nix32Decode(NIX32, 32).toString('hex')).toBe(HEX);
  });

  it.each([SRI, `sha256:${NIX32}`, `sha256:${HEX}`, `sha256:${HEX.toUpperCase()}`, NIX32, `  ${SRI}\n`])('normalises %s to the SRI form', (text) => {
    expect(normaliseNarHash(text)).toBe(SRI);
  });

  it('gives the sha256:base32 form used inside signature fingerprints', () => {
    expect(toNix32(parseNixHash(SRI))).toBe(`sha256:${NIX32}`);
    expect(toSri(parseNixHash(`sha256:${NIX32}`))).toBe(SRI);
  });

  it.each([
    ['sha256-tooshort', /has 6 bytes, a sha256 hash has 32/],
    [`sha256:${NIX32.slice(0, -1)}e`, /'e' is not a Nix base32 digit/],
    ['sha256:abc', /wrong length for a sha256 hash/],
  ])('refuses %s with a reason', (text, reason) => {
    expect(() => parseNixHash(text, 'sha256')).toThrow(NixHashError);
    expect(() => parseNixHash(text, 'sha256')).toThrow(reason);
  });

  it('refuses a bare digest when nothing says which algorithm it is', () => {
    expect(() => parseNixHash(HEX)).toThrow(/is not a Nix hash: give it as sha256-<base64>/);
  });
});
