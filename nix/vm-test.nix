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
      };

      environment.systemPackages = [ pkgs.curl ];

      # Node, PostgreSQL and the NestJS app together need more than the default 1 GiB.
      virtualisation.memorySize = 2048;
      virtualisation.cores = 2;
    };

  testScript = ''
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
