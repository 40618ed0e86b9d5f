import { RecordRejectedError, type NormalizedCve, type RecordRejectionReason } from '../normalized-cve';
import { isJsonObject } from '../../raw-json';

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

  /** Refuses runaway affected/references lists (the largest in all of vulnrichment has 743 entries). */
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
    const oversized = findOversizedString(raw);
    if (oversized) {
      throw this.reject(
        'oversized',
        `${oversized.path || 'the record'} is a string of ${oversized.bytes} bytes, over the ${MAX_STRING_BYTES}-byte limit; the record is refused — check the source for a runaway field`,
      );
    }
  }
}

// Iterative, so a pathologically deep record is refused or accepted, never a stack overflow.
function findOversizedString(root: unknown): { path: string; bytes: number } | null {
  const pending: [value: unknown, path: string][] = [[root, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      // A UTF-16 code unit is at most 3 UTF-8 bytes, so most strings need no byte count.
      if (value.length * 3 <= MAX_STRING_BYTES) continue;
      const bytes = Buffer.byteLength(value, 'utf8');
      if (bytes > MAX_STRING_BYTES) return { path, bytes };
    } else if (Array.isArray(value)) {
      value.forEach((child, index) => pending.push([child, `${path}[${index}]`]));
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

/** A value for an error message: JSON, cut short so a huge field cannot flood logs. */
export function quoted(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
