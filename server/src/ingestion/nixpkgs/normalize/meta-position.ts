import type { NormalizedDerivation } from '../normalized-derivation';

export type MetaPosition = NonNullable<NormalizedDerivation['position']>;

// Top-level directories of Nixpkgs in the order to trust them: a "lib" or "nixos" directory also
// occurs inside pkgs/ (pkgs/kde/lib/…, pkgs/desktops/gnome/nixos/…), "pkgs" never does.
const NIXPKGS_TOP_DIRS = ['pkgs', 'nixos', 'lib', 'maintainers', 'doc'];

/**
 * meta.position as Nixpkgs writes it ("<absolute file>:<line>", the file where meta was defined),
 * the file made relative to the Nixpkgs root: below nixpkgsRoot when given and it matches, else
 * cut before the last "/pkgs/" (failing that "/nixos/", "/lib/", …) of the path.
 */
export function parseMetaPosition(value: unknown, nixpkgsRoot?: string): MetaPosition | null {
  if (typeof value !== 'string') return null;
  const match = /^(.+):(\d+)$/.exec(value);
  if (!match) return null;
  return { file: relativeToNixpkgs(match[1], nixpkgsRoot), line: Number(match[2]) };
}

function relativeToNixpkgs(file: string, nixpkgsRoot: string | undefined): string {
  if (nixpkgsRoot) {
    const root = nixpkgsRoot.endsWith('/') ? nixpkgsRoot : `${nixpkgsRoot}/`;
    if (file.startsWith(root)) return file.slice(root.length);
  }
  // A path that is already relative ("pkgs/…") is found at index 0 of "/pkgs/…".
  const rooted = file.startsWith('/') ? file : `/${file}`;
  for (const dir of NIXPKGS_TOP_DIRS) {
    const at = rooted.lastIndexOf(`/${dir}/`);
    if (at >= 0) return rooted.slice(at + 1);
  }
  return file;
}
