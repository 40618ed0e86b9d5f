# NixOS VM test: one machine with services.nixsec and its local PostgreSQL.
#
#   nix build .#checks.x86_64-linux.vm -L
#   nix run .#checks.x86_64-linux.vm.driverInteractive   (interactive driver)
#
# Without flakes: nix-build -E 'with import <nixpkgs> { }; import ./nix/vm-test.nix { inherit pkgs; }'
{
  pkgs,
  nixosModule ? ./module.nix,
  package ? pkgs.callPackage ./package.nix { },
}:

let
  # TEST-ONLY secrets. They are written into the test VM's Nix store, which every user can read:
  # never do this in a deployment, where these files live outside the store (agenix, sops-nix,
  # systemd-creds, or a file written by hand with mode 0400).
  sessionSecret = "vm-test-session-secret-0123456789abcdef-not-for-production";
  webhookSecret = "vm-test-webhook-secret-not-for-production";
in
pkgs.testers.runNixOSTest {
  name = "nixsec";

  nodes.machine =
    { pkgs, ... }:
    {
      imports = [ nixosModule ];

      services.nixsec = {
        enable = true;
        inherit package;
        # Exercise the split set-up: the web service only serves, one worker runs jobs.
        workers = 1;
        environment.LOG_LEVEL = "debug";
        # Production refuses to start without a session secret; webhooks answer 503 without theirs.
        sessionSecretFile = "/etc/nixsec-test/session-secret";
        github.webhookSecretFile = "/etc/nixsec-test/github-webhook-secret";
        adminGithubIds = [ 583231 ];
      };

      # Test only (see sessionSecret above). `mode` makes real files owned by root, not store symlinks.
      environment.etc."nixsec-test/session-secret" = {
        text = sessionSecret;
        mode = "0400";
      };
      environment.etc."nixsec-test/github-webhook-secret" = {
        text = webhookSecret;
        mode = "0400";
      };

      environment.systemPackages = [ pkgs.curl ];

      # Node, PostgreSQL and the NestJS app together need more than the default 1 GiB.
      virtualisation.memorySize = 2048;
      virtualisation.cores = 2;
    };

  testScript = ''
    import hashlib
    import hmac
    import json
    import shlex

    start_all()

    machine.wait_for_unit("postgresql.service")
    machine.wait_for_unit("nixsec-migrate.service")
    machine.wait_for_unit("nixsec.service")
    machine.wait_for_open_port(3000)

    with subtest("liveness and readiness"):
        machine.succeed("curl -fsS http://127.0.0.1:3000/healthz")
        ready = json.loads(machine.succeed("curl -fsS http://127.0.0.1:3000/readyz"))
        assert ready["ready"] is True, f"/readyz: {ready}"
        assert ready["database"] == "ok", f"/readyz: {ready}"
        assert ready["migrationsPending"] == 0, f"/readyz: {ready}"

    with subtest("GraphQL health"):
        body = json.dumps({"query": "{ health { database migrationsPending } }"})
        response = json.loads(
            machine.succeed(
                "curl -fsS -X POST -H 'Content-Type: application/json' "
                f"--data {shlex.quote(body)} http://127.0.0.1:3000/graphql"
            )
        )
        assert "errors" not in response, f"GraphQL errors: {response}"
        health = response["data"]["health"]
        assert health["database"] == "OK", f"health: {health}"
        assert health["migrationsPending"] == 0, f"health: {health}"

    with subtest("worker runs, web service does not run jobs"):
        machine.wait_for_unit("nixsec-worker@1.service")
        machine.succeed("systemctl show -p Environment nixsec.service | grep -q NIXSEC_RUN_JOBS=false")

    with subtest("production auth: no demo login, secrets passed as systemd credentials"):
        me = json.loads(machine.succeed("curl -fsS http://127.0.0.1:3000/auth/me"))
        assert me["user"] is None and me["login"]["demo"] is False, f"/auth/me: {me}"
        unit = machine.succeed("systemctl cat nixsec.service")
        assert "LoadCredential=session-secret:/etc/nixsec-test/session-secret" in unit, unit
        assert "LoadCredential=github-webhook-secret:/etc/nixsec-test/github-webhook-secret" in unit, unit
        assert "SESSION_SECRET_FILE=%d/session-secret" in unit, unit
        assert "NIXSEC_ADMIN_GITHUB_IDS=583231" in unit, unit
        shown = machine.succeed("systemctl show nixsec.service nixsec-worker@1.service nixsec-migrate.service")
        for secret in ["${sessionSecret}", "${webhookSecret}"]:
            assert secret not in unit and secret not in shown, "a secret is visible in the unit"

    with subtest("signed GitHub webhook is accepted, a forged one refused"):
        body = json.dumps({"zen": "Keep it logically awesome.", "hook_id": 1})
        signature = "sha256=" + hmac.new(b"${webhookSecret}", body.encode(), hashlib.sha256).hexdigest()
        post = (
            "curl -sS -o /dev/stderr -w '%{http_code}' -X POST -H 'Content-Type: application/json' "
            "-H 'X-GitHub-Event: ping' -H 'X-GitHub-Delivery: vm-test-1' "
            f"--data {shlex.quote(body)} http://127.0.0.1:3000/webhooks/github "
        )
        status = machine.succeed(post + f"-H 'X-Hub-Signature-256: {signature}'")
        assert status == "200", f"signed delivery: HTTP {status}"
        status = machine.succeed(post + "-H 'X-Hub-Signature-256: sha256=" + "0" * 64 + "'")
        assert status == "401", f"forged delivery: HTTP {status}"

    with subtest("hardening"):
        machine.succeed("test \"$(systemctl show -p User --value nixsec.service)\" = nixsec")
        # The service sees the system read-only and its state directory read-write.
        machine.succeed("systemctl show -p ProtectSystem --value nixsec.service | grep -q strict")
        machine.succeed("test -d /var/lib/nixsec")

    with subtest("restart keeps the service healthy"):
        machine.succeed("systemctl restart nixsec.target")
        machine.wait_for_unit("nixsec.service")
        machine.wait_for_open_port(3000)
        machine.wait_until_succeeds("curl -fsS http://127.0.0.1:3000/readyz", timeout=60)
  '';
}
