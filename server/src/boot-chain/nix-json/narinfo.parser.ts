import { toSri } from '../attestations/nix-hash';
import { NixJsonError } from './nix-json.error';
import { DEFAULT_STORE_DIR, fullStorePath, nixHashFromJson } from './path-info.parser';

export interface ParsedNarinfo {
  storePath: string;
  url: string;
  /** As stated; `null` when the line is missing, which Nix reads as bzip2. */
  compression: string | null;
  narHash: string;
  narSize: number;
  /** Full paths, sorted. */
  references: string[];
  deriver: string | null;
  signatures: string[];
  ca: string | null;
  /** SRI hash and size of the compressed file at `url`, when stated. */
  fileHash?: string;
  fileSize?: number;
}

/** What Nix writes (and skips on reading) when it does not know a path's deriver. */
const UNKNOWN_DERIVER = 'unknown-deriver';

/** Reads a binary cache's `<hash>.narinfo`: `Key: value` lines, where only `Sig:` may repeat. */
export function parseNarinfo(text: string, storeDir = DEFAULT_STORE_DIR): ParsedNarinfo {
  const fields = new Map<string, string>();
  const signatures: string[] = [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new NixJsonError(recordName(fields), `narinfo line ${index + 1} is not 'Key: value'`);
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (key === 'Sig') signatures.push(value);
    else if (fields.has(key)) throw new NixJsonError(recordName(fields), `narinfo has '${key}' twice`);
    else fields.set(key, value);
  }

  const storePath = fullStorePath('narinfo', required(fields, 'StorePath'), storeDir, 'StorePath');
  const deriver = fields.get('Deriver');
  const info: ParsedNarinfo = {
    storePath,
    url: required(fields, 'URL'),
    compression: fields.get('Compression') || null,
    narHash: toSri(nixHashFromJson(storePath, required(fields, 'NarHash'), 'NarHash', 'sha256')),
    narSize: size(storePath, fields, 'NarSize'),
    references: (fields.get('References') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((reference) => fullStorePath(storePath, reference, storeDir, 'References'))
      .sort(),
    deriver: deriver && deriver !== UNKNOWN_DERIVER ? fullStorePath(storePath, deriver, storeDir, 'Deriver') : null,
    signatures,
    ca: fields.get('CA') || null,
  };
  if (fields.has('FileHash')) info.fileHash = toSri(nixHashFromJson(storePath, fields.get('FileHash'), 'FileHash', 'sha256'));
  if (fields.has('FileSize')) info.fileSize = size(storePath, fields, 'FileSize');
  return info;

  function required(map: Map<string, string>, key: string): string {
    const value = map.get(key);
    if (!value) throw new NixJsonError(recordName(map), `narinfo has no ${key}`);
    return value;
  }
}

function recordName(fields: Map<string, string>): string {
  return fields.get('StorePath') || 'narinfo';
}

function size(storePath: string, fields: Map<string, string>, key: string): number {
  const text = fields.get(key) ?? '';
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new NixJsonError(storePath, `${key} '${text}' is not a size in bytes`);
  return value;
}
