import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { CveListIngester } from '../ingestion/cve-list/cve-list.ingester';
import { EvaluationImporter } from '../ingestion/evaluations/evaluation-importer';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { Linker } from './linker';
import { popularityFactor } from './matcher/package-popularity';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };
const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
type Line = { attr: string; system: string; drvPath: string; inputDrvs: Record<string, string[]> };

async function* iterate(lines: string[]) {
  yield* lines;
}

/**
 * The hand-made channel and the real-derived sample; with `dependants`, every x86_64-linux
 * derivation of the sample depends on openssl_1_1 — MADE UP by this test (the fixtures have no inputDrvs).
 */
function channelLines(dependants: boolean): { lines: string[]; users: number } {
  const channel = readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl'));
  const openssl = (JSON.parse(channel.find((t) => t.includes('"openssl_1_1.x86_64-linux"'))!) as Line).drvPath;
  let users = 0;
  const sample = readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl')).map((text) => {
    const line = JSON.parse(text) as Line;
    if (!dependants || line.system !== 'x86_64-linux') return text;
    users++;
    // A new input is a new derivation: another drvPath, as Nix would give.
    return JSON.stringify({ ...line, drvPath: line.drvPath.replace(/\/nix\/store\/./, '/nix/store/0'), inputDrvs: { [openssl]: ['out'] } });
  });
  return { lines: [...channel, ...sample], users };
}

const stored = async (pool: Pool, cveId: string) =>
  (await pool.query<{ score: number; notes: string[] }>(`SELECT score, explanation->'notes' AS notes FROM suggestion WHERE cve_id = $1`, [cveId])).rows[0];

describe('Linker: package popularity in the relevance score', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-popularity-'));
    fs.copyFileSync(path.join(FIXTURES, 'cve', 'CVE-2024-9143.json'), path.join(dir, 'CVE-2024-9143.json'));
    await new CveListIngester(pool).ingest(dir);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('a warm linker reads the counts of each new import, and the CVE of a package many derivations use ranks higher, saying why', async () => {
    const linker = new Linker(pool);
    await new EvaluationImporter(pool).import(unstable, 'a'.repeat(40), iterate(channelLines(false).lines), { source: 'test' });
    await linker.run();
    const leaf = await stored(pool, 'CVE-2024-9143');
    expect(leaf.notes.filter((n) => n.includes('used by'))).toEqual([]);

    // The next evaluation adds dependants of openssl_1_1 (OpenSSL 1.1.1w: affected by CVE-2024-9143).
    const { lines, users } = channelLines(true);
    await new EvaluationImporter(pool).import(unstable, 'b'.repeat(40), iterate(lines), { source: 'test' });
    await linker.relinkAll();
    const popular = await stored(pool, 'CVE-2024-9143');
    expect(popular.notes).toContain(`openssl_1_1 is used by ${users} derivations in nixos-unstable (direct dependants): relevance ×${popularityFactor(users).toFixed(2)}`);
    expect(popular.score / leaf.score).toBeCloseTo(popularityFactor(users), 2);

    // Counts recounted after the linker last looked (as when it read the packages between an evaluation's
    // completion and the recount): made-up figures, the same package set.
    await pool.query(`UPDATE package_dependants SET counts = array_fill(5000, ARRAY[cardinality(attrs)]), computed_at = now()`);
    await linker.linkIds(['CVE-2024-9143']);
    expect((await stored(pool, 'CVE-2024-9143')).notes).toContain('openssl_1_1 is used by 5,000 derivations in nixos-unstable (direct dependants): relevance ×1.28');
  });
});
