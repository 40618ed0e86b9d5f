# NixOS module: services.nixsec
# (One file past 400 lines on purpose: every variable and credential a unit gets is visible next to
# the option that sets it.)
#
#   imports = [ nixsec.nixosModules.default ];   # flake, or ./nix/module.nix
#   services.nixsec = {
#     enable = true;
#     publicUrl = "https://nixsec.example.org";
#     workers = 2;
#     sessionSecretFile = "/run/secrets/nixsec-session";       # required: `openssl rand -hex 32`
#     github = {
#       clientId = "Iv1.0123456789abcdef";                      # OAuth app: GitHub login
#       clientSecretFile = "/run/secrets/nixsec-github-client";
#       webhookSecretFile = "/run/secrets/nixsec-github-webhook";
#       tokenFile = "/run/secrets/nixsec-github-token";         # or app = { id; privateKeyFile; installationId; }
#     };
#     adminGithubIds = [ 1234567 ];
#   };
#
# Secrets: every `*File` option names a file that systemd reads as root when a unit starts
# (LoadCredential=) and hands to the unit in its credentials directory; nixsec reads it through the
# matching `<NAME>_FILE=%d/<credential>` variable. Neither the secret nor a copy of the file enters
# the Nix store, the unit files or `systemctl show`.
#
# Units:
#   nixsec-migrate.service    oneshot `nixsec migrate`, ordered before everything below
#   nixsec.service            `nixsec serve`: GraphQL API, web UI, /healthz, /readyz
#   nixsec-worker@<n>.service `nixsec worker`, n = 1 … workers
#   nixsec.target             groups them: `systemctl restart nixsec.target`
{
  config,
  lib,
  pkgs,
  ...
}:

