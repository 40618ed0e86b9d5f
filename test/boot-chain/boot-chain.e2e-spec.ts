import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { FakeGithubOAuth, startFakeGithubOAuth } from '../../server/src/auth/__tests__/fake-github-oauth';
import { TestApp } from '../../server/src/testing/test-app';
import { graphql, loginWithGithub, startAppWithGithub } from '../auth/support';
import { freePort } from '../support/free-port';

// Longer than our usual file on purpose: the steps share one app, its builders and what they already
// built (every round of real Nix builds through the job queue costs seconds), so they stay together.
// Real Nix (Debian's nix-bin), no daemon: every builder is its own chroot store under a temporary
// directory, builds run in Nix's sandbox with the host's /bin/sh, and nothing is substituted.
const NIX_CONFIG = ['build-users-group =', 'sandbox = true', 'sandbox-paths = /bin /lib /lib64 /usr', 'substituters =', 'experimental-features = nix-command'].join('\n');
const CHAIN = path.join(__dirname, '..', 'fixtures', 'boot-chain', 'chain');
const REVISION = 'b0075eed'.padEnd(40, '0');
const SYSTEM = execFileSync('nix', ['eval', '--raw', '--impure', '--expr', 'builtins.currentSystem'], { env: { ...process.env, NIX_CONFIG } }).toString();
/** What the builders run: the installed Nix (`nix (Nix) 2.8.0` → 2.8.0). */
const NIX_VERSION = execFileSync('nix', ['--version']).toString().trim().split(' ').pop();

const TARGET_FIELDS = `id revision system attr nodes
  chain { drvPath name stage depth fixedOutput inputDrvs outputs { name path expectedHash verdict { kind builders agreeing distinctHashes ignored explanation } attestations { builderName narHash signatureStatus source ultimate nixVersion rebuildDiffers rebuildNarHash } } }
  builds { id builderName name status checked error startedAt finishedAt logTail }`;

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

