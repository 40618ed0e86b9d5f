import { EvalLineRejectedError } from '../normalized-derivation';
import { isJsonObject, type JsonObject } from './raw-json';

// Larger than any real meta.longDescription; a bigger string is a runaway value, not metadata.
export const MAX_STRING_BYTES = 64 * 1024;
// stdenv builds have a few hundred direct inputs at most.
export const MAX_INPUT_DRVS = 10_000;

/** Refuses a line with a string (value or key) over 64 KiB anywhere, or too many inputDrvs. */
export function checkEvalLineSize(line: JsonObject, lineNumber: number): void {
  const oversized = findOversizedString(line);
  if (oversized) {
    throw new EvalLineRejectedError(
      'oversized',
      lineNumber,
      `${shortened(oversized.path)} holds a string of ${oversized.bytes} bytes, over the ${MAX_STRING_BYTES}-byte limit; the line is refused — check the evaluation for a runaway value`,
    );
  }
  const inputDrvs = line.inputDrvs;
  const count = isJsonObject(inputDrvs) ? Object.keys(inputDrvs).length : Array.isArray(inputDrvs) ? inputDrvs.length : 0;
  if (count > MAX_INPUT_DRVS) {
    throw new EvalLineRejectedError(
      'oversized',
      lineNumber,
      `inputDrvs has ${count} entries, more than ${MAX_INPUT_DRVS}; the line is refused — check the evaluation for a runaway dependency list`,
    );
  }
}

// Paths are built from the line's own keys, which may be long.
function shortened(path: string): string {
  return path.length > 120 ? `${path.slice(0, 117)}...` : path;
}

function byteLengthOver(text: string): number | null {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so most strings need no byte count.
  if (text.length * 3 <= MAX_STRING_BYTES) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_STRING_BYTES ? bytes : null;
}

// Iterative: a deeply nested line is judged, never a stack overflow.
function findOversizedString(root: unknown): { path: string; bytes: number } | null {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      const bytes = byteLengthOver(value);
      if (bytes !== null) return { path, bytes };
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) stack.push({ value: value[index], path: `${path}[${index}]` });
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const keyBytes = byteLengthOver(key);
        if (keyBytes !== null) return { path: `a key in ${path || 'the line'}`, bytes: keyBytes };
        stack.push({ value: child, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}
