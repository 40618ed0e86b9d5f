import { RecordRejectedError, type NormalizedCve, type RecordRejectionReason } from '../normalized-cve';
import { isJsonObject } from './raw-json';

/** Something dropped or doubtful in an accepted record, e.g. an invalid CVSS vector. */
export interface NormalizationWarning {
  path: string; // JSON path inside the record, e.g. containers.adp[0].metrics[1].cvssV3_1
  message: string;
}

export interface NormalizationResult {
  cve: NormalizedCve;
  warnings: NormalizationWarning[];
}

export const MAX_STRING_BYTES = 1024 * 1024;
export const MAX_LIST_ENTRIES = 10_000;

/** Per-record state of one normalisation: the record's key for messages, collected warnings. */
export class NormalizeContext {
  readonly warnings: NormalizationWarning[] = [];

  constructor(readonly recordKey: string) {}

  warn(path: string, message: string): void {
    this.warnings.push({ path, message });
  }

  reject(reason: RecordRejectionReason, detail: string): RecordRejectedError {
    return new RecordRejectedError(reason, this.recordKey, detail);
  }

  /** Refuses records whose affected/references lists are larger than any real record's. */
  checkListSize(list: unknown, path: string): void {
    if (Array.isArray(list) && list.length > MAX_LIST_ENTRIES) {
      throw this.reject(
        'oversized',
        `${path} has ${list.length} entries, more than ${MAX_LIST_ENTRIES}; the record is refused — check the source for a runaway list`,
      );
    }
  }

  /** Refuses records carrying a string over 1 MiB anywhere (also in fields we do not read). */
  checkStringSizes(raw: unknown): void {
    const oversized = findOversizedString(raw, '');
    if (oversized) {
      throw this.reject(
        'oversized',
        `${oversized.path || 'the record'} is a string of ${oversized.bytes} bytes, over the ${MAX_STRING_BYTES}-byte limit; the record is refused — check the source for a runaway field`,
      );
    }
  }
}

function findOversizedString(value: unknown, path: string): { path: string; bytes: number } | null {
  if (typeof value === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no byte count.
    if (value.length * 3 <= MAX_STRING_BYTES) return null;
    const bytes = Buffer.byteLength(value, 'utf8');
    return bytes > MAX_STRING_BYTES ? { path, bytes } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findOversizedString(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const found = findOversizedString(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** A value for an error message: JSON, cut short so a huge field cannot flood logs. */
export function quoted(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
