import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { graphql, loginWithGithub, startAppWithGithub } from '../auth/support';
import { freePort } from '../support/free-port';

// A real remote builder: an sshd of the test's own on 127.0.0.1 (root, key only), whose Nix daemon
// (`nix-daemon --stdio` through a wrapper carrying the tests' sandbox settings) builds into this
// machine's /nix/store, reached through an ssh-ng:// store URI exactly as a remote machine would be.
const NIX_CONFIG = ['build-users-group =', 'sandbox = true', 'sandbox-paths = /bin /lib /lib64 /usr', 'substituters =', 'experimental-features = nix-command'].join('\n');
const CHAIN = path.join(__dirname, '..', 'fixtures', 'boot-chain', 'chain');
const SSHD = '/usr/sbin/sshd';


describe('boot chain: an ssh-ng:// builder (real sshd, real Nix daemon over SSH)', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let dir: string;
  let sshd: ChildProcess;
  let port: number;

  beforeAll(async () => {
    if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (scripts/ensure-system-deps.sh does it for npm test)`);
    process.env.NIX_CONFIG = NIX_CONFIG;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-ssh-ng-'));
    fs.chmodSync(dir, 0o755);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
    fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
    port = await freePort();
    fs.writeFileSync(
      path.join(dir, 'sshd_config'),
      [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, 'PermitRootLogin prohibit-password',
        'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', `PidFile ${dir}/sshd.pid`].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'remote-nix-daemon'), `#!/bin/sh\nexport NIX_CONFIG='${NIX_CONFIG}'\nexec nix-daemon "$@"\n`, { mode: 0o755 });
    fs.mkdirSync('/run/sshd', { recursive: true });
    sshd = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (let i = 0; i < 50 && !(await new Promise((r) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); r(true); }).once('error', () => r(false)))); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    fake = await startFakeGithubOAuth({ users: [{ login: 'sam', id: 9201 }, { login: 'ada', id: 9202 }], teamMembers: ['sam'] });
    t = await startAppWithGithub(fake, {
      NIXSEC_ADMIN_GITHUB_IDS: '9202',
      NIXSEC_RUN_JOBS: 'true',
      NIXSEC_DATA_DIR: path.join(dir, 'data'),
      NIXSEC_BOOT_CHAIN_EVAL_STORE: path.join(dir, 'eval-store'),
    });
  });
  afterAll(async () => {
    sshd?.kill();
    await t?.close();
    await fake?.close();
    if (dir) {
      execFileSync('chmod', ['-R', 'u+w', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies the derivations over SSH, builds them remotely in dependency order and attests the outputs', async () => {
    const session = async (login: string) => {
      const s = await loginWithGithub(t, fake, login);
      return (q: string, v: Record<string, unknown> = {}) => graphql(s.agent, q, v, { 'X-CSRF-Token': s.csrf });
    };
    const [sam, ada] = [await session('sam'), await session('ada')];
    const system = execFileSync('nix', ['eval', '--raw', '--impure', '--expr', 'builtins.currentSystem'], { env: { ...process.env, NIX_CONFIG } }).toString();
    const discovered = await sam(`mutation ($i: DiscoverBootChainInput!) { discoverBootChain(input: $i) { id } }`, {
      i: { nixpkgs: CHAIN, revision: '55b'.padEnd(40, '0'), system, attr: 'mes' },
    });
    expect(discovered.errors).toBeUndefined();
    const targetId = discovered.data.discoverBootChain.id;
    const registered = await ada(`mutation ($i: BootChainBuilderInput!) { registerBootChainBuilder(input: $i) { builder { id kind } } }`, {
      i: {
        name: 'remote-over-ssh',
        kind: 'ssh-ng',
        storeUri: `ssh-ng://root@127.0.0.1?remote-program=${dir}/remote-nix-daemon`,
        sshKeyFile: path.join(dir, 'client_key'),
        host: { sshPort: port },
        operator: 'nixsec tests',
      },
    });
    expect(registered.errors).toBeUndefined();
    const builderId = registered.data.registerBootChainBuilder.builder.id;
    // The remote store says which Nix it runs (Nix 2.8's `nix store ping` prints "Version: …").
    const nixVersion = execFileSync('nix', ['--version']).toString().trim().split(' ').pop();
    const version = `{ detectedNixVersion nixVersionDetectedAt nixVersionError }`;
    const builderList = async () => (await request(t.url).post('/graphql').send({ query: `{ bootChainBuilders { name ${version.slice(1, -1)} } }` })).body.data.bootChainBuilders;
    expect((await builderList()).find((b: any) => b.name === 'remote-over-ssh')).toMatchObject({ detectedNixVersion: nixVersion, nixVersionError: null });
    // A store that cannot be reached as a store (no daemon there): `nix --version` over ssh with the builder's key still tells.
    const noDaemon = await ada(`mutation ($i: BootChainBuilderInput!) { registerBootChainBuilder(input: $i) { builder ${version} } }`, {
      i: { name: 'no-daemon', kind: 'ssh-ng', storeUri: `ssh-ng://root@127.0.0.1?remote-program=${dir}/missing-nix-daemon`, sshKeyFile: path.join(dir, 'client_key'), host: { sshPort: port } },
    });
    expect(noDaemon.errors).toBeUndefined();
    expect(noDaemon.data.registerBootChainBuilder.builder).toMatchObject({ detectedNixVersion: nixVersion, nixVersionError: null });
    expect(noDaemon.data.registerBootChainBuilder.builder.nixVersionDetectedAt).not.toBeNull();
    const relativeKey = await ada(`mutation { registerBootChainBuilder(input: { name: "bad-key", kind: "ssh-ng", storeUri: "ssh-ng://h", sshKeyFile: "key" }) { token } }`);
    expect(relativeKey.errors?.[0].message).toMatch(/sshKeyFile must be an absolute path/);

    await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { queued } }`, { t: targetId, b: [builderId] });
    const deadline = Date.now() + 90_000;
    let target: any;
    for (;;) {
      const res = await request(t.url).post('/graphql').send({
        query: `query ($id: Int!) { bootChainTarget(id: $id) { builds { name status error } chain { name outputs { attestations { builderName source signatureStatus narHash nixVersion } } } } }`,
        variables: { id: targetId },
      });
      target = res.body.data.bootChainTarget;
      const statuses = target.builds.map((b: any) => b.status);
      if (statuses.every((s: string) => s === 'succeeded')) break;
      if (statuses.includes('failed') || Date.now() > deadline) throw new Error(`ssh-ng builds did not all succeed: ${JSON.stringify(target.builds)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(target.builds.map((b: any) => b.name).sort()).toEqual(['hex0', 'kaem-minimal-1.6.0', 'mes-0.25']);
    const hex0 = target.chain.find((n: any) => n.name === 'hex0').outputs[0].attestations;
    expect(hex0).toEqual([{ builderName: 'remote-over-ssh', source: 'ssh', signatureStatus: 'own_build', narHash: 'sha256-6ooDw4UzLj8jjvwZvvDMdUUDLy/bhGbc44SqLiSocaU=', nixVersion }]);
    // The server's host key was recorded on first use, under the data directory (a changed key is then refused).
    const hostKey = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').split(' ')[1];
    expect(fs.readFileSync(path.join(dir, 'data', 'boot-chain', 'known_hosts'), 'utf8')).toContain(`ssh-ed25519 ${hostKey}`);
  }, 120_000);
});
