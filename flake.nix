{
  description = "nixsec: supply-chain security tracker for Nixpkgs and NixOS";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  };

  outputs =
    { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;

      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];

      forAllSystems = f: lib.genAttrs systems (system: f system nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (
        system: pkgs: {
          default = pkgs.callPackage ./nix/package.nix { };
          nixsec = self.packages.${system}.default;
        }
      );

      # Imported by a NixOS configuration: `imports = [ nixsec.nixosModules.default ];`.
      # services.nixsec.package defaults to the package built from this flake's source.
      nixosModules.default = ./nix/module.nix;
      nixosModules.nixsec = self.nixosModules.default;

      overlays.default = final: _prev: {
        nixsec = final.callPackage ./nix/package.nix { };
      };

      devShells = forAllSystems (
        system: pkgs: {
          default = pkgs.mkShell {
            packages = [
              pkgs.nodejs_20
              # package.json pins pnpm 9 ("packageManager": "pnpm@9.15.9").
              (pkgs.pnpm_9.override { nodejs = pkgs.nodejs_20; })
              pkgs.postgresql
              pkgs.nix-eval-jobs
              pkgs.git
              # Browser tests (jest project "browser").
              pkgs.chromium
            ];

            # test/browser/support/browser.ts launches this chromium instead of /usr/bin/chromium.
            env.CHROMIUM_PATH = lib.getExe pkgs.chromium;
          };
        }
      );

      checks = forAllSystems (
        system: pkgs: {
          package = self.packages.${system}.default;
          vm = import ./nix/vm-test.nix {
            inherit pkgs;
            nixosModule = self.nixosModules.default;
            package = self.packages.${system}.default;
          };
        }
      );
    };
}
