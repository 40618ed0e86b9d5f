import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { normaliseNarHash, parseNixHash, toNix32 } from './nix-hash';

export class NixKeyError extends Error {}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NixPublicKey {
  name: string;
  key: KeyObject;
  /** As configured: `name:base64`. */
  text: string;
}

/** A Nix public key as in `trusted-public-keys`, e.g. `cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=`. */
export function parseNixPublicKey(text: string): NixPublicKey {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0) throw new NixKeyError(`'${text}' is not a Nix public key: expected <name>:<base64 of 32 bytes>`);
  const raw = Buffer.from(trimmed.slice(colon + 1), 'base64');
  if (raw.length !== 32) throw new NixKeyError(`the Nix public key '${trimmed.slice(0, colon)}' has ${raw.length} bytes, an Ed25519 key has 32`);
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return { name: trimmed.slice(0, colon), key, text: trimmed };
}

export interface PathInfoForSignature {
  path: string;
  narHash: string;
  narSize: number;
  references: string[];
}

/** What Nix signs for a store path: `1;<path>;<sha256:base32 narHash>;<narSize>;<sorted references>`. */
export function nixFingerprint(info: PathInfoForSignature): string {
  const narHash = toNix32(parseNixHash(normaliseNarHash(info.narHash)));
  return `1;${info.path};${narHash};${info.narSize};${[...info.references].sort().join(',')}`;
}

export type SignatureStatus = 'valid' | 'invalid' | 'unknown_key' | 'missing' | 'malformed';

export interface SignatureCheck {
  status: SignatureStatus;
  keyName?: string;
}

/**
 * Checks signatures (`keyname:base64`) over the path's fingerprint. A signature by a key we do not
 * know says nothing; one by a known key that does not verify is `invalid` (a forged or altered claim).
 */
export function checkSignatures(info: PathInfoForSignature, signatures: string[], keys: NixPublicKey[]): SignatureCheck {
  if (!signatures.length) return { status: 'missing' };
  const fingerprint = Buffer.from(nixFingerprint(info));
  let result: SignatureCheck = { status: 'unknown_key' };
  for (const signature of signatures) {
    const colon = signature.indexOf(':');
    if (colon <= 0) {
      if (result.status === 'unknown_key') result = { status: 'malformed' };
      continue;
    }
    const keyName = signature.slice(0, colon);
    const bytes = Buffer.from(signature.slice(colon + 1), 'base64');
    const key = keys.find((k) => k.name === keyName);
    if (!key) continue;
    if (bytes.length === 64 && verify(null, fingerprint, key.key, bytes)) return { status: 'valid', keyName };
    result = { status: 'invalid', keyName };
  }
  return result;
}
