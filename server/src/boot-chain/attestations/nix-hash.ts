/** Nix's own base32 alphabet: digits and lowercase letters without e, o, u and t. */
const NIX32 = '0123456789abcdfghijklmnpqrsvwxyz';

const DIGEST_BYTES: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };

export class NixHashError extends Error {}

export function nix32Encode(bytes: Uint8Array): string {
  const length = Math.ceil((bytes.length * 8) / 5);
  let out = '';
  for (let n = length - 1; n >= 0; n--) {
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    const c = (bytes[i] >> j) | (i + 1 < bytes.length ? bytes[i + 1] << (8 - j) : 0);
    out += NIX32[c & 0x1f];
  }
  return out;
}

export function nix32Decode(text: string, size: number): Buffer {
  if (text.length !== Math.ceil((size * 8) / 5)) throw new NixHashError(`a ${size}-byte hash in Nix base32 has ${Math.ceil((size * 8) / 5)} characters, not ${text.length}`);
  const bytes = Buffer.alloc(size);
  for (let n = 0; n < text.length; n++) {
    const digit = NIX32.indexOf(text[text.length - n - 1]);
    if (digit < 0) throw new NixHashError(`'${text[text.length - n - 1]}' is not a Nix base32 digit`);
    const bit = n * 5;
    const i = Math.floor(bit / 8);
    const j = bit % 8;
    bytes[i] |= (digit << j) & 0xff;
    const carry = digit >> (8 - j);
    if (i + 1 < size) bytes[i + 1] |= carry;
    else if (carry) throw new NixHashError('Nix base32 hash has bits beyond its size');
  }
  return bytes;
}

export interface NixHash {
  algorithm: string;
  digest: Buffer;
}

/**
 * Reads a hash in any form Nix prints or accepts: SRI (`sha256-<base64>`), `<algo>:<base32|hex|base64>`,
 * or a bare digest when the algorithm is known from context (`defaultAlgorithm`).
 */
export function parseNixHash(text: string, defaultAlgorithm?: string): NixHash {
  const trimmed = text.trim();
  const sri = /^(md5|sha1|sha256|sha512)-([A-Za-z0-9+/]+=*)$/.exec(trimmed);
  if (sri) return checked(sri[1], Buffer.from(sri[2], 'base64'), trimmed);
  const prefixed = /^(md5|sha1|sha256|sha512):(.+)$/.exec(trimmed);
  const algorithm = prefixed?.[1] ?? defaultAlgorithm;
  const body = prefixed?.[2] ?? trimmed;
  if (!algorithm || !(algorithm in DIGEST_BYTES)) throw new NixHashError(`'${text}' is not a Nix hash: give it as sha256-<base64>, sha256:<base32> or sha256:<hex>`);
  const size = DIGEST_BYTES[algorithm];
  if (body.length === size * 2 && /^[0-9a-f]+$/i.test(body)) return checked(algorithm, Buffer.from(body, 'hex'), trimmed);
  if (body.length === Math.ceil((size * 8) / 5)) return checked(algorithm, nix32Decode(body.toLowerCase(), size), trimmed);
  const base64 = Buffer.from(body, 'base64');
  if (base64.length === size && /^[A-Za-z0-9+/]+=*$/.test(body)) return checked(algorithm, base64, trimmed);
  throw new NixHashError(`'${text}' has the wrong length for a ${algorithm} hash`);
}

function checked(algorithm: string, digest: Buffer, text: string): NixHash {
  if (digest.length !== DIGEST_BYTES[algorithm]) throw new NixHashError(`'${text}' has ${digest.length} bytes, a ${algorithm} hash has ${DIGEST_BYTES[algorithm]}`);
  return { algorithm, digest };
}

/** The form nixsec stores and compares: SRI, e.g. `sha256-sqq+3GUKsFEzmjKupTf5JztrF2/DN0Q920WXbTuFM8g=`. */
export function toSri(hash: NixHash): string {
  return `${hash.algorithm}-${hash.digest.toString('base64')}`;
}

/** The form inside Nix's signature fingerprint: `sha256:<nix base32>`. */
export function toNix32(hash: NixHash): string {
  return `${hash.algorithm}:${nix32Encode(hash.digest)}`;
}

export function normaliseNarHash(text: string): string {
  return toSri(parseNixHash(text, 'sha256'));
}
