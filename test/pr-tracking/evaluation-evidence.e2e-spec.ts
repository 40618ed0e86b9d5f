import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { query } from '../auth/support';
import { startWorld, World } from '../advisories/support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id packages { attr attrs } } }`;
const FIX_STATUS = `query ($id: ID!) { advisory(id: $id) { fixStatus { channel state pr since evidence evaluation attr version } } }`;

const lines = () =>
  [path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl'), path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl')].flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean));

/** The same channel content with `attr` at another version (a new derivation, as a real bump makes). */
function bumped(all: string[], attr: string, version: string): string[] {
  return all.map((line) => {
    const drv = JSON.parse(line);
    if (drv.attrPath?.[0] !== attr) return line;
    const name = `${drv.meta.pname}-${version}`;
    const hash = (drv.drvPath as string).slice(11, 43).split('').reverse().join('');
    return JSON.stringify({ ...drv, name, drvPath: `/nix/store/${hash}-${name}.drv`, outputs: { out: `/nix/store/${hash}-${name}` }, meta: { ...drv.meta, name, version } });
  });
}

async function* iterate(items: string[]) {
  yield* items;
}

/** A channel is fixed when its latest evaluation ships the package only at versions outside the affected range, PR or not. */
describe('PR tracking: fix status from evaluations', () => {
  let w: World;
  const evaluate = async (revision: string, content: string[]) => {
    await new EvaluationImporter(pgPool(w.t.app.get(DataSource))).import({ name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, revision.repeat(40), iterate(content), { source: 'test' });
    const [{ id }] = await query(w.t, `SELECT id FROM evaluation WHERE channel = 'nixos-unstable' AND status = 'completed' ORDER BY id DESC LIMIT 1`);
    return Number(id);
  };
  const fixStatus = async (id: string) => {
    const res = await w.as.sam(FIX_STATUS, { id });
    expect(res.errors).toBeUndefined();
    return res.data.advisory.fixStatus;
  };

  beforeAll(async () => {
    w = await startWorld({ NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
  });
  afterAll(() => w?.close());

  it('openssl_1_1 at 1.1.1w keeps nixos-unstable not fixed; at 1.1.1zb the latest evaluation shows it fixed; a regression undoes it', async () => {
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId('CVE-2024-9143')] });
    expect(accepted.errors).toBeUndefined();
    const { id, packages } = accepted.data.acceptSuggestions;
    // openssl 3.5.1 and openssl_3 3.0.17 are past the fixed releases; openssl_1_1 1.1.1w is before 1.1.1zb.
    expect(packages.flatMap((p: { attrs: string[] }) => p.attrs)).toEqual(expect.arrayContaining(['openssl', 'openssl_3', 'openssl_1_1']));
    expect(await fixStatus(id)).toEqual([{ channel: 'nixos-unstable', state: 'not-fixed', pr: null, since: null, evidence: null, evaluation: null, attr: null, version: null }]);

    const fixed = await evaluate('b', bumped(lines(), 'openssl_1_1', '1.1.1zb'));
    const [{ finished }] = await query(w.t, `SELECT finished_at AS finished FROM evaluation WHERE id = $1`, [fixed]);
    expect(await fixStatus(id)).toEqual([
      { channel: 'nixos-unstable', state: 'fixed', pr: null, since: new Date(finished).toISOString(), evidence: 'evaluation', evaluation: fixed, attr: 'openssl', version: '3.5.1' },
    ]);

    // The next evaluation brings openssl_3 back into the affected range: not fixed any more.
    await evaluate('c', bumped(bumped(lines(), 'openssl_1_1', '1.1.1zb'), 'openssl_3', '3.0.15'));
    expect((await fixStatus(id))[0]).toMatchObject({ state: 'not-fixed', evidence: null });
  });
});
