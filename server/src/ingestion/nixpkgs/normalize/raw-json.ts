/** Readers for one parsed nix-eval-jobs line: a wrong-typed optional field reads as absent. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

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
