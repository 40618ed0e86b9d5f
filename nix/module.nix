# NixOS module: services.nixsec
#
#   imports = [ nixsec.nixosModules.default ];   # flake, or ./nix/module.nix
#   services.nixsec = {
#     enable = true;
#     publicUrl = "https://nixsec.example.org";
#     workers = 2;
#   };
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
  // optionalAttrs (cfg.database.urlFile != null) {
    # %d is the credentials directory of the unit (systemd LoadCredential=).
    DATABASE_URL_FILE = "%d/database-url";
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
    LoadCredential = optional (cfg.database.urlFile != null) "database-url:${cfg.database.urlFile}";

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
        GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COMPLEXITY. Values end up in the Nix store: put secrets
        in files (see {option}`services.nixsec.database.urlFile`), not here.
      '';
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
          assertion = !(cfg.environment ? NIXSEC_RUN_JOBS);
          message = ''
            services.nixsec: NIXSEC_RUN_JOBS is derived from services.nixsec.workers; set
            workers = 0 to run jobs in the web service.
          '';
        }
      ];

      warnings =
        optional (cfg.openFirewall && builtins.elem cfg.host [ "127.0.0.1" "::1" "localhost" ])
          "services.nixsec.openFirewall opens port ${toString cfg.port}, but nixsec only listens on ${cfg.host}; set services.nixsec.host as well.";

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
