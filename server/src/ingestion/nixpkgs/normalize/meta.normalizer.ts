import type { NormalizedDerivation } from '../normalized-derivation';
import { normalizeMaintainers, normalizeTeams } from './maintainers.normalizer';
import { parseMetaPosition } from './meta-position';
import { isJsonObject, stringOrNull, stringList, unique, type JsonObject } from './raw-json';

export type NormalizedMeta = Pick<
  NormalizedDerivation,
  | 'description'
  | 'longDescription'
  | 'homepages'
  | 'licenses'
  | 'maintainers'
  | 'teams'
  | 'knownVulnerabilities'
  | 'position'
  | 'broken'
  | 'insecure'
  | 'unfree'
  | 'unsupported'
  | 'mainProgram'
  | 'cpe'
  | 'extraMeta'
> & { pname: string | null; version: string | null };

// Read into the fields above (meta.name repeats the line's own name).
const READ_KEYS = new Set([
  'name', 'pname', 'version', 'description', 'longDescription', 'homepage', 'license', 'maintainers', 'teams',
  'knownVulnerabilities', 'position', 'broken', 'insecure', 'unfree', 'unsupported', 'mainProgram',
]);
// Platform lists are the bulk of every line and say nothing about security.
const DROPPED_KEYS = new Set(['platforms', 'badPlatforms', 'hydraPlatforms']);

/** The `meta` of a nix-eval-jobs `--meta` line; absent or wrong-typed fields read as empty. */
export function normalizeMeta(raw: unknown, nixpkgsRoot?: string): NormalizedMeta {
  const meta: JsonObject = isJsonObject(raw) ? raw : {};
  return {
    pname: stringOrNull(meta.pname),
    version: stringOrNull(meta.version),
    description: stringOrNull(meta.description),
    longDescription: stringOrNull(meta.longDescription),
    homepages: stringList(meta.homepage),
    licenses: licenseIds(meta.license),
    maintainers: normalizeMaintainers(meta.maintainers, meta.teams),
    teams: normalizeTeams(meta.teams),
    knownVulnerabilities: stringList(meta.knownVulnerabilities),
    position: parseMetaPosition(meta.position, nixpkgsRoot),
    broken: meta.broken === true,
    insecure: meta.insecure === true,
    unfree: meta.unfree === true,
    unsupported: meta.unsupported === true,
    mainProgram: stringOrNull(meta.mainProgram),
    cpe: isJsonObject(meta.identifiers) ? stringOrNull(meta.identifiers.cpe) : null,
    extraMeta: extraMeta(meta),
  };
}

/** meta.license is one licence or a list; a licence is an attrset from lib.licenses or, in old expressions, a string. */
function licenseIds(value: unknown): string[] {
  const licenses: unknown[] = Array.isArray(value) ? value : [value];
  return unique(licenses.map(licenseId).filter((id): id is string => id !== null));
}

function licenseId(license: unknown): string | null {
  if (typeof license === 'string') return license || null;
  if (!isJsonObject(license)) return null;
  return nonEmpty(license.spdxId) ?? nonEmpty(license.shortName) ?? nonEmpty(license.fullName);
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

// Object.fromEntries and object rest define own properties, so a "__proto__" key stays data.
function extraMeta(meta: JsonObject): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(meta).filter(([key]) => !READ_KEYS.has(key) && !DROPPED_KEYS.has(key)));
  // identifiers.cpe is read into `cpe`; the rest (cpeParts, possibleCPEs, …) stays.
  if (isJsonObject(meta.identifiers)) {
    const { cpe: _cpe, ...otherIdentifiers } = meta.identifiers;
    if (Object.keys(otherIdentifiers).length > 0) extra.identifiers = otherIdentifiers;
    else delete extra.identifiers;
  }
  return extra;
}
