// Offline checks of the Nix files (flake.nix, nix/*.nix and any other *.nix in the repository).
// nixpkgs cannot be fetched here, so packages, the NixOS module and the VM test cannot be built or
// fully evaluated: every file is parsed (which also rejects undefined variables outside `with`),
// flake.nix is evaluated against a small stand-in for nixpkgs to check its output structure, and
// nix/module.nix (with vm-test.nix's machine) against a stand-in lib (nix/module-eval.nix).
// Needs Debian's nix-bin (nix-instantiate); no daemon, store or network access is used.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSchema, SECRET_VARIABLES } from '../server/src/config/config.schema';

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

// nix/module-eval.nix evaluates module.nix against a stand-in for the parts of nixpkgs' lib and module
// system it uses (defaults, types, mkIf/mkMerge, assertions); see that file for what it leaves out.
// The real option types, other NixOS modules and the unit files are only exercised by the VM test.
describe('nix/module.nix evaluated offline (stand-in lib)', () => {
  type Unit = { environment: Record<string, string>; serviceConfig: Record<string, unknown>; path: string[] };
  interface Evaluated {
    nixsec: Record<string, unknown>;
    failedAssertions: string[];
    warnings: string[];
    units: Record<'web' | 'worker' | 'migrate', Unit>;
  }

  /** `settings` is a Nix expression for services.nixsec. */
  function evalModule(settings: string): Evaluated {
    return evalJson<Evaluated>(`{ root }:
      let
        e = import (root + "/nix/module-eval.nix") { settings = ${settings}; };
        unit = name: { inherit (e.config.systemd.services.\${name}) environment serviceConfig; path = map (p: p.name) (e.config.systemd.services.\${name}.path or [ ]); };
      in {
        nixsec = builtins.removeAttrs e.nixsec [ "package" ];
        inherit (e) failedAssertions warnings;
        units = { web = unit "nixsec"; worker = unit "nixsec-worker@"; migrate = unit "nixsec-migrate"; };
      }`);
  }
  /** Only the failed assertions (settings may hold path literals, which JSON output would copy). */
  function failedAssertions(settings: string): string[] {
    return evalJson<string[]>(`{ root }: (import (root + "/nix/module-eval.nix") { settings = ${settings}; }).failedAssertions`);
  }
  function evalError(settings: string): string {
    try {
      evalModule(settings);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the evaluation succeeded');
  }

  const minimal = `{ enable = true; sessionSecretFile = "/run/secrets/nixsec-session"; }`;
  const full = `{
    enable = true;
    publicUrl = "https://nixsec.example.org";
    workers = 2;
    sessionSecretFile = "/run/secrets/nixsec-session";
    database = { createLocally = false; urlFile = "/run/secrets/nixsec-db"; };
    github = {
      url = "https://ghe.example.org";
      apiUrl = "https://ghe.example.org/api/v3";
      clientId = "Iv1.0123456789abcdef";
      clientSecretFile = "/run/secrets/github-client";
      webhookSecretFile = "/run/secrets/github-webhook";
      app = { id = 123456; privateKeyFile = "/run/secrets/github-app.pem"; installationId = 45678901; };
    };
    securityTeam = "example-org/sec-team";
    adminGithubIds = [ 1234567 89 ];
    trustProxy = true;
  }`;

  it('declares the deployment options with their types', () => {
    const { optionTypes } = evalJson<{ optionTypes: Record<string, any> }>(
      `{ root }: { inherit (import (root + "/nix/module-eval.nix") { }) optionTypes; }`,
    );
    expect(optionTypes).toMatchObject({
      sessionSecretFile: 'null or path',
      github: {
        url: 'str',
        apiUrl: 'str',
        clientId: 'null or str',
        clientSecretFile: 'null or path',
        webhookSecretFile: 'null or path',
        tokenFile: 'null or path',
        app: { id: 'null or positive integer', privateKeyFile: 'null or path', installationId: 'null or positive integer' },
      },
      securityTeam: expect.stringMatching(/^string matching/),
      adminGithubIds: 'list of positive integer',
      trustProxy: 'bool or unsigned integer or str',
      bootChain: { nixPackage: 'package', minBuilders: 'positive integer', stageRulesFile: 'null or path' },
    });
  });

  it('e-mail digest and NVD key: secrets as credentials, the sender in the environment, both or neither of URL and sender', () => {
    const { failedAssertions: failed, units } = evalModule(`{
      enable = true; sessionSecretFile = "/run/secrets/nixsec-session"; nvdApiKeyFile = "/run/secrets/nvd";
      email = { smtpUrlFile = "/run/secrets/smtp-url"; smtpPasswordFile = "/run/secrets/smtp-pw"; from = "nixsec@example.org"; };
    }`);
    expect(failed).toEqual([]);
    expect(units.worker.serviceConfig.LoadCredential).toEqual(expect.arrayContaining(['smtp-url:/run/secrets/smtp-url', 'smtp-password:/run/secrets/smtp-pw', 'nvd-api-key:/run/secrets/nvd']));
    expect(units.worker.environment).toMatchObject({ SMTP_URL_FILE: '%d/smtp-url', SMTP_PASSWORD_FILE: '%d/smtp-password', NVD_API_KEY_FILE: '%d/nvd-api-key', NIXSEC_EMAIL_FROM: 'nixsec@example.org' });
    expect(failedAssertions(`{ enable = true; sessionSecretFile = "/run/secrets/s"; email.smtpUrlFile = "/run/secrets/smtp-url"; }`).join('\n')).toMatch(/needs both email\.smtpUrlFile and email\.from/);
    expect(failedAssertions(`{ enable = true; sessionSecretFile = "/run/secrets/s"; environment.SMTP_PASSWORD = "hunter2"; }`).join('\n')).toMatch(/SMTP_PASSWORD/);
  });

  it('boot chain: the Nix programs come from bootChain.nixPackage; builders required and stage rules are passed on', () => {
    const { units } = evalModule(`{ enable = true; sessionSecretFile = "/run/secrets/nixsec-session"; bootChain = { minBuilders = 3; stageRulesFile = "/etc/nixsec/stages.json"; }; }`);
    for (const unit of Object.values(units)) {
      expect(unit.environment).toMatchObject({
        NIXSEC_NIX: expect.stringMatching(/-nix-0\.0\.0\/bin\/nix$/),
        NIXSEC_NIX_INSTANTIATE: expect.stringMatching(/-nix-0\.0\.0\/bin\/nix-instantiate$/),
        NIXSEC_NIX_STORE: expect.stringMatching(/-nix-0\.0\.0\/bin\/nix-store$/),
        NIXSEC_BOOT_CHAIN_MIN_BUILDERS: '3',
        NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE: '/etc/nixsec/stages.json',
      });
    }
    expect(evalModule(minimal).units.web.environment).toMatchObject({ NIXSEC_BOOT_CHAIN_MIN_BUILDERS: '2' });
    // git (PR tracking's mirror), ssh (ssh-ng:// builders) and Nix are on the units' PATH.
    for (const unit of [units.web, units.worker]) expect(unit.path).toEqual(['git-0.0.0', 'openssh-0.0.0', 'nix-0.0.0']);
    expect(Object.keys(evalModule(minimal).units.web.environment)).not.toContain('NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE');
  });

  it('defaults: NixOS/security, no admins, a proxy on loopback, github.com; only the session secret as a credential', () => {
    const { nixsec, failedAssertions: failed, units } = evalModule(minimal);
    expect(failed).toEqual([]);
    expect(nixsec).toMatchObject({
      securityTeam: 'NixOS/security',
      adminGithubIds: [],
      trustProxy: 'loopback',
      github: { url: 'https://github.com', apiUrl: 'https://api.github.com', clientId: null },
    });
    for (const unit of Object.values(units)) {
      expect(unit.serviceConfig.LoadCredential).toEqual(['session-secret:/run/secrets/nixsec-session']);
      expect(unit.environment).toMatchObject({
        NODE_ENV: 'production',
        SESSION_SECRET_FILE: '%d/session-secret',
        NIXSEC_SECURITY_TEAM: 'NixOS/security',
        NIXSEC_TRUST_PROXY: 'loopback',
        GITHUB_URL: 'https://github.com',
        GITHUB_API_URL: 'https://api.github.com',
      });
      expect(Object.keys(unit.environment)).not.toEqual(expect.arrayContaining(['NIXSEC_ADMIN_GITHUB_IDS']));
      expect(Object.keys(unit.environment)).not.toEqual(expect.arrayContaining(['GITHUB_CLIENT_ID']));
    }
  });

  it('passes every secret as a systemd credential and `<NAME>_FILE=%d/<credential>`, and only variables the server reads', () => {
    const { failedAssertions: failed, warnings, units } = evalModule(full);
    expect(failed).toEqual([]);
    expect(warnings).toEqual([]);
    const credentials = [
      'database-url:/run/secrets/nixsec-db',
      'github-app-private-key:/run/secrets/github-app.pem',
      'github-client-secret:/run/secrets/github-client',
      'github-webhook-secret:/run/secrets/github-webhook',
      'session-secret:/run/secrets/nixsec-session',
    ];
    const variables = configSchema.innerType().shape;
    for (const unit of Object.values(units)) {
      expect(unit.serviceConfig.LoadCredential).toEqual(credentials);
      expect(unit.environment).toMatchObject({
        DATABASE_URL_FILE: '%d/database-url',
        SESSION_SECRET_FILE: '%d/session-secret',
        GITHUB_CLIENT_SECRET_FILE: '%d/github-client-secret',
        GITHUB_WEBHOOK_SECRET_FILE: '%d/github-webhook-secret',
        GITHUB_APP_PRIVATE_KEY_FILE: '%d/github-app-private-key',
        GITHUB_CLIENT_ID: 'Iv1.0123456789abcdef',
        GITHUB_APP_ID: '123456',
        GITHUB_APP_INSTALLATION_ID: '45678901',
        GITHUB_URL: 'https://ghe.example.org',
        GITHUB_API_URL: 'https://ghe.example.org/api/v3',
        NIXSEC_SECURITY_TEAM: 'example-org/sec-team',
        NIXSEC_ADMIN_GITHUB_IDS: '1234567,89',
        NIXSEC_TRUST_PROXY: 'true',
      });
      for (const [name, value] of Object.entries(unit.environment)) {
        // No secret file path (let alone a secret) in Environment=: only the credential directory.
        expect(`${name}=${value}`).not.toContain('/run/secrets');
        const secret = name.endsWith('_FILE') ? name.slice(0, -'_FILE'.length) : null;
        if (secret) expect(SECRET_VARIABLES).toContain(secret);
        else expect(Object.keys(variables)).toContain(name);
      }
    }
    // What the module sets is a configuration the server accepts (secret values stand in for the files).
    const env: Record<string, string> = { ...units.web.environment, NIXSEC_DATA_DIR: '/tmp/nixsec-nix-test' };
    for (const name of Object.keys(env).filter((n) => n.endsWith('_FILE'))) delete env[name];
    const accepted = configSchema.safeParse({
      ...env,
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgresql://nixsec@db.example.org/nixsec',
      GITHUB_CLIENT_SECRET: 'client-secret',
      GITHUB_WEBHOOK_SECRET: 'webhook-secret',
      GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
    });
    expect(accepted.error?.issues ?? []).toEqual([]);
  });

  it('reads a secret given as a path literal where it is, without copying it into the Nix store', () => {
    const { units } = evalJson<{ units: { web: { serviceConfig: { LoadCredential: string[] } } } }>(`{ root }:
      let e = import (root + "/nix/module-eval.nix") { settings = { enable = true; sessionSecretFile = root + "/secrets/session"; }; };
      in { units.web.serviceConfig.LoadCredential = e.config.systemd.services.nixsec.serviceConfig.LoadCredential; }`);
    expect(units.web.serviceConfig.LoadCredential).toEqual([`session-secret:${repoRoot}/secrets/session`]);
  });

  it.each([
    ['no session secret', `{ enable = true; }`, /sessionSecretFile is not set: nixsec refuses to start in production/],
    ['an OAuth client id without its secret', `${minimal} // { github.clientId = "Iv1.x"; }`, /set both clientId and clientSecretFile/],
    ['an OAuth secret without the client id', `${minimal} // { github.clientSecretFile = "/run/secrets/c"; }`, /set both clientId and clientSecretFile/],
    ['half a GitHub App', `${minimal} // { github.app.id = 1; }`, /a GitHub App needs all of id, privateKeyFile and\s+installationId/],
    [
      'a token and a GitHub App',
      `${minimal} // { github = { tokenFile = "/run/secrets/t"; app = { id = 1; privateKeyFile = "/run/secrets/k"; installationId = 2; }; }; }`,
      /set either tokenFile or app/,
    ],
    ['a secret file in the Nix store', `${minimal} // { github.tokenFile = "\${builtins.storeDir}/abc-token"; }`, /abc-token\s+is in the Nix store/],
    [
      'secrets in services.nixsec.environment',
      `${minimal} // { environment = { GITHUB_TOKEN = "ghp_x"; SESSION_SECRET_FILE = "/run/s"; }; }`,
      /remove GITHUB_TOKEN, SESSION_SECRET_FILE \(use services\.nixsec\.sessionSecretFile\)/,
    ],
  ])('refuses %s with an assertion that says what to do', (_name, settings, message) => {
    const failed = failedAssertions(settings);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(message);
  });

  it('points NVD_API_KEY_FILE in environment to its option, and warns about OAuth without publicUrl', () => {
    expect(failedAssertions(`${minimal} // { environment.NVD_API_KEY_FILE = "/run/secrets/nvd"; }`).join('\n')).toMatch(/NVD_API_KEY_FILE \(use services\.nixsec\.nvdApiKeyFile\)/);
    const { failedAssertions: failed, warnings } = evalModule(`${minimal} // { github = { clientId = "Iv1.x"; clientSecretFile = "/run/secrets/c"; }; }`);
    expect(failed).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/clientId is set without services\.nixsec\.publicUrl/)]);
  });

  it.each([
    ['admin ids given as strings', `${minimal} // { adminGithubIds = [ "1234" ]; }`, /services\.nixsec\.adminGithubIds' is not of type `list of positive integer'/],
    ['a team without its organisation', `${minimal} // { securityTeam = "security"; }`, /services\.nixsec\.securityTeam' is not of type `string matching/],
    ['a misspelt option', `${minimal} // { github.clientSecret = "s"; }`, /The option `services\.nixsec\.github\.clientSecret' does not exist/],
  ])('rejects %s', (_name, settings, message) => {
    expect(evalError(settings)).toMatch(message);
  });

  it('vm-test.nix: its machine passes the module with test-only secret files it creates itself', () => {
    const vm = evalJson<{
      name: string;
      failed: string[];
      sessionSecretFile: string;
      webhookSecretFile: string;
      etc: Record<string, string>;
      testScriptChecksCredentials: boolean;
    }>(`{ root }:
      let
        stubPackage = { name = "nixsec"; outPath = "/nix/store/00000000000000000000000000000000-nixsec"; meta.mainProgram = "nixsec"; };
        stubPkgs = { testers.runNixOSTest = args: args; curl = "curl"; callPackage = _: _: stubPackage; };
        test = import (root + "/nix/vm-test.nix") { pkgs = stubPkgs; package = stubPackage; };
        node = test.nodes.machine { pkgs = stubPkgs; };
        e = import (root + "/nix/module-eval.nix") { settings = node.services.nixsec; module = builtins.head node.imports; };
      in {
        inherit (test) name;
        failed = e.failedAssertions;
        inherit (node.services.nixsec) sessionSecretFile;
        webhookSecretFile = node.services.nixsec.github.webhookSecretFile;
        etc = builtins.mapAttrs (_: f: f.mode) node.environment.etc;
        testScriptChecksCredentials = builtins.match ".*LoadCredential=session-secret:/etc/nixsec-test/session-secret.*" test.testScript != null;
      }`);
    expect(vm.name).toBe('nixsec');
    expect(vm.failed).toEqual([]);
    expect(vm.sessionSecretFile).toBe('/etc/nixsec-test/session-secret');
    expect(vm.webhookSecretFile).toBe('/etc/nixsec-test/github-webhook-secret');
    expect(vm.etc).toEqual({ 'nixsec-test/session-secret': '0400', 'nixsec-test/github-webhook-secret': '0400' });
    expect(vm.testScriptChecksCredentials).toBe(true);
  });
});
