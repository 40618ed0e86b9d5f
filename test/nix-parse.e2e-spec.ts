// Offline checks of the Nix files (flake.nix, nix/*.nix and any other *.nix in the repository).
// nixpkgs cannot be fetched here, so packages, the NixOS module and the VM test cannot be built or
// fully evaluated: every file is parsed (which also rejects undefined variables outside `with`),
// and flake.nix is evaluated against a small stand-in for nixpkgs to check its output structure.
// Needs Debian's nix-bin (nix-instantiate); no daemon, store or network access is used.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.data', '.git', '.direnv']);
const SYSTEMS = ['aarch64-linux', 'x86_64-linux'];
const MISSING_NIX = 'nix-instantiate not found: install Debian\'s nix-bin (apt-get install nix-bin)';

/** Every *.nix file below the repository root; symlinks (e.g. nix-build's `result`) are not followed. */
function findNixFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...findNixFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.nix')) {
      found.push(path.relative(repoRoot, full));
    }
  }
  return found.sort();
}

/** Runs nix-instantiate; throws with its stderr when it fails and with an install hint when it is missing. */
function nixInstantiate(args: string[]): string {
  const result = spawnSync('nix-instantiate', args, { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(MISSING_NIX);
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`nix-instantiate ${args.join(' ')} exited with ${result.status}:\n${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Evaluates a Nix expression that is a function of the repository root and returns its JSON value. */
function evalJson<T>(expression: string): T {
  const out = nixInstantiate(['--eval', '--strict', '--json', '--argstr', 'root', repoRoot, '-E', expression]);
  return JSON.parse(out) as T;
}

const nixFiles = findNixFiles(repoRoot);

describe('Nix files', () => {
  it('finds flake.nix and the files under nix/', () => {
    expect(nixFiles).toEqual(
      expect.arrayContaining(['flake.nix', 'nix/package.nix', 'nix/module.nix', 'nix/vm-test.nix']),
    );
  });

  it.each(nixFiles)('%s parses (nix-instantiate --parse)', (file) => {
    nixInstantiate(['--parse', file]);
  });
});

describe('flake.nix', () => {
  it('has inputs.nixpkgs on nixos-unstable and outputs as a function of self and nixpkgs', () => {
    const flake = evalJson<{
      attrs: string[];
      nixpkgsUrl: string;
      outputsIsFunction: boolean;
      outputsArgs: Record<string, boolean>;
    }>(`{ root }:
      let flake = import (root + "/flake.nix");
      in {
        attrs = builtins.attrNames flake;
        nixpkgsUrl = flake.inputs.nixpkgs.url;
        outputsIsFunction = builtins.isFunction flake.outputs;
        outputsArgs = builtins.functionArgs flake.outputs;
      }`);
    expect(flake.attrs).toEqual(expect.arrayContaining(['inputs', 'outputs']));
    expect(flake.nixpkgsUrl).toBe('github:NixOS/nixpkgs/nixos-unstable');
    expect(flake.outputsIsFunction).toBe(true);
    expect(Object.keys(flake.outputsArgs).sort()).toEqual(['nixpkgs', 'self']);
  });

  it('wires packages, devShells, checks and the NixOS module for both systems (stand-in nixpkgs)', () => {
    // Just enough of nixpkgs for flake.nix's own code; package.nix, module.nix and vm-test.nix are
    // not evaluated beyond their names (callPackage and runNixOSTest are stand-ins). Extend the
    // stand-in if flake.nix starts using more of nixpkgs at the top level.
    const outputs = evalJson<{
      packages: Record<string, string[]>;
      devShells: Record<string, string[]>;
      checks: Record<string, string[]>;
      packageFile: string;
      vmTestName: string;
      moduleFile: string;
    }>(`{ root }:
      let
        flake = import (root + "/flake.nix");
        genAttrs = names: f: builtins.listToAttrs (map (name: { inherit name; value = f name; }) names);
        standInPkgs = system: {
          inherit system;
          callPackage = fn: args: { type = "derivation"; file = toString fn; inherit system; };
          mkShell = args: args // { type = "derivation"; };
          testers.runNixOSTest = args: args // { type = "derivation"; };
          pnpm_9.override = args: "pnpm_9";
        };
        nixpkgs = {
          lib = { inherit genAttrs; getExe = p: "\${toString p}/bin/main"; };
          legacyPackages = genAttrs [ ${SYSTEMS.map((s) => `"${s}"`).join(' ')} ] standInPkgs;
        };
        self = flake.outputs { inherit self nixpkgs; };
        namesPerSystem = attr: builtins.mapAttrs (system: builtins.attrNames) self.\${attr};
      in {
        packages = namesPerSystem "packages";
        devShells = namesPerSystem "devShells";
        checks = namesPerSystem "checks";
        packageFile = self.packages.x86_64-linux.default.file;
        vmTestName = self.checks.x86_64-linux.vm.name;
        moduleFile = toString self.nixosModules.default;
      }`);

    for (const attr of ['packages', 'devShells', 'checks'] as const) {
      expect(Object.keys(outputs[attr]).sort()).toEqual(SYSTEMS);
    }
    for (const system of SYSTEMS) {
      expect(outputs.packages[system]).toContain('default');
      expect(outputs.devShells[system]).toContain('default');
      expect(outputs.checks[system]).toEqual(expect.arrayContaining(['package', 'vm']));
    }
    expect(outputs.packageFile).toBe(path.join(repoRoot, 'nix', 'package.nix'));
    expect(outputs.vmTestName).toBe('nixsec');
    expect(outputs.moduleFile).toBe(path.join(repoRoot, 'nix', 'module.nix'));
  });
});

describe('nix/ files are functions of what their callers pass', () => {
  it('module.nix is a NixOS module, package.nix is callPackage-able, vm-test.nix takes pkgs', () => {
    const args = evalJson<Record<'module' | 'pkg' | 'vmTest', Record<string, boolean>>>(`{ root }: {
      module = builtins.functionArgs (import (root + "/nix/module.nix"));
      pkg = builtins.functionArgs (import (root + "/nix/package.nix"));
      vmTest = builtins.functionArgs (import (root + "/nix/vm-test.nix"));
    }`);
    expect(Object.keys(args.module).sort()).toEqual(['config', 'lib', 'pkgs']);
    // callPackage fills these from nixpkgs: the pnpm fetcher and hook, the pinned Node and pnpm.
    expect(Object.keys(args.pkg)).toEqual(
      expect.arrayContaining(['lib', 'stdenv', 'nodejs_20', 'pnpm_9', 'fetchPnpmDeps', 'pnpmConfigHook']),
    );
    // flake.nix passes pkgs, the module and the package; only pkgs is required.
    expect(args.vmTest).toEqual({ pkgs: false, nixosModule: true, package: true });
  });
});
