import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { nixString, releaseExpression } from './release-expression';

function hasNixInstantiate(): boolean {
  try {
    execFileSync('nix-instantiate', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('nixString', () => {
  it.each([
    ['/work/nixpkgs', '"/work/nixpkgs"'],
    ['a "quoted" \\ path', '"a \\"quoted\\" \\\\ path"'],
    ['${builtins.abort "x"}', '"\\${builtins.abort \\"x\\"}"'],
  ])('%j → %s', (value, literal) => {
    expect(nixString(value)).toBe(literal);
  });
});

describe('releaseExpression', () => {
  it('imports release.nix of the worktree with unfree and insecure packages allowed', () => {
    const expression = releaseExpression('/srv/nixsec/worktrees/nixos-unstable/');
    expect(expression).toContain('import (/. + "/srv/nixsec/worktrees/nixos-unstable/pkgs/top-level/release.nix")');
    expect(expression).toMatch(/allowUnfree = true;\s+allowInsecurePredicate = _: true;\s+inHydra = true;/);
  });

  // Evaluates the expression against a stand-in release.nix that returns what it was called with.
  (hasNixInstantiate() ? it : it.skip)('is valid Nix that passes that config, even for odd paths', () => {
    const worktree = path.join(mkdtempSync(path.join(tmpdir(), 'nixsec-release-')), 'a "work" tree ${x}');
    try {
      mkdirSync(path.join(worktree, 'pkgs', 'top-level'), { recursive: true });
      writeFileSync(
        path.join(worktree, 'pkgs', 'top-level', 'release.nix'),
        '{ nixpkgsArgs ? {} }: { inherit (nixpkgsArgs.config) allowUnfree inHydra; insecureAllowed = nixpkgsArgs.config.allowInsecurePredicate {}; }',
      );
      const output = execFileSync('nix-instantiate', ['--eval', '--strict', '--json', '--expr', releaseExpression(worktree)], {
        encoding: 'utf8',
      });
      expect(JSON.parse(output)).toEqual({ allowUnfree: true, inHydra: true, insecureAllowed: true });
    } finally {
      rmSync(path.dirname(worktree), { recursive: true, force: true });
    }
  });
});
