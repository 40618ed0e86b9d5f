import * as path from 'node:path';

/**
 * What Hydra evaluates for a Nixpkgs channel (pkgs/top-level/release.nix), but with unfree and
 * insecure packages allowed: nixsec tracks vulnerabilities in those too, and Hydra's default
 * config (allowUnfree = false) would turn them into evaluation errors. `inHydra` is kept from
 * release.nix's own default so the rest behaves as on Hydra.
 */
export function releaseExpression(nixpkgsPath: string): string {
  const releaseNix = path.join(path.resolve(nixpkgsPath), 'pkgs', 'top-level', 'release.nix');
  // A path built from a string: path literals cannot hold spaces and some other characters.
  return `import (/. + ${nixString(releaseNix)}) {
  nixpkgsArgs = {
    config = {
      allowUnfree = true;
      allowInsecurePredicate = _: true;
      inHydra = true;
    };
  };
}`;
}

/** A Nix string literal; `${` must be escaped too, or Nix would interpolate. */
export function nixString(value: string): string {
  return `"${value.replace(/[\\"$]/g, (char) => `\\${char}`)}"`;
}
