/** Readers specific to nix-eval-jobs lines; the general ones are in ingestion/raw-json.ts. */
export { isJsonObject, stringOrNull } from '../../raw-json';
export type { JsonObject } from '../../raw-json';

/** A string or a list of strings, as Nixpkgs allows for meta.homepage; duplicates dropped. */
export function stringList(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return unique(items.filter((item): item is string => typeof item === 'string'));
}

export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** How a wrong value is named in a rejection message. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
