import { NixHash, NixHashError, parseNixHash, toNix32, toSri } from '../attestations/nix-hash';
import { NixJsonError } from './nix-json.error';

export const DEFAULT_STORE_DIR = '/nix/store';

export interface ParsedPathInfo {
  path: string;
  valid: boolean;
  /** SRI; empty for a path the store does not have (`valid: false`). */
  narHash: string;
  narSize: number;
  /** Full paths, sorted. */
  references: string[];
  /** `keyname:base64`, as in narinfo `Sig:` lines. */
  signatures: string[];
  ultimate: boolean;
  deriver: string | null;
  /** The textual content address Nix uses in narinfo `CA:`, e.g. `fixed:r:sha256:<base32>`. */
  ca: string | null;
  registrationTime?: number;
}

const STORE_PATH_BASE_NAME = /^[0123456789abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\-._?=]+$/;

/**
 * A store path as a full path. Older Nix prints full paths; newer JSON formats and narinfo `References:`/`Deriver:`
 * print base names. Both are accepted, but a full path must lie in `storeDir`.
 */
export function fullStorePath(record: string, path: unknown, storeDir: string, field: string): string {
  if (typeof path !== 'string') throw new NixJsonError(record, `${field} is not a store path string`);
  const dir = storeDir.replace(/\/+$/, '');
  const baseName = path.startsWith('/') ? (path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : null) : path;
  if (baseName === null || !STORE_PATH_BASE_NAME.test(baseName)) throw new NixJsonError(record, `${field} '${path}' is not a store path in ${dir}`);
  return `${dir}/${baseName}`;
}

/** Hashes appear as strings (SRI, `sha256:<base32|base64>`, bare hex) or, in newer JSON, as `{algorithm, format, hash}`. */
export function nixHashFromJson(record: string, value: unknown, field: string, defaultAlgorithm?: string): NixHash {
  try {
    if (typeof value === 'string') return parseNixHash(value, defaultAlgorithm);
    if (isObject(value) && typeof value.hash === 'string' && typeof value.algorithm === 'string') return parseNixHash(value.hash, value.algorithm);
  } catch (error) {
    if (error instanceof NixHashError) throw new NixJsonError(record, `${field}: ${error.message}`);
    throw error;
  }
  throw new NixJsonError(record, `${field} is not a Nix hash`);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `nix path-info --json` from any Nix since 2.4: a list of records with `path` (up to 2.18, invalid
 * paths as `valid: false`), an object keyed by path with `null` for invalid paths (2.19+), or that object
 * wrapped as `{version, storeDir, info}` (2.33+ `--json-format`).
 */
export function parsePathInfo(json: unknown, storeDir = DEFAULT_STORE_DIR): ParsedPathInfo[] {
  if (Array.isArray(json)) {
    return json.map((entry, index) => {
      if (!isObject(entry)) throw new NixJsonError(`path-info entry ${index}`, 'is not an object');
      const path = fullStorePath(`path-info entry ${index}`, entry.path, storeDir, 'path');
      return entry.valid === false ? invalidPath(path) : parseRecord(path, entry, storeDir);
    });
  }
  if (!isObject(json)) throw new NixJsonError('path-info', 'expected a JSON list or object of store paths');
  if (isObject(json.info)) {
    const dir = typeof json.storeDir === 'string' ? json.storeDir : storeDir;
    return parseKeyed(json.info, dir);
  }
  return parseKeyed(json, storeDir);
}

function parseKeyed(records: Record<string, unknown>, storeDir: string): ParsedPathInfo[] {
  return Object.entries(records).map(([key, entry]) => {
    const path = fullStorePath(key, key, storeDir, 'key');
    if (entry === null) return invalidPath(path);
    if (!isObject(entry)) throw new NixJsonError(path, 'path info is not an object');
    return parseRecord(path, entry, storeDir);
  });
}

function parseRecord(path: string, entry: Record<string, unknown>, storeDir: string): ParsedPathInfo {
  const narSize = entry.narSize;
  if (typeof narSize !== 'number' || !Number.isSafeInteger(narSize) || narSize < 0) throw new NixJsonError(path, 'narSize is not a non-negative integer');
  const references = entry.references ?? [];
  if (!Array.isArray(references)) throw new NixJsonError(path, 'references is not a list');
  const signatures = entry.signatures ?? [];
  if (!Array.isArray(signatures)) throw new NixJsonError(path, 'signatures is not a list');
  const info: ParsedPathInfo = {
    path,
    valid: true,
    narHash: toSri(nixHashFromJson(path, entry.narHash, 'narHash', 'sha256')),
    narSize,
    references: references.map((reference) => fullStorePath(path, reference, storeDir, 'reference')).sort(),
    signatures: signatures.map((signature) => signatureText(path, signature)),
    ultimate: entry.ultimate === true,
    deriver: entry.deriver == null ? null : fullStorePath(path, entry.deriver, storeDir, 'deriver'),
    ca: contentAddressText(path, entry.ca),
  };
  if (typeof entry.registrationTime === 'number') info.registrationTime = entry.registrationTime;
  return info;
}

function invalidPath(path: string): ParsedPathInfo {
  return { path, valid: false, narHash: '', narSize: 0, references: [], signatures: [], ultimate: false, deriver: null, ca: null };
}

/** JSON format 3 prints signatures as `{keyName, sig}`; earlier formats as `keyName:sig`. */
function signatureText(path: string, signature: unknown): string {
  if (typeof signature === 'string') return signature;
  if (isObject(signature) && typeof signature.keyName === 'string' && typeof signature.sig === 'string') return `${signature.keyName}:${signature.sig}`;
  throw new NixJsonError(path, 'a signature is neither a string nor {keyName, sig}');
}

const CA_METHOD_PREFIX: Record<string, string> = { flat: 'fixed:', nar: 'fixed:r:', text: 'text:', git: 'fixed:git:' };

/** Newer formats print `{method, hash}`; rendered to the string form older Nix and narinfo `CA:` use, so both compare equal. */
function contentAddressText(path: string, ca: unknown): string | null {
  if (ca == null) return null;
  if (typeof ca === 'string') return ca;
  if (isObject(ca) && typeof ca.method === 'string' && ca.method in CA_METHOD_PREFIX) {
    return CA_METHOD_PREFIX[ca.method] + toNix32(nixHashFromJson(path, ca.hash, 'ca.hash'));
  }
  throw new NixJsonError(path, 'ca is neither a content-address string nor {method, hash}');
}
