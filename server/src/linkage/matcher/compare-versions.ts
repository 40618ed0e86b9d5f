/**
 * Nix's version ordering, as `builtins.splitVersion` and `builtins.compareVersions` (and `nix-env -u`)
 * implement it in NixOS/nix src/libstore/names.cc (nextComponent, componentsLT, compareVersions).
 * Nixpkgs' own `lib.versionOlder` uses the same builtin, so this is the order a Nixpkgs maintainer
 * means when they say one version is newer than another.
 */

const INT_MAX = 2 ** 31 - 1;

/**
 * The components of a version: maximal runs of digits and maximal runs of anything that is neither a
 * digit nor a separator ('.' or '-'), with the separators dropped however many there are:
 * "2.3pre1" → ["2", "3", "pre", "1"], "...1.-pre" → ["1", "pre"]. Other punctuation is part of a word.
 */
export function splitVersion(version: string): string[] {
  const components: string[] = [];
  let position = 0;
  for (;;) {
    const [component, next] = nextComponent(version, position);
    // Only the end of the string yields an empty component, which is where the builtin stops too.
    if (component === '') return components;
    components.push(component);
    position = next;
  }
}

/** -1 if `a` is older than `b`, 0 if Nix treats them as the same version, 1 if `a` is newer. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  let positionA = 0;
  let positionB = 0;
  // A version that runs out of components keeps supplying "" — which sorts above "pre", so
  // "2.3pre1" < "2.3", and below any number or other word, so "2.3" < "2.3.1" and "2.3" < "2.3a".
  while (positionA < a.length || positionB < b.length) {
    const [componentA, nextA] = nextComponent(a, positionA);
    const [componentB, nextB] = nextComponent(b, positionB);
    if (componentLessThan(componentA, componentB)) return -1;
    if (componentLessThan(componentB, componentA)) return 1;
    positionA = nextA;
    positionB = nextB;
  }
  return 0;
}

function nextComponent(version: string, start: number): [component: string, next: number] {
  let position = start;
  while (position < version.length && isSeparator(version[position])) position++;
  const begin = position;
  if (position < version.length && isDigit(version[position])) {
    while (position < version.length && isDigit(version[position])) position++;
  } else {
    while (position < version.length && !isDigit(version[position]) && !isSeparator(version[position])) position++;
  }
  return [version.slice(begin, position), position];
}

/**
 * componentsLT from names.cc. In effect components sort as: "pre" < "" (a version that ran out) <
 * other words, byte-wise < numbers, numerically. So "2.3a" < "2.3.1", and only "pre" means
 * "before the release": "6.1.0-rc1" is newer than "6.1.0" because "" < "rc".
 */
function componentLessThan(a: string, b: string): boolean {
  const numberA = asInt(a);
  const numberB = asInt(b);
  if (numberA !== null && numberB !== null) return numberA < numberB;
  if (a === '' && numberB !== null) return true;
  if (a === 'pre' && b !== 'pre') return true;
  if (b === 'pre') return false;
  if (numberB !== null) return true;
  if (numberA !== null) return false;
  return compareBytes(a, b) < 0;
}

// Nix parses a component with string2Int<int>: leading zeros are fine ("011" is 11), but a run of
// digits that does not fit a 32-bit int is not a number at all and is compared as a word — so it
// sorts below every real number ("2147483648" < "1").
function asInt(component: string): number | null {
  if (component === '' || !isDigit(component[0])) return null;
  const value = Number(component);
  return value <= INT_MAX ? value : null;
}

// std::string comparison is byte-wise on UTF-8; for well-formed strings that is code point order,
// which JavaScript's `<` (UTF-16 code units) does not give for characters above U+FFFF.
function compareBytes(a: string, b: string): number {
  const pointsA = Array.from(a, (character) => character.codePointAt(0) ?? 0);
  const pointsB = Array.from(b, (character) => character.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(pointsA.length, pointsB.length); i++) {
    if (pointsA[i] !== pointsB[i]) return pointsA[i] - pointsB[i];
  }
  return pointsA.length - pointsB.length;
}

function isSeparator(character: string): boolean {
  return character === '.' || character === '-';
}

// C isdigit: ASCII digits only.
function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}
