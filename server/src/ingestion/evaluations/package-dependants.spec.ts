import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { EvaluationImporter } from './evaluation-importer';
import { PackageDependants } from './package-dependants';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const unstable = { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' };

type Line = { attr: string; attrPath: string[]; system: string; drvPath: string; inputDrvs: Record<string, string[]> };

async function* iterate(lines: string[]) {
  yield* lines;
}

/**
 * The hand-made channel (test/fixtures/linkage/db) and the real-derived sample, with dependencies
 * MADE UP by this test (the fixtures have none): every Linux derivation of the sample depends on
 * curl of its system, and `curlAlias` is a second attribute of curl's x86_64-linux derivation.
 */
function lines(options: { dropX86Dependants?: number } = {}): string[] {
  const channel = readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')).map((t) => JSON.parse(t) as Line);
  const curl = (system: string) => channel.find((l) => l.attr === `curl.${system}`)!.drvPath;
  let dropped = 0;
  const sample = readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))
    .map((t) => JSON.parse(t) as Line)
    .filter((l) => !(l.system === 'x86_64-linux' && dropped++ < (options.dropX86Dependants ?? 0)))
    .map((l) => (l.system.endsWith('-linux') ? { ...l, inputDrvs: { [curl(l.system)]: ['out'] } } : l));
  const alias = { ...channel.find((l) => l.attr === 'curl.x86_64-linux')!, attr: 'curlAlias.x86_64-linux', attrPath: ['curlAlias', 'x86_64-linux'] };
  return [...channel, alias, ...sample].map((l) => JSON.stringify(l));
}

const count = (lineSet: string[], system: string) => lineSet.map((t) => JSON.parse(t) as Line).filter((l) => l.system === system && Object.keys(l.inputDrvs).length > 0).length;

describe('PackageDependants: reverse dependency counts per evaluation import', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const countsOf = async () => {
    const [channel] = await new PackageDependants(pool).read();
    return { channel: channel.channel, byAttr: Object.fromEntries(channel.attrs.map((a, i) => [a, channel.counts[i]])) };
  };

  it('an import counts, per package, the derivations that list it among their direct inputs (the system where most do)', async () => {
    const first = lines();
    const x86 = count(first, 'x86_64-linux');
    const arm = count(first, 'aarch64-linux');
    expect(x86).toBeGreaterThan(arm); // so the figure tells which system was counted
    const summary = await new EvaluationImporter(pool).import(unstable, 'a'.repeat(40), iterate(first), { source: 'test' });
    expect(summary.dependants).toMatchObject({ packages: 2 });
    // curl and its alias are one derivation; nothing else has dependants.
    expect(await countsOf()).toEqual({ channel: 'nixos-unstable', byAttr: { curl: x86, curlAlias: x86 } });
  });

  it('the next import recounts from what the channel contains then', async () => {
    const second = lines({ dropX86Dependants: 30 });
    await new EvaluationImporter(pool).import(unstable, 'b'.repeat(40), iterate(second), { source: 'test' });
    const x86 = count(second, 'x86_64-linux');
    const arm = count(second, 'aarch64-linux');
    expect(x86).toBeLessThan(arm);
    expect((await countsOf()).byAttr).toEqual({ curl: arm, curlAlias: x86 });
  });

  it('reads an attribute name with a line break in it intact (made up: Nix allows one when quoted)', async () => {
    await pool.query(`UPDATE package_dependants SET attrs = attrs || E'odd\\nname'::text, counts = counts || 7`);
    expect((await countsOf()).byAttr).toMatchObject({ 'odd\nname': 7, curl: expect.any(Number) });
  });

  it('the version changes with every recount, so a warm linker re-reads the figures', async () => {
    const store = new PackageDependants(pool);
    const before = await store.version();
    const [{ id }] = (await pool.query<{ id: number }>(`SELECT max(id) AS id FROM evaluation WHERE status = 'completed'`)).rows;
    await store.refresh('nixos-unstable', id);
    expect(await store.version()).not.toBe(before);
  });
});