let
  inherit (lib)
    mkEnableOption
    mkIf
    mkMerge
    mkOption
    optional
    optionalAttrs
    types
    ;

  cfg = config.services.nixsec;

  stateDir = "/var/lib/nixsec";
  user = "nixsec";
  group = "nixsec";

  # nixpkgs 25.11 split PostgreSQL start-up: postgresql.service runs the server and
  # postgresql-setup.service applies ensureDatabases/ensureUsers; postgresql.target covers both.
  postgresqlUnit =
    if lib.versionAtLeast lib.trivial.release "25.11" then "postgresql.target" else "postgresql.service";

  # Programs the server runs: git (the Nixpkgs mirror of PR tracking), Nix and ssh (boot-chain
  # builds, ssh-ng:// builders).
  toolPath = [
    pkgs.git
    pkgs.openssh
    cfg.bootChain.nixPackage
  ];

  workerUnits = map (n: "nixsec-worker@${toString n}.service") (lib.range 1 cfg.workers);

  toEnvValue = value: if builtins.isBool value then lib.boolToString value else toString value;

  # Environment shared by every nixsec process. `cfg.environment` is applied last and wins.
  baseEnvironment = {
    NODE_ENV = "production";
    NIXSEC_DATA_DIR = stateDir;
    NIXSEC_WEB_DIST = "${cfg.package}/lib/nixsec/web/dist";
  }
  // optionalAttrs cfg.database.createLocally {
    # Peer authentication over the local socket: the service's Unix user `nixsec` is the
    # PostgreSQL role `nixsec` (node-postgres takes the user name from $USER, set by systemd).
    DATABASE_URL = "postgresql:///nixsec?host=/run/postgresql";
  }
  // {
    GITHUB_URL = cfg.github.url;
    GITHUB_API_URL = cfg.github.apiUrl;
    NIXSEC_SECURITY_TEAM = cfg.securityTeam;
    NIXSEC_TRUST_PROXY = cfg.trustProxy;
    NIXSEC_NIX = "${cfg.bootChain.nixPackage}/bin/nix";
    NIXSEC_NIX_INSTANTIATE = "${cfg.bootChain.nixPackage}/bin/nix-instantiate";
    NIXSEC_NIX_STORE = "${cfg.bootChain.nixPackage}/bin/nix-store";
    NIXSEC_BOOT_CHAIN_MIN_BUILDERS = toString cfg.bootChain.minBuilders;
  }
  // optionalAttrs (cfg.bootChain.stageRulesFile != null) {
    NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE = toString cfg.bootChain.stageRulesFile;
  }
  // optionalAttrs (cfg.github.clientId != null) { GITHUB_CLIENT_ID = cfg.github.clientId; }
  // optionalAttrs (cfg.github.app.id != null) { GITHUB_APP_ID = cfg.github.app.id; }
  // optionalAttrs (cfg.github.app.installationId != null) {
    GITHUB_APP_INSTALLATION_ID = cfg.github.app.installationId;
  }
  // optionalAttrs (cfg.email.from != null) { NIXSEC_EMAIL_FROM = cfg.email.from; }
  // optionalAttrs (cfg.adminGithubIds != [ ]) {
    NIXSEC_ADMIN_GITHUB_IDS = lib.concatMapStringsSep "," toString cfg.adminGithubIds;
  }
  # %d is the credentials directory of the unit (systemd LoadCredential=).
  // lib.mapAttrs' (credential: secret: lib.nameValuePair "${secret.variable}_FILE" "%d/${credential}") secrets;

  # Every secret the server reads, by credential name: the option holding its file and the variable
  # (config.schema.ts SECRET_VARIABLES) whose `_FILE` form points at the credential. Each unit gets
  # all of them: they all run as the same user, and every process validates the whole configuration
  # (a worker with GITHUB_CLIENT_ID but no secret would refuse to start).
  secretOptions = {
    database-url = {
      file = cfg.database.urlFile;
      variable = "DATABASE_URL";
      option = "database.urlFile";
    };
    session-secret = {
      file = cfg.sessionSecretFile;
      variable = "SESSION_SECRET";
      option = "sessionSecretFile";
    };
    github-client-secret = {
      file = cfg.github.clientSecretFile;
      variable = "GITHUB_CLIENT_SECRET";
      option = "github.clientSecretFile";
    };
    github-webhook-secret = {
      file = cfg.github.webhookSecretFile;
      variable = "GITHUB_WEBHOOK_SECRET";
      option = "github.webhookSecretFile";
    };
    github-token = {
      file = cfg.github.tokenFile;
      variable = "GITHUB_TOKEN";
      option = "github.tokenFile";
    };
    github-app-private-key = {
      file = cfg.github.app.privateKeyFile;
      variable = "GITHUB_APP_PRIVATE_KEY";
      option = "github.app.privateKeyFile";
    };
    smtp-url = {
      file = cfg.email.smtpUrlFile;
      variable = "SMTP_URL";
      option = "email.smtpUrlFile";
    };
    smtp-password = {
      file = cfg.email.smtpPasswordFile;
      variable = "SMTP_PASSWORD";
      option = "email.smtpPasswordFile";
    };
    nvd-api-key = {
      file = cfg.nvdApiKeyFile;
      variable = "NVD_API_KEY";
      option = "nvdApiKeyFile";
    };
  };
  secrets = lib.filterAttrs (_: secret: secret.file != null) secretOptions;

  # services.nixsec.environment must not carry a secret's value: it would end up in the Nix store.
  # (DATABASE_URL may: a URL without a password, e.g. for certificate authentication, is no secret.)
  # Nor the `_FILE` variable of a secret that has an option, so there is one way to set each.
  misplacedSecrets =
    lib.filter (name: builtins.hasAttr name cfg.environment) [
      "SESSION_SECRET"
      "GITHUB_CLIENT_SECRET"
      "GITHUB_WEBHOOK_SECRET"
      "GITHUB_TOKEN"
      "GITHUB_APP_PRIVATE_KEY"
      "NVD_API_KEY"
      "SMTP_URL"
      "SMTP_PASSWORD"
    ]
    ++ lib.concatLists (
      lib.mapAttrsToList (
        _: secret:
        optional (
          secret.variable != "DATABASE_URL" && builtins.hasAttr "${secret.variable}_FILE" cfg.environment
        ) "${secret.variable}_FILE (use services.nixsec.${secret.option})"
      ) secretOptions
    );

  # `toString`, not interpolation: interpolating a path literal (`./secret`) would copy the file
  # into the world-readable Nix store.
  secretPath = file: toString file;
  secretsInStore = lib.filterAttrs (_: secret: lib.hasPrefix "${builtins.storeDir}/" (secretPath secret.file)) secrets;

  githubAppSettings = [
    cfg.github.app.id
    cfg.github.app.privateKeyFile
    cfg.github.app.installationId
  ];

  secretFileOption =
    { description, example }:
    mkOption {
      type = types.nullOr types.path;
      default = null;
      inherit example;
      description = ''
        ${description}

        Give an absolute path as a string (`"/run/secrets/…"`): the file stays outside the Nix
        store, readable by root only; systemd hands it to the units as a credential
        (LoadCredential).
      '';
    };

  environmentFor =
    extra: lib.mapAttrs (_: toEnvValue) (baseEnvironment // extra // cfg.environment);

  databaseUnits = optional cfg.database.createLocally postgresqlUnit;

  # Settings shared by every unit: an unprivileged user, a read-only view of the system, and the
  # state directory as the only writable place.
  hardening = {
    User = user;
    Group = group;
    StateDirectory = "nixsec";
    StateDirectoryMode = "0750";
    WorkingDirectory = stateDir;
    UMask = "0077";
    LoadCredential = lib.mapAttrsToList (credential: secret: "${credential}:${secretPath secret.file}") secrets;

    NoNewPrivileges = true;
    PrivateTmp = true;
    PrivateDevices = true;
    PrivateMounts = true;
    ProtectSystem = "strict";
    ProtectHome = true;
    ProtectHostname = true;
    ProtectClock = true;
    ProtectKernelTunables = true;
    ProtectKernelModules = true;
    ProtectKernelLogs = true;
    ProtectControlGroups = true;
    ProtectProc = "invisible";
    RemoveIPC = true;
    RestrictAddressFamilies = [
      "AF_UNIX"
      "AF_INET"
      "AF_INET6"
    ];
    RestrictNamespaces = true;
    RestrictRealtime = true;
    RestrictSUIDSGID = true;
    LockPersonality = true;
    # V8 compiles JavaScript to machine code at run time, so MemoryDenyWriteExecute stays off.
    MemoryDenyWriteExecute = false;
    SystemCallArchitectures = "native";
    SystemCallFilter = [
      "@system-service"
      "~@privileged"
    ];
    SystemCallErrorNumber = "EPERM";
    CapabilityBoundingSet = "";
    AmbientCapabilities = "";
    DevicePolicy = "closed";
  };

  longRunning = {
    Type = "simple";
    Restart = "on-failure";
    RestartSec = "5s";
    # Node handles SIGTERM (closeOnSignals) and stops within this time.
    TimeoutStopSec = "30s";
  };
in
{
  options.services.nixsec = {
    enable = mkEnableOption "nixsec, the supply-chain security tracker for Nixpkgs and NixOS";

    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = lib.literalExpression "pkgs.callPackage ./nix/package.nix { }";
      description = "The nixsec package to run.";
    };

    host = mkOption {
      type = types.str;
      default = "127.0.0.1";
      example = "::";
      description = ''
        Address the web service listens on (HOST). Keep the default when a reverse proxy on
        this machine forwards to nixsec.
      '';
    };

    port = mkOption {
      type = types.port;
      default = 3000;
      description = "TCP port of the GraphQL API, web UI and health endpoints (PORT).";
    };

    publicUrl = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "https://nixsec.example.org";
      description = ''
        Absolute URL under which users reach nixsec (PUBLIC_URL), used for links the server
        generates. Defaults to `http://localhost:<port>` when unset.
      '';
    };

    database = {
      createLocally = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Enable PostgreSQL on this machine with a `nixsec` database owned by a `nixsec` role.
          nixsec connects over the Unix socket in /run/postgresql with peer authentication, so
          no password exists. Set to false and use {option}`services.nixsec.database.urlFile`
          for any other server.
        '';
      };

      urlFile = mkOption {
        type = types.nullOr types.path;
        default = null;
        example = "/run/secrets/nixsec-database-url";
        description = ''
          File holding the PostgreSQL connection URL (one line,
          `postgresql://user:password@host:5432/nixsec`). systemd reads it as root and hands it
          to the services as a credential (LoadCredential), exposed as DATABASE_URL_FILE, so
          the file can stay readable by root only and the password never enters the Nix store.
          Requires {option}`services.nixsec.database.createLocally` = false.
        '';
      };
    };

    workers = mkOption {
      type = types.ints.unsigned;
      default = 1;
      example = 4;
      description = ''
        Number of `nixsec worker` processes (units `nixsec-worker@1` … `nixsec-worker@N`) that
        run queued jobs such as ingestion and evaluation. With 0, the web service runs jobs
        itself; otherwise it only serves HTTP (NIXSEC_RUN_JOBS=false).
      '';
    };

    sessionSecretFile = mkOption {
      type = types.nullOr types.path;
      default = null;
      example = "/run/secrets/nixsec-session-secret";
      description = ''
        File holding the key that signs session cookies (SESSION_SECRET, at least 32 characters,
        e.g. `openssl rand -hex 32`). Required: nixsec refuses to start in production without it.
        Changing it logs everybody out. Give an absolute path as a string: the file stays outside
        the Nix store and reaches the units as a systemd credential (LoadCredential).
      '';
    };

    github = {
      url = mkOption {
        type = types.str;
        default = "https://github.com";
        example = "https://ghe.example.org";
        description = "Base URL of GitHub for the OAuth login pages (GITHUB_URL).";
      };

      apiUrl = mkOption {
        type = types.str;
        default = "https://api.github.com";
        example = "https://ghe.example.org/api/v3";
        description = ''
          GitHub REST API base URL (GITHUB_API_URL), used by the GitHub client and at login
          (`/user`, team membership). GitHub Enterprise Server: `https://HOST/api/v3`.
        '';
      };

      clientId = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "Iv1.0123456789abcdef";
        description = ''
          Client ID of the GitHub OAuth app (GITHUB_CLIENT_ID) that users log in with; its
          authorization callback URL is `<publicUrl>/auth/github/callback`. Requires
          {option}`services.nixsec.github.clientSecretFile`. Without both, nobody can log in
          (the demo login never exists in production).
        '';
      };

      clientSecretFile = secretFileOption {
        description = "File holding the client secret of the GitHub OAuth app (GITHUB_CLIENT_SECRET).";
        example = "/run/secrets/nixsec-github-client-secret";
      };

      webhookSecretFile = secretFileOption {
        description = ''
          File holding the secret entered in the GitHub webhook settings (GITHUB_WEBHOOK_SECRET);
          payload URL `<publicUrl>/webhooks/github`, content type `application/json`. Without it,
          POST /webhooks/github answers 503.
        '';
        example = "/run/secrets/nixsec-github-webhook-secret";
      };

      tokenFile = secretFileOption {
        description = ''
          File holding a GitHub token (GITHUB_TOKEN: `ghp_…` or `github_pat_…`) for the server's
          own API calls (team membership refreshes, issues, pull requests). Alternative:
          {option}`services.nixsec.github.app`. Without either, GitHub allows 60 requests an
          hour and security-team membership is only checked at login.
        '';
        example = "/run/secrets/nixsec-github-token";
      };

      app = {
        id = mkOption {
          type = types.nullOr types.ints.positive;
          default = null;
          example = 123456;
          description = "App ID of the GitHub App the server acts as (GITHUB_APP_ID); instead of a token.";
        };

        privateKeyFile = secretFileOption {
          description = "PEM private key generated in the GitHub App settings (GITHUB_APP_PRIVATE_KEY).";
          example = "/run/secrets/nixsec-github-app.pem";
        };

        installationId = mkOption {
          type = types.nullOr types.ints.positive;
          default = null;
          example = 45678901;
          description = "Installation of the GitHub App on the organisation (GITHUB_APP_INSTALLATION_ID).";
        };
      };
    };

    securityTeam = mkOption {
      type = types.strMatching "[A-Za-z0-9-]+/[A-Za-z0-9._-]+";
      default = "NixOS/security";
      description = ''
        GitHub team (`ORG/TEAM-SLUG`, NIXSEC_SECURITY_TEAM) whose members get the security-team
        role: triage, edit, publish.
      '';
    };

    adminGithubIds = mkOption {
      type = types.listOf types.ints.positive;
      default = [ ];
      example = [ 1234567 ];
      description = ''
        Numeric GitHub user ids (not logins, which can be renamed) with the admin role
        (NIXSEC_ADMIN_GITHUB_IDS): ingestion controls, curated mappings, builders, tokens,
        webhook deliveries. `curl https://api.github.com/users/LOGIN` shows the id.
      '';
    };

    trustProxy = mkOption {
      type = types.oneOf [
        types.bool
        types.ints.unsigned
        types.str
      ];
      default = "loopback";
      example = "loopback, 10.0.0.0/8";
      description = ''
        Reverse proxies allowed to tell nixsec the client address and that the connection was
        HTTPS through X-Forwarded-For/-Proto (NIXSEC_TRUST_PROXY): true, false, a hop count, or
        addresses/subnets such as the default `loopback` (a proxy on this machine). Client
        addresses drive the per-IP rate limits; HTTPS makes session cookies Secure.
      '';
    };

    environment = mkOption {
      type = types.attrsOf (
        types.oneOf [
          types.str
          types.path
          types.int
          types.bool
        ]
      );
      default = { };
      example = {
        LOG_LEVEL = "debug";
        DATABASE_POOL_SIZE = 20;
        GRAPHQL_MAX_DEPTH = 12;
        GRAPHQL_MAX_COMPLEXITY = 5000;
      };
      description = ''
        Extra environment variables for every nixsec process; they override the values this
        module sets. Among those the server reads: LOG_LEVEL, DATABASE_POOL_SIZE,
        GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COMPLEXITY, NIXSEC_ROLE_TTL_MINUTES,
        NIXSEC_RATE_LIMIT_PER_IP, NIXSEC_RATE_LIMIT_PER_TOKEN, NIXSEC_WEBHOOK_RETENTION_DAYS.
        Values end up in the Nix store: secrets go in files through the `*File` options
        ({option}`services.nixsec.sessionSecretFile`, {option}`services.nixsec.github.tokenFile`,
        …), never here; an assertion refuses the secret variables.
      '';
    };

    email = {
      smtpUrlFile = mkOption {
        type = types.nullOr types.path;
        default = null;
        example = "/run/secrets/nixsec-smtp-url";
        description = ''
          File holding the SMTP server URL for the notification e-mail digest, e.g.
          `smtps://nixsec@mail.example.org:465` (SMTP_URL, passed as a systemd credential). Without it
          no e-mail is sent; in-app notifications work regardless.
        '';
      };
      smtpPasswordFile = mkOption {
        type = types.nullOr types.path;
        default = null;
        description = "File holding the SMTP password when the URL names a user (SMTP_PASSWORD).";
      };
      from = mkOption {
        type = types.nullOr types.str;
        default = null;
        example = "nixsec@example.org";
        description = "Sender address of the e-mail digest (NIXSEC_EMAIL_FROM); required with email.smtpUrlFile.";
      };
    };

    nvdApiKeyFile = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "File holding an NVD API key, which raises the NVD API 2.0 rate limit (NVD_API_KEY).";
    };

    bootChain = {
      nixPackage = mkOption {
        type = types.package;
        default = pkgs.nix;
        defaultText = lib.literalExpression "pkgs.nix";
        description = ''
          Nix used by the boot-chain module to instantiate chains, build them on local and
          `ssh-ng://` builders and read path info (NIXSEC_NIX, NIXSEC_NIX_INSTANTIATE, NIXSEC_NIX_STORE).
          The service user must be allowed to use the Nix daemon (`nix.settings.allowed-users`).
        '';
      };
      minBuilders = mkOption {
        type = types.ints.positive;
        default = 2;
        description = "Distinct builders that must agree before an output counts as reproduced (NIXSEC_BOOT_CHAIN_MIN_BUILDERS).";
      };
      stageRulesFile = mkOption {
        type = types.nullOr types.path;
        default = null;
        description = ''
          JSON list of `{ match, stage, prebuilt? }` rules that tag derivations with their bootstrap
          stage, replacing the built-in table for `minimal-bootstrap` (NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE).
        '';
      };
    };

    openFirewall = mkOption {
      type = types.bool;
      default = false;
      description = "Open {option}`services.nixsec.port` in the firewall.";
    };
  };

  config = mkIf cfg.enable (mkMerge [
    {
      assertions = [
        {
          assertion = (cfg.email.smtpUrlFile == null) == (cfg.email.from == null);
          message = ''
            services.nixsec: the e-mail digest needs both email.smtpUrlFile and email.from (the sender
            address); set both, or neither to send no e-mail.
          '';
        }
        {
          assertion = !(cfg.database.createLocally && cfg.database.urlFile != null);
          message = ''
            services.nixsec: database.createLocally and database.urlFile are mutually exclusive;
            set services.nixsec.database.createLocally = false to use database.urlFile.
          '';
        }
        {
          assertion =
            cfg.database.createLocally
            || cfg.database.urlFile != null
            || cfg.environment ? DATABASE_URL
            || cfg.environment ? DATABASE_URL_FILE;
          message = ''
            services.nixsec: no database configured. Keep database.createLocally = true, or set
            database.urlFile to a file holding the PostgreSQL URL.
          '';
        }
        {
          assertion =
            (cfg.database.createLocally || cfg.database.urlFile != null)
            -> !(cfg.environment ? DATABASE_URL || cfg.environment ? DATABASE_URL_FILE);
          message = ''
            services.nixsec: environment.DATABASE_URL / DATABASE_URL_FILE conflict with
            database.createLocally / database.urlFile; use only one way to name the database.
          '';
        }
        {
          assertion = cfg.sessionSecretFile != null;
          message = ''
            services.nixsec.sessionSecretFile is not set: nixsec refuses to start in production without
            a session secret (SESSION_SECRET). Create a file readable by root only, e.g.
            `openssl rand -hex 32 > /run/secrets/nixsec-session-secret`, and set
            services.nixsec.sessionSecretFile = "/run/secrets/nixsec-session-secret";
          '';
        }
        {
          assertion = (cfg.github.clientId == null) == (cfg.github.clientSecretFile == null);
          message = ''
            services.nixsec.github: set both clientId and clientSecretFile (the GitHub OAuth app
            users log in with), or neither; nixsec refuses to start with half of them.
          '';
        }
        {
          assertion = builtins.all (v: v == null) githubAppSettings || builtins.all (v: v != null) githubAppSettings;
          message = ''
            services.nixsec.github.app: a GitHub App needs all of id, privateKeyFile and
            installationId.
          '';
        }
        {
          assertion = cfg.github.tokenFile == null || builtins.all (v: v == null) githubAppSettings;
          message = ''
            services.nixsec.github: set either tokenFile or app (a GitHub App), not both.
          '';
        }
        {
          assertion = secretsInStore == { };
          message = ''
            services.nixsec: ${lib.concatStringsSep ", " (lib.mapAttrsToList (_: s: toString s.file) secretsInStore)}
            ${if lib.length (lib.attrNames secretsInStore) == 1 then "is" else "are"} in the Nix store, which every
            user can read. Keep secrets outside it and give their absolute paths as strings
            ("/run/secrets/…", not ./secret).
          '';
        }
        {
          assertion = misplacedSecrets == [ ];
          message = ''
            services.nixsec.environment: remove ${lib.concatStringsSep ", " misplacedSecrets}. Values
            in `environment` are written to the Nix store, which every user can read: give secrets
            as files through the `*File` options (sessionSecretFile, github.clientSecretFile,
            github.webhookSecretFile, github.tokenFile, github.app.privateKeyFile), which pass
            them to the units as systemd credentials, or NVD_API_KEY_FILE for the NVD key.
          '';
        }
        {
          assertion = !(cfg.environment ? NIXSEC_RUN_JOBS);
          message = ''
            services.nixsec: NIXSEC_RUN_JOBS is derived from services.nixsec.workers; set
            workers = 0 to run jobs in the web service.
          '';
        }
      ];

      warnings =
        optional (cfg.openFirewall && builtins.elem cfg.host [ "127.0.0.1" "::1" "localhost" ])
          "services.nixsec.openFirewall opens port ${toString cfg.port}, but nixsec only listens on ${cfg.host}; set services.nixsec.host as well."
        ++ optional (cfg.github.clientId != null && cfg.publicUrl == null)
          "services.nixsec.github.clientId is set without services.nixsec.publicUrl: the OAuth callback URL is then derived from each request's Host header; set publicUrl to the address registered in the GitHub OAuth app.";

      users.users.${user} = {
        isSystemUser = true;
        inherit group;
        home = stateDir;
        description = "nixsec service user";
      };
      users.groups.${group} = { };

      environment.systemPackages = [ cfg.package ];

      networking.firewall.allowedTCPPorts = mkIf cfg.openFirewall [ cfg.port ];

      systemd.targets.nixsec = {
        description = "nixsec supply-chain security tracker";
        wantedBy = [ "multi-user.target" ];
        # The services are wantedBy this target; worker instances of the template are listed here.
        wants = workerUnits;
      };

      systemd.services.nixsec-migrate = {
        description = "nixsec database migrations";
        wantedBy = [ "nixsec.target" ];
        partOf = [ "nixsec.target" ];
        # A remote database needs the network up; a local one is reached through its socket.
        wants = optional (!cfg.database.createLocally) "network-online.target";
        requires = databaseUnits;
        after = optional (!cfg.database.createLocally) "network-online.target" ++ databaseUnits;
        before = [ "nixsec.service" ] ++ workerUnits;
        environment = environmentFor { NIXSEC_RUN_JOBS = "false"; };
        serviceConfig = hardening // {
          Type = "oneshot";
          RemainAfterExit = true;
          ExecStart = "${lib.getExe cfg.package} migrate";
        };
      };

      systemd.services.nixsec = {
        description = "nixsec web service (GraphQL API and web UI)";
        wantedBy = [ "nixsec.target" ];
        partOf = [ "nixsec.target" ];
        requires = [ "nixsec-migrate.service" ] ++ databaseUnits;
        after = [
          "network.target"
          "nixsec-migrate.service"
        ]
        ++ databaseUnits;
        path = toolPath;
        environment = environmentFor (
          {
            HOST = cfg.host;
            PORT = toString cfg.port;
            NIXSEC_RUN_JOBS = lib.boolToString (cfg.workers == 0);
          }
          // optionalAttrs (cfg.publicUrl != null) { PUBLIC_URL = cfg.publicUrl; }
        );
        serviceConfig =
          hardening
          // longRunning
          // {
            ExecStart = "${lib.getExe cfg.package} serve";
          }
          // optionalAttrs (cfg.port < 1024) {
            CapabilityBoundingSet = "CAP_NET_BIND_SERVICE";
            AmbientCapabilities = "CAP_NET_BIND_SERVICE";
          };
      };
    }

    (mkIf (cfg.workers > 0) {
      # Template; the instances 1 … workers are pulled in by nixsec.target.
      systemd.services."nixsec-worker@" = {
        description = "nixsec job worker %i";
        partOf = [ "nixsec.target" ];
        requires = [ "nixsec-migrate.service" ] ++ databaseUnits;
        after = [
          "network.target"
          "nixsec-migrate.service"
        ]
        ++ databaseUnits;
        path = toolPath;
        environment = environmentFor (
          optionalAttrs (cfg.publicUrl != null) { PUBLIC_URL = cfg.publicUrl; }
        );
        serviceConfig = hardening // longRunning // { ExecStart = "${lib.getExe cfg.package} worker"; };
      };
    })

    (mkIf cfg.database.createLocally {
      services.postgresql = {
        enable = true;
        ensureDatabases = [ "nixsec" ];
        ensureUsers = [
          {
            name = user;
            ensureDBOwnership = true;
          }
        ];
      };
    })
  ]);
}
