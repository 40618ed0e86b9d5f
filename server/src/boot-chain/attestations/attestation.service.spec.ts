import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { importFromBinaryCache } from '../builders/binary-cache-import';
import { AttestationStore } from '../store/attestation.store';
import { BuilderInput, BuilderRow, BuilderStore } from '../store/builder.store';
import { AttestationService, hashToken } from './attestation.service';
import { nixFingerprint } from './nix-signature';

const DRV = `/nix/store/${'d'.repeat(32)}-mes-0.25.drv`;
const OUT = `/nix/store/${'a'.repeat(32)}-mes-0.25`;
const DEP = `/nix/store/${'b'.repeat(32)}-kaem-minimal-1.6.0`;
const NAR_HASH = 'sha256-sqq+3GUKsFEzmjKupTf5JztrF2/DN0Q920WXbTuFM8g=';
const OTHER_HASH = 'sha256-6ooDw4UzLj8jjvwZvvDMdUUDLy/bhGbc44SqLiSocaU=';
const FACTS = { path: OUT, narHash: NAR_HASH, narSize: 1234, references: [DEP, OUT] };

/** An Ed25519 key pair in Nix's `name:base64` form, and signatures as Nix makes them. */
function nixKey(name: string): { publicKey: string; sign: (facts: typeof FACTS) => string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const signWith = (key: KeyObject) => (facts: typeof FACTS) => `${name}:${sign(null, Buffer.from(nixFingerprint(facts)), key).toString('base64')}`;
  return { publicKey: `${name}:${raw.toString('base64')}`, sign: signWith(privateKey) };
}

describe('unverifiable submissions are checked once size and references are known', () => {
  let db: TestDatabase;
  let pool: Pool;
  let builders: BuilderStore;
  let attestations: AttestationStore;
  let service: AttestationService;
  let server: http.Server;
  let cacheUrl: string;
  let narinfo = '';
  const alice = nixKey('alice-1');
  const cache = nixKey('cache-1');

  /** Each builder's submission token is its name. */
  const register = async (name: string, input: Partial<BuilderInput>): Promise<BuilderRow> =>
    (await builders.upsert({ name, kind: 'external', operator: null, host: {}, nixVersion: null, publicKey: null, storeUri: null, sshKeyFile: null, url: null,
      maxConcurrent: 1, timeoutSeconds: 60, systems: [], enabled: true, ...input }, hashToken(name))).row;
  /** lila's hook body for an output of DRV; the digest picks the output path. */
  const submit = (builder: string, entry: Record<string, unknown>, digest = 'a'.repeat(32)) =>
    service.submit(builder, DRV.slice(11, -4), [{ output_digest: digest, output_name: 'mes-0.25', output_hash: NAR_HASH, ...entry }]);
  const claimOf = async (builder: string, path = OUT) => (await attestations.forOutputPaths([path])).find((a) => a.builderName === builder);

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url });
    builders = new BuilderStore(pool);
    attestations = new AttestationStore(pool);
    service = new AttestationService(attestations, builders);
    server = http.createServer((_req, res) => void res.writeHead(narinfo ? 200 : 404, { 'Content-Type': 'text/x-nix-narinfo' }).end(narinfo));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cacheUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await pool?.end();
    await db?.drop();
  });

  it('a binary-cache narinfo of the same content makes a waiting claim valid; a forged one invalid', async () => {
    await register('alice', { publicKey: alice.publicKey });
    const forger = nixKey('mallory-1');
    await register('mallory', { publicKey: forger.publicKey });
    expect((await submit('alice', { output_sig: alice.sign(FACTS) })).accepted[0]).toMatchObject({ signature: 'unverifiable', counts: false });
    // mallory signs a claim with other references than the content really has.
    expect((await submit('mallory', { output_sig: forger.sign({ ...FACTS, references: [OUT] }) })).accepted[0].signature).toBe('unverifiable');

    const cacheBuilder = await register('cache', { kind: 'binary-cache', url: cacheUrl, publicKey: cache.publicKey });
    narinfo = [`StorePath: ${OUT}`, `URL: nar/x.nar`, 'Compression: none', `NarHash: ${NAR_HASH}`, `NarSize: ${FACTS.narSize}`,
      `References: ${FACTS.references.map((r) => r.slice(11)).sort().join(' ')}`, `Sig: ${cache.sign(FACTS)}`, ''].join('\n');
    const imported = await importFromBinaryCache(cacheBuilder, cacheUrl, [{ drvPath: DRV, name: 'out', path: OUT }], service);
    expect(imported).toMatchObject({ found: 1, invalidSignatures: 0, errors: [] });

    expect(await claimOf('cache')).toMatchObject({ signatureStatus: 'valid' });
    expect(await claimOf('alice')).toMatchObject({ signatureStatus: 'valid', narSize: FACTS.narSize, references: [...FACTS.references].sort() });
    expect(await claimOf('mallory')).toMatchObject({ signatureStatus: 'invalid' });
  });

  it('a claim of other content does not complete it, a complete submission of the same content does', async () => {
    const bob = nixKey('bob-1');
    await register('bob', { publicKey: bob.publicKey });
    const digest = 'c'.repeat(32);
    const other = `/nix/store/${digest}-mes-0.25`;
    const otherFacts = { ...FACTS, path: other };
    expect((await submit('bob', { output_sig: bob.sign(otherFacts) }, digest)).accepted[0].signature).toBe('unverifiable');
    // Same path, another NAR hash: its size and references say nothing about bob's content.
    const carol = nixKey('carol-1');
    await register('carol', { publicKey: carol.publicKey });
    const complete = { output_size: FACTS.narSize, output_references: FACTS.references };
    await submit('carol', { output_hash: OTHER_HASH, output_sig: carol.sign({ ...otherFacts, narHash: OTHER_HASH }), ...complete }, digest);
    expect(await claimOf('bob', other)).toMatchObject({ signatureStatus: 'unverifiable', narSize: null });
    // Carol again, now with the content bob built, size and references included: bob's claim is checked.
    await submit('carol', { output_sig: carol.sign(otherFacts), ...complete }, digest);
    expect(await claimOf('carol', other)).toMatchObject({ signatureStatus: 'valid' });
    expect(await claimOf('bob', other)).toMatchObject({ signatureStatus: 'valid', narSize: 1234 });
  });
});