function nix(args: string[]): string {
  return execFileSync('nix', args, { env: { ...process.env, NIX_CONFIG }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

describe('boot chain with real Nix: discovery, dependency-ordered builds on two builders, verdicts, attestations, trust report', () => {
  let fake: FakeGithubOAuth;
  let t: TestApp;
  let dir: string;
  let sam: Gql;
  let ada: Gql;
  let anonymous: Gql;
  let targetId: number;
  const builders: Record<string, number> = {};

  beforeAll(async () => {
    process.env.NIX_CONFIG = NIX_CONFIG;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-boot-chain-'));
    fake = await startFakeGithubOAuth({ users: [{ login: 'sam', id: 9101 }, { login: 'ada', id: 9102 }], teamMembers: ['sam'] });
    t = await startAppWithGithub(fake, {
      NIXSEC_ADMIN_GITHUB_IDS: '9102',
      NIXSEC_RUN_JOBS: 'true',
      NIXSEC_DATA_DIR: path.join(dir, 'data'),
      NIXSEC_BOOT_CHAIN_EVAL_STORE: path.join(dir, 'eval-store'),
    });
    const session = async (login: string): Promise<Gql> => {
      const s = await loginWithGithub(t, fake, login);
      return (q, v = {}) => graphql(s.agent, q, v, { 'X-CSRF-Token': s.csrf });
    };
    sam = await session('sam');
    ada = await session('ada');
    anonymous = (q, v = {}) => graphql(request(t.url), q, v);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    // Store paths are read-only; make them writable so the builders' stores can go.
    if (dir) execFileSync('chmod', ['-R', 'u+w', dir]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function target(id = targetId): Promise<any> {
    const res = await anonymous(`query ($id: Int!) { bootChainTarget(id: $id) { ${TARGET_FIELDS} } }`, { id });
    expect(res.errors).toBeUndefined();
    return res.data.bootChainTarget;
  }

  async function waitForBuilds(id: number, settled: (builds: any[]) => boolean, what: string): Promise<any> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const current = await target(id);
      if (settled(current.builds)) return current;
      if (Date.now() > deadline) throw new Error(`builds never reached "${what}": ${JSON.stringify(current.builds.map((b: any) => [b.builderName, b.name, b.status, b.error]))}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  const node = (chain: any[], name: string) => chain.find((n) => n.name === name);
  const statusOf = (builds: any[], builder: string, name: string) => builds.find((b) => b.builderName === builder && b.name === name)?.status;

  it('discovers the chain: every derivation with its stage, depth and pinned hashes, seeds first', async () => {
    const res = await sam(
      `mutation ($input: DiscoverBootChainInput!) { discoverBootChain(input: $input) { id revision system attr nodes } }`,
      { input: { nixpkgs: CHAIN, revision: REVISION, system: SYSTEM, attr: 'stdenv' } },
    );
    expect(res.errors).toBeUndefined();
    targetId = res.data.discoverBootChain.id;
    expect(res.data.discoverBootChain).toMatchObject({ revision: REVISION, system: SYSTEM, attr: 'stdenv', nodes: 8 });
    const { chain } = await target();
    expect(chain.map((n: any) => [n.name, n.stage, n.depth])).toEqual([
      ['hex0', 'seed', 0],
      ['musl-source-1.2.5', 'musl', 0],
      ['kaem-minimal-1.6.0', 'stage0-posix', 1],
      ['musl-1.2.5', 'musl', 1],
      ['mes-0.25', 'mes', 2],
      ['tinycc-mes-0.9.28', 'tinycc', 3],
      ['gcc-4.6.4', 'gcc', 4],
      ['stdenv-linux', 'stdenv', 5],
    ]);
    expect(node(chain, 'hex0')).toMatchObject({ fixedOutput: true, inputDrvs: [] });
    expect(node(chain, 'hex0').outputs[0].expectedHash).toBe('sha256-6ooDw4UzLj8jjvwZvvDMdUUDLy/bhGbc44SqLiSocaU=');
    expect(node(chain, 'gcc-4.6.4').inputDrvs.sort()).toEqual([node(chain, 'mes-0.25').drvPath, node(chain, 'tinycc-mes-0.9.28').drvPath].sort());
    expect(chain.every((n: any) => n.outputs.every((o: any) => o.verdict.kind === 'unbuilt'))).toBe(true);
  });

  it('registers builders (admin only); a submission token is shown once and only its hash is kept', async () => {
    for (const name of ['builder-a', 'builder-b']) {
      const res = await ada(
        `mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { id name kind storeUri } token } }`,
        { input: { name, kind: 'local', storeUri: path.join(dir, name), operator: 'nixsec tests', maxConcurrent: 2, timeoutSeconds: 300, systems: [SYSTEM] } },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.registerBootChainBuilder.token).toBeNull();
      builders[name] = res.data.registerBootChainBuilder.builder.id;
    }
    const refused = await sam(`mutation { registerBootChainBuilder(input: { name: "x", kind: "local" }) { token } }`);
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
    const listed = await anonymous(`{ bootChainBuilders { name kind hasToken nixVersion detectedNixVersion nixVersionDetectedAt nixVersionError } }`);
    expect(listed.data.bootChainBuilders.map((b: any) => b.name)).toEqual(['builder-a', 'builder-b']);
    // Registered without a version: the one the builder runs was detected (`nix --version`).
    for (const b of listed.data.bootChainBuilders) {
      expect(b).toMatchObject({ nixVersion: null, detectedNixVersion: NIX_VERSION, nixVersionError: null });
      expect(Date.now() - new Date(b.nixVersionDetectedAt).getTime()).toBeLessThan(60_000);
    }
  });

  it('builds in dependency order on both builders and judges each output by distinct builders', async () => {
    const res = await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { planned queued imports } }`, {
      t: targetId,
      b: [builders['builder-a'], builders['builder-b']],
    });
    expect(res.errors).toBeUndefined();
    // Two seeds per builder can start at once; everything else waits for its inputs.
    expect(res.data.startBootChainBuilds).toEqual({ planned: 16, queued: 4, imports: 0 });
    const done = await waitForBuilds(
      targetId,
      (builds) => ['builder-a', 'builder-b'].every((b) =>
        ['hex0', 'kaem-minimal-1.6.0', 'mes-0.25', 'tinycc-mes-0.9.28', 'gcc-4.6.4'].every((n) => statusOf(builds, b, n) === 'succeeded') && statusOf(builds, b, 'musl-source-1.2.5') === 'failed'),
      'all buildable derivations built',
    );
    const { chain, builds } = done;
    // What depends on the failed source never starts.
    for (const b of ['builder-a', 'builder-b']) {
      expect(statusOf(builds, b, 'musl-1.2.5')).toBe('waiting');
      expect(statusOf(builds, b, 'stdenv-linux')).toBe('waiting');
    }
    // Dependency order: on each builder a derivation started only after its inputs had finished there.
    for (const build of builds.filter((b: any) => b.status === 'succeeded')) {
      const inputs = node(chain, build.name).inputDrvs.map((p: string) => chain.find((n: any) => n.drvPath === p).name);
      for (const input of inputs) {
        const before = builds.find((b: any) => b.builderName === build.builderName && b.name === input);
        expect(new Date(build.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(before.finishedAt).getTime());
      }
    }
    const verdict = (name: string) => node(chain, name).outputs[0].verdict;
    expect(verdict('hex0')).toMatchObject({ kind: 'reproduced', builders: 2, agreeing: 2, distinctHashes: 1 });
    expect(verdict('kaem-minimal-1.6.0')).toMatchObject({ kind: 'reproduced', builders: 2 });
    expect(verdict('gcc-4.6.4')).toMatchObject({ kind: 'nondeterministic', builders: 2, agreeing: 1, distinctHashes: 2 });
    expect(verdict('tinycc-mes-0.9.28')).toMatchObject({ kind: 'nondeterministic', builders: 2, distinctHashes: 2 });
    expect(verdict('musl-source-1.2.5').kind).toBe('fod_mismatch');
    expect(verdict('stdenv-linux').kind).toBe('unbuilt');
    const failed = builds.find((b: any) => b.name === 'musl-source-1.2.5');
    expect(failed.error).toMatch(/fixed-output hash mismatch: the output hashes to sha256-fjKnLwv4Q\/fzanUWu2GqhuJbU0zAvh\+JTWA6pATfb5M=/);
    expect(failed.logTail).toContain('hash mismatch in fixed-output derivation');
    const log = await request(t.url).get(`/api/v1/boot-chain/builds/${failed.id}/log`).expect(200);
    expect(log.text).toMatch(/building '.*musl-source-1\.2\.5\.drv'[\s\S]*got: +sha256-fjKnLwv4Q/);
    await request(t.url).get('/api/v1/boot-chain/builds/999999/log').expect(404);
    const attestation = node(chain, 'hex0').outputs[0].attestations[0];
    expect(attestation).toMatchObject({ signatureStatus: 'own_build', source: 'build', ultimate: true, narHash: 'sha256-6ooDw4UzLj8jjvwZvvDMdUUDLy/bhGbc44SqLiSocaU=' });
    expect(attestation.nixVersion).toBe(NIX_VERSION);
  }, 180_000);

  it('reports the trust of the chain: seed anchored, not all reproduced, the weakest link named; also as JSON at a stable URL', async () => {
    const res = await anonymous(`query ($r: String!, $s: String!) { bootChainReport(revision: $r, system: $s, attr: "stdenv") {
      seedAnchored seedProblems allReproduced outputs reproducedOutputs minBuilders statement
      weakestLink { name verdict stage } stages { stage outputs reproducedOutputs worst verdicts } } }`, { r: REVISION.slice(0, 8), s: SYSTEM });
    expect(res.errors).toBeUndefined();
    const report = res.data.bootChainReport;
    expect(report).toMatchObject({ seedAnchored: true, seedProblems: [], allReproduced: false, outputs: 8, reproducedOutputs: 3, minBuilders: 2 });
    expect(report.weakestLink).toEqual({ name: 'musl-source-1.2.5', verdict: 'fod_mismatch', stage: 'musl' });
    expect(report.statement).toBe(
      `The ${SYSTEM} stdenv of Nixpkgs ${REVISION.slice(0, 12)} traces back to the seed, but only 3 of its 8 outputs were reproduced bit for bit by at least 2 independent builders; the weakest link is musl-source-1.2.5 (a fixed-output hash mismatch).`,
    );
    expect(report.stages.find((s: any) => s.stage === 'tinycc')).toMatchObject({ outputs: 1, reproducedOutputs: 0, worst: 'nondeterministic' });
    const json = await request(t.url).get('/api/v1/boot-chain/report').query({ revision: REVISION, system: SYSTEM, attr: 'stdenv' }).expect(200);
    expect(json.body).toMatchObject({ seedAnchored: true, reproducedOutputs: 3, statement: report.statement });
    const missing = await request(t.url).get('/api/v1/boot-chain/report').query({ revision: 'deadbeef', system: SYSTEM, attr: 'stdenv' }).expect(404);
    expect(missing.body.message).toMatch(/run discoverBootChain first/);
  });

  it('accepts lila-format submissions from a registered builder and counts only valid signatures', async () => {
    const keyDir = path.join(dir, 'keys');
    fs.mkdirSync(keyDir);
    execFileSync('nix-store', ['--generate-binary-cache-key', 'lila-alice-1', path.join(keyDir, 'sec'), path.join(keyDir, 'pub')], { env: { ...process.env, NIX_CONFIG } });
    const publicKey = fs.readFileSync(path.join(keyDir, 'pub'), 'utf8').trim();
    const registered = await ada(
      `mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { id hasToken } token } }`,
      { input: { name: 'lila-alice', kind: 'external', publicKey, operator: 'alice', newToken: true } },
    );
    const token = registered.data.registerBootChainBuilder.token;
    expect(token).toMatch(/^nxb_/);
    // alice's own build of kaem is the one builder-a made: sign it with her key, as lila's hook does.
    const { chain } = await target();
    const kaem = node(chain, 'kaem-minimal-1.6.0');
    const outPath: string = kaem.outputs[0].path;
    const store = path.join(dir, 'builder-a');
    nix(['store', 'sign', '--store', store, '--key-file', path.join(keyDir, 'sec'), outPath]);
    const info = JSON.parse(nix(['path-info', '--json', '--sigs', '--store', store, outPath]))[0];
    const signature: string = info.signatures.find((s: string) => s.startsWith('lila-alice-1:'));
    const base = path.basename(outPath);
    const drvIdent = path.basename(kaem.drvPath, '.drv');
    const entry = { output_digest: base.slice(0, 32), output_name: base.slice(33), output_hash: info.narHash, output_sig: signature };
    const post = (body: object, auth = `Bearer ${token}`) => request(t.url).post(`/attestation/${drvIdent}`).set('Authorization', auth).send(body);

    const accepted = await post([entry]).expect(200);
    expect(accepted.body).toMatchObject({ builder: 'lila-alice', accepted: [{ outputPath: outPath, signature: 'valid', counts: true }], rejected: [] });
    let after = node((await target()).chain, 'kaem-minimal-1.6.0').outputs[0].verdict;
    expect(after).toMatchObject({ kind: 'reproduced', builders: 3, agreeing: 3 });

    // A tampered signature is recorded as invalid and no longer counts (it replaced alice's claim).
    const flipped = signature.slice(0, -4) + (signature.at(-4) === 'A' ? 'B' : 'A') + signature.slice(-3);
    expect((await post([{ ...entry, output_sig: flipped }]).expect(200)).body.accepted[0]).toMatchObject({ signature: 'invalid', counts: false });
    after = node((await target()).chain, 'kaem-minimal-1.6.0').outputs[0].verdict;
    expect(after).toMatchObject({ builders: 2, ignored: 1 });
    const unknown = await post([{ ...entry, output_sig: `someone-else-1:${signature.split(':')[1]}` }]).expect(200);
    expect(unknown.body.accepted[0].signature).toBe('unknown_key');

    await post([entry], 'Bearer nxb_not-a-token').expect(401);
    await post([entry], '').expect(401);
    const bad = await post([{ ...entry, output_hash: 'sha256-tooshort' }, { output_name: 'x' }]).expect(400);
    expect(bad.body.message).toMatch(/entry 0 \(.*kaem-minimal-1\.6\.0\): output_hash: 'sha256-tooshort' has 6 bytes, a sha256 hash has 32/);
    expect(bad.body.message).toMatch(/entry 1: output_digest: Required/);
    await request(t.url).post('/attestation/not-a-derivation').set('Authorization', `Bearer ${token}`).send([entry]).expect(400);
  });

  it('imports attestations from a binary cache and from Hydra (JSON API + its cache), signatures checked with the cache key', async () => {
    const keyDir = path.join(dir, 'cache-keys');
    fs.mkdirSync(keyDir);
    execFileSync('nix-store', ['--generate-binary-cache-key', 'cache.example.org-1', path.join(keyDir, 'sec'), path.join(keyDir, 'pub')], { env: { ...process.env, NIX_CONFIG } });
    const { chain } = await target();
    const paths = ['hex0', 'kaem-minimal-1.6.0', 'gcc-4.6.4'].map((n) => node(chain, n).outputs[0].path);
    const cacheDir = path.join(dir, 'cache');
    nix(['copy', '--from', path.join(dir, 'builder-a'), '--to', `file://${cacheDir}?secret-key=${path.join(keyDir, 'sec')}`, ...paths]);
    // A cache that serves a narinfo whose signature does not match what it describes.
    const gccInfo = path.join(cacheDir, `${path.basename(paths[2]).slice(0, 32)}.narinfo`);
    fs.writeFileSync(gccInfo, fs.readFileSync(gccInfo, 'utf8').replace(/^NarSize: (\d+)$/m, (_m, n) => `NarSize: ${Number(n) + 1}`));
    // The same server plays Hydra's JSON API (`GET /search?query=<hash>`, shaped like a recorded
    // hydra.nixos.org answer in nlewo/hydra-cli's test data): Hydra built hex0 and failed kaem.
    const hydraBuilds: Record<string, { buildstatus: number }> = { hex0: { buildstatus: 0 }, 'kaem-minimal-1.6.0': { buildstatus: 1 } };
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/search') {
        expect(req.headers.accept).toBe('application/json');
        const hit = chain.find((n: any) => n.outputs[0].path.includes(url.searchParams.get('query')));
        const builds = hit && hydraBuilds[hit.name]
          ? [{ id: 1000 + hit.depth, finished: 1, buildstatus: hydraBuilds[hit.name].buildstatus, drvpath: hit.drvPath, nixname: hit.name, system: SYSTEM, buildoutputs: { out: { path: hit.outputs[0].path } } }]
          : [];
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ builds, buildsdrv: [], jobsets: [], projects: [] }));
      }
      const file = path.join(cacheDir, path.basename(url.pathname));
      if (!fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/x-nix-narinfo' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const publicKey = fs.readFileSync(path.join(keyDir, 'pub'), 'utf8').trim();
      const reg = await ada(`mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { id } } }`, {
        input: { name: 'example-cache', kind: 'binary-cache', url, publicKey, operator: 'example.org' },
      });
      const cacheId = reg.data.registerBootChainBuilder.builder.id;
      const started = await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { planned queued imports } }`, { t: targetId, b: [cacheId] });
      expect(started.data.startBootChainBuilds).toEqual({ planned: 0, queued: 0, imports: 1 });
      const deadline = Date.now() + 30_000;
      let run: any;
      while (!(run = (await anonymous(`{ jobRuns(kind: "boot-chain.import-cache") { status counts } }`)).data.jobRuns.find((r: any) => r.status === 'COMPLETED'))) {
        if (Date.now() > deadline) throw new Error('the cache import never completed');
        await new Promise((r) => setTimeout(r, 300));
      }
      // 8 outputs in the chain: 4 in the cache (the 3 copied and mes, which gcc's output refers to;
      // gcc's with a bad signature), 4 not there.
      expect(run.counts).toEqual({ found: 4, missing: 4, invalidSignatures: 1, errors: 0 });
      const after = (await target()).chain;
      expect(node(after, 'hex0').outputs[0].verdict).toMatchObject({ kind: 'reproduced', builders: 3, agreeing: 3 });
      const imported = node(after, 'hex0').outputs[0].attestations.find((a: any) => a.builderName === 'example-cache');
      expect(imported).toMatchObject({ source: 'binary-cache', signatureStatus: 'valid', ultimate: false });
      const gcc = node(after, 'gcc-4.6.4').outputs[0];
      expect(gcc.attestations.find((a: any) => a.builderName === 'example-cache').signatureStatus).toBe('invalid');
      expect(gcc.verdict).toMatchObject({ builders: 2, ignored: 1 });

      // Hydra: only what its API says it built successfully counts, with the NAR hash from its cache.
      const hydra = await ada(`mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { id } } }`, {
        input: { name: 'example-hydra', kind: 'hydra', url, storeUri: url, publicKey, operator: 'example.org' },
      });
      const hydraId = hydra.data.registerBootChainBuilder.builder.id;
      await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { imports } }`, { t: targetId, b: [hydraId] });
      const hydraDeadline = Date.now() + 30_000;
      let hydraRun: any;
      while (!(hydraRun = (await anonymous(`{ jobRuns(kind: "boot-chain.import-cache") { status counts } }`)).data.jobRuns.find((r: any) => r.status === 'COMPLETED' && r !== run && r.counts.found === 1))) {
        if (Date.now() > hydraDeadline) throw new Error('the Hydra import never completed');
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(hydraRun.counts).toEqual({ found: 1, missing: 7, invalidSignatures: 0, errors: 0 });
      const withHydra = (await target()).chain;
      expect(node(withHydra, 'hex0').outputs[0].attestations.find((a: any) => a.builderName === 'example-hydra')).toMatchObject({ source: 'hydra', signatureStatus: 'valid', ultimate: true });
      expect(node(withHydra, 'hex0').outputs[0].verdict).toMatchObject({ builders: 4, agreeing: 4 });
      expect(node(withHydra, 'kaem-minimal-1.6.0').outputs[0].attestations.map((a: any) => a.builderName)).not.toContain('example-hydra');
      const incomplete = await ada(`mutation { registerBootChainBuilder(input: { name: "h2", kind: "hydra", url: "https://hydra.example.org" }) { token } }`);
      expect(incomplete.errors[0].message).toMatch(/a hydra builder needs url .* and storeUri/);
    } finally {
      server.close();
    }
  });

  it('reuses what a builder already attested when a new revision shares derivations, and rebuilds only on request', async () => {
    const res = await sam(
      `mutation ($input: DiscoverBootChainInput!) { discoverBootChain(input: $input) { id } }`,
      { input: { nixpkgs: CHAIN, revision: 'c0ffee'.padEnd(40, '1'), system: SYSTEM, attr: 'stdenv' } },
    );
    const second = res.data.discoverBootChain.id;
    expect(second).not.toBe(targetId);
    // Same derivations: the verdicts are there before anything is built for the new revision.
    const before = await target(second);
    expect(node(before.chain, 'hex0').outputs[0].verdict.kind).toBe('reproduced');
    const started = await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { planned queued } }`, { t: second, b: [builders['builder-a']] });
    expect(started.errors).toBeUndefined();
    const { builds } = await target(second);
    for (const name of ['hex0', 'kaem-minimal-1.6.0', 'mes-0.25', 'tinycc-mes-0.9.28', 'gcc-4.6.4']) expect(statusOf(builds, 'builder-a', name)).toBe('reused');
    // Only the failed source is tried again (and fails again).
    expect(started.data.startBootChainBuilds.queued).toBe(1);
    await waitForBuilds(second, (b) => statusOf(b, 'builder-a', 'musl-source-1.2.5') === 'failed', 'the source failed again');
  });

  it('verifies a submission that waited for size and references once nixsec built the output; a --check rebuild that differs on one builder is nondeterministic', async () => {
    // bob signs his own build of mes-steady and sends it as lila's hook does: without size and references.
    const keyDir = path.join(dir, 'bob-keys');
    fs.mkdirSync(keyDir);
    execFileSync('nix-store', ['--generate-binary-cache-key', 'lila-bob-1', path.join(keyDir, 'sec'), path.join(keyDir, 'pub')], { env: { ...process.env, NIX_CONFIG } });
    const registered = await ada(`mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { token } }`, {
      input: { name: 'lila-bob', kind: 'external', publicKey: fs.readFileSync(path.join(keyDir, 'pub'), 'utf8').trim(), operator: 'bob', newToken: true },
    });
    const token = registered.data.registerBootChainBuilder.token;
    const discovered = await sam(`mutation ($input: DiscoverBootChainInput!) { discoverBootChain(input: $input) { id nodes } }`, {
      input: { nixpkgs: CHAIN, revision: REVISION, system: SYSTEM, attr: 'checks' },
    });
    expect(discovered.data.discoverBootChain.nodes).toBe(3);
    const checksId = discovered.data.discoverBootChain.id;
    const steady = node((await target(checksId)).chain, 'mes-steady-0.26');
    const outPath: string = steady.outputs[0].path;
    const bobStore = path.join(dir, 'bob-store');
    nix(['copy', '--derivation', '--no-check-sigs', '--from', path.join(dir, 'eval-store'), '--to', bobStore, steady.drvPath]);
    execFileSync('nix-store', ['--store', bobStore, '--realise', steady.drvPath], { env: { ...process.env, NIX_CONFIG }, stdio: 'ignore' });
    nix(['store', 'sign', '--store', bobStore, '--key-file', path.join(keyDir, 'sec'), outPath]);
    const info = JSON.parse(nix(['path-info', '--json', '--sigs', '--store', bobStore, outPath]))[0];
    expect(info.references).toEqual([outPath]); // a claim without its references cannot be checked
    const base = path.basename(outPath);
    const submitted = await request(t.url).post(`/attestation/${path.basename(steady.drvPath, '.drv')}`).set('Authorization', `Bearer ${token}`)
      .send([{ output_digest: base.slice(0, 32), output_name: base.slice(33), output_hash: info.narHash, output_sig: info.signatures.find((x: string) => x.startsWith('lila-bob-1:')) }])
      .expect(200);
    expect(submitted.body.accepted[0]).toMatchObject({ signature: 'unverifiable', counts: false });
    expect(node((await target(checksId)).chain, 'mes-steady-0.26').outputs[0].verdict).toMatchObject({ kind: 'unbuilt', ignored: 1 });

    const names = ['mes-steady-0.26', 'tinycc-flaky-0.9.27', 'stdenv-checks'];
    const start = (rebuild: boolean) => sam(`mutation ($t: Int!, $b: [Int!]!, $r: Boolean!) { startBootChainBuilds(targetId: $t, builderIds: $b, rebuild: $r) { planned } }`, {
      t: checksId, b: [builders['builder-a']], r: rebuild,
    });
    expect((await start(false)).errors).toBeUndefined();
    let done = await waitForBuilds(checksId, (b) => ['mes-steady-0.26', 'tinycc-flaky-0.9.27', 'stdenv-checks'].every((n) => statusOf(b, 'builder-a', n) === 'succeeded'), 'the new stages built');
    // builder-a's build supplied size and references: bob's signature is checked now, and counts.
    const steadyOut = node(done.chain, 'mes-steady-0.26').outputs[0];
    expect(steadyOut.attestations.find((x: any) => x.builderName === 'lila-bob').signatureStatus).toBe('valid');
    expect(steadyOut.verdict).toMatchObject({ kind: 'reproduced', builders: 2, agreeing: 2, ignored: 0 });
    expect(node(done.chain, 'tinycc-flaky-0.9.27').outputs[0].verdict.kind).toBe('single');

    // Rebuild everything on the same builder (nix-store --check): the flaky stage differs from its first build.
    expect((await start(true)).errors).toBeUndefined();
    done = await waitForBuilds(checksId, (b) => names.every((n) => ['succeeded', 'check_mismatch', 'failed'].includes(statusOf(b, 'builder-a', n))), 'every stage checked');
    const build = (name: string) => done.builds.find((b: any) => b.builderName === 'builder-a' && b.name === name);
    const flaky = node(done.chain, 'tinycc-flaky-0.9.27').outputs[0];
    const own = flaky.attestations.find((x: any) => x.builderName === 'builder-a');
    expect(own).toMatchObject({ signatureStatus: 'own_build', rebuildDiffers: true });
    expect(own.rebuildNarHash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(own.rebuildNarHash).not.toBe(own.narHash);
    expect(flaky.verdict).toMatchObject({ kind: 'nondeterministic', builders: 1, distinctHashes: 2 });
    expect(flaky.verdict.explanation).toBe(
      `The same builder produced two different results: a --check rebuild on builder-a differed from its first build (${own.narHash}, then ${own.rebuildNarHash}).`,
    );
    // A completed check, not an error: what depends on it was checked too, and the job was not retried.
    expect(build('tinycc-flaky-0.9.27')).toMatchObject({ status: 'check_mismatch', checked: true });
    expect(build('tinycc-flaky-0.9.27').error).toContain(`gave different bits than its first build of ${flaky.path}: ${own.narHash}, then ${own.rebuildNarHash}`);
    for (const name of names.filter((n) => n !== 'tinycc-flaky-0.9.27')) expect(build(name)).toMatchObject({ status: 'succeeded', checked: true });
    expect(node(done.chain, 'mes-steady-0.26').outputs[0].verdict.kind).toBe('reproduced');
    const runs = (await anonymous(`{ jobRuns(kind: "boot-chain.build") { status counts } }`)).data.jobRuns;
    expect(runs.filter((r: any) => r.counts?.rebuildDiffers === 1).map((r: any) => r.status)).toEqual(['COMPLETED']);
    // Nix kept the rebuild next to the output (under the chroot store's root) for hashing; it is gone again.
    expect(fs.existsSync(path.join(dir, 'builder-a', `${flaky.path}.check`))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'builder-a', flaky.path))).toBe(true);
  }, 120_000);

  it('shows, without refusing the builder, that its Nix version could not be detected', async () => {
    // Nobody listens on this port.
    const port = await freePort();
    const res = await ada(`mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { nixVersion detectedNixVersion nixVersionDetectedAt nixVersionError } } }`, {
      input: { name: 'unreachable', kind: 'ssh-ng', storeUri: 'ssh-ng://nobody@127.0.0.1', host: { sshPort: port }, nixVersion: '2.3.16' },
    });
    expect(res.errors).toBeUndefined();
    const builder = res.data.registerBootChainBuilder.builder;
    expect(builder).toMatchObject({ nixVersion: '2.3.16', detectedNixVersion: null, nixVersionDetectedAt: null });
    expect(builder.nixVersionError).toMatch(/^the store ssh-ng:\/\/nobody@127\.0\.0\.1 failed .*, and `nix --version` over ssh to nobody@127\.0\.0\.1 failed \(exit code 255\): .*[Cc]onnection refused/);
  });

  it('cancels a running build: its Nix process stops and the build is marked cancelled', async () => {
    const res = await sam(
      `mutation ($input: DiscoverBootChainInput!) { discoverBootChain(input: $input) { id nodes } }`,
      { input: { nixpkgs: CHAIN, revision: REVISION, system: SYSTEM, attr: 'slow' } },
    );
    const slow = res.data.discoverBootChain.id;
    await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { queued } }`, { t: slow, b: [builders['builder-b']] });
    await waitForBuilds(slow, (b) => statusOf(b, 'builder-b', 'gcc-slow-10.0') === 'running', 'the slow build running');
    await new Promise((r) => setTimeout(r, 1000));
    const cancelled = await sam(`mutation ($t: Int!) { cancelBootChainBuilds(targetId: $t) }`, { t: slow });
    expect(cancelled.data.cancelBootChainBuilds).toBe(1);
    const startedAt = Date.now();
    // The job ends (its run is finished) well before the 120 s sleep would have.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const runs = await anonymous(`{ jobRuns(kind: "boot-chain.build") { status counts } }`);
      if (runs.data.jobRuns.some((r: any) => r.counts?.cancelled === 1)) break;
      if (Date.now() > deadline) throw new Error(`the cancelled build kept running: ${JSON.stringify(runs.data.jobRuns)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    const { builds } = await target(slow);
    expect(statusOf(builds, 'builder-b', 'gcc-slow-10.0')).toBe('cancelled');
    const ps = execFileSync('ps', ['-eo', 'args']).toString();
    expect(ps).not.toMatch(/sleep 120\.4242/);
  }, 90_000);

  it('stops a build that outlives its builder\'s timeout and says so', async () => {
    const reg = await ada(`mutation ($input: BootChainBuilderInput!) { registerBootChainBuilder(input: $input) { builder { id } } }`, {
      input: { name: 'builder-impatient', kind: 'local', storeUri: path.join(dir, 'builder-impatient'), timeoutSeconds: 2 },
    });
    const slow = (await anonymous(`{ bootChainTargets { id attr } }`)).data.bootChainTargets.find((x: any) => x.attr === 'slow').id;
    await sam(`mutation ($t: Int!, $b: [Int!]!) { startBootChainBuilds(targetId: $t, builderIds: $b) { queued } }`, { t: slow, b: [reg.data.registerBootChainBuilder.builder.id] });
    const done = await waitForBuilds(slow, (b) => statusOf(b, 'builder-impatient', 'gcc-slow-10.0') === 'timed_out', 'the slow build timed out');
    const build = done.builds.find((b: any) => b.builderName === 'builder-impatient' && b.name === 'gcc-slow-10.0');
    expect(build.error).toBe("no result within 2 s (the builder's timeout)");
    expect(new Date(build.finishedAt).getTime() - new Date(build.startedAt).getTime()).toBeLessThan(30_000);
    expect(execFileSync('ps', ['-eo', 'args']).toString()).not.toMatch(/sleep 120\.4242/);
  }, 90_000);

  it('the CLI discovers a chain and prints the trust report, exiting 4 while not everything is reproduced', () => {
    const env = { ...process.env, NIX_CONFIG, LOG_LEVEL: 'silent', DATABASE_URL: String(t.config.values.DATABASE_URL), NIXSEC_BOOT_CHAIN_EVAL_STORE: path.join(dir, 'eval-store'), NIXSEC_DATA_DIR: path.join(dir, 'data') };
    const main = path.join(__dirname, '..', '..', 'server', 'dist', 'main.js');
    const discover = spawnSync(process.execPath, [main, 'boot-chain', 'discover', CHAIN, '--revision', 'd15c0'.padEnd(40, '2'), '--system', SYSTEM, '--attr', 'stdenv'], { env, encoding: 'utf8' });
    expect(discover.stderr).toBe('');
    expect(discover.status).toBe(0);
    expect(discover.stdout).toMatch(/^target \d+: stdenv on .* at d15c0/m);
    expect(discover.stdout).toMatch(/^8 derivations \(2 fixed-output\)/m);
    const report = spawnSync(process.execPath, [main, 'boot-chain', 'report', 'd15c0', '--system', SYSTEM, '--attr', 'stdenv'], { env, encoding: 'utf8' });
    expect(report.status).toBe(4);
    expect(report.stdout).toMatch(/traces back to the seed, but only \d+ of its 8 outputs were reproduced/);
    expect(report.stdout).toMatch(/^tinycc +1 +0 +nondeterministic$/m);
    expect(report.stdout).toMatch(/^weakest link: musl-source-1\.2\.5 \(musl\): fod_mismatch$/m);
    const json = spawnSync(process.execPath, [main, 'boot-chain', 'report', 'd15c0', '--system', SYSTEM, '--attr', 'stdenv', '--json'], { env, encoding: 'utf8' });
    expect(JSON.parse(json.stdout)).toMatchObject({ seedAnchored: true, outputs: 8 });
  });
});
