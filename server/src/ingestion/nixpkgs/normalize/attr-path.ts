/**
 * nix-eval-jobs prints `attr` as the attribute path joined with "." and wraps a component that
 * contains a dot in double quotes, escaping nothing else (attrPathJoin in src/worker.cc):
 * ["haskell", "packages", "ghc9.6", "hello"] → 'haskell.packages."ghc9.6".hello'.
 */
export function splitAttr(attr: string): string[] {
  if (attr === '') return [];
  const components: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of attr) {
    if (char === '"') quoted = !quoted;
    else if (char === '.' && !quoted) {
      components.push(current);
      current = '';
    } else current += char;
  }
  components.push(current);
  return components;
}

export function joinAttrPath(attrPath: readonly string[]): string {
  return attrPath.map((component) => (component.includes('.') ? `"${component}"` : component)).join('.');
}

/**
 * The package's own attribute path: release.nix-style evaluations (Hydra's jobsets) add the system
 * as the last component ("hello.x86_64-linux"); a flake's `packages.x86_64-linux.hello` keeps it.
 */
export function packageAttrOf(attrPath: readonly string[], system: string): string {
  const withoutSystem = attrPath.at(-1) === system ? attrPath.slice(0, -1) : attrPath;
  return joinAttrPath(withoutSystem);
}
