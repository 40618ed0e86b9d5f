import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { PrFixEvidence1732408300000 } from '../../migrations/src/1732408300000-pr-fix-evidence';
import { pgPool } from '../../server/src/database/pg-pool';
import { EvaluationEvents } from '../../server/src/ingestion/evaluations/evaluation-events';
import { EvaluationImporter } from '../../server/src/ingestion/evaluations/evaluation-importer';
import { EVALUATION_FIXES_JOB, PrTrackingJobs } from '../../server/src/pr-tracking/pr-tracking.jobs';
import { query } from '../auth/support';
import { REPOSITORY, startWorld, World } from '../advisories/support';
import { FakeNixpkgs } from './support';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const NOTIFICATIONS = `{ notifications(first: 100) { edges { node { kind subjectId message } } } }`;
const SUBSCRIBE = `mutation ($type: String!, $target: String!) { subscribe(targetType: $type, target: $target) { target } }`;
const ACCEPT = `mutation ($ids: [ID!]!) { acceptSuggestions(ids: $ids) { id version } }`;
const PUBLISH = `mutation ($id: ID!, $version: Int!) { publishAdvisory(id: $id, version: $version) { publicId } }`;

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

/**
 * A channel shown fixed by its latest evaluation (every attribute of the advisory at a version none
 * of its CVEs affects) is news like a PR landing on it: told once per advisory and channel, however
 * the fix was first seen, and never as old news after an upgrade.
 */
describe('PR tracking: a fix shown by an evaluation is announced once', () => {
  let w: World;
  let nixpkgs: FakeNixpkgs;
  let revision = 0;
  const sync = () => w.t.app.get(PrTrackingJobs).run();
  const announce = () => w.t.app.get(PrTrackingJobs).announceEvaluationFixes();
  /** An evaluation of nixos-unstable completes; returns its id. */
  const evaluate = async (content: string[]) => {
    const summary = await new EvaluationImporter(pgPool(w.t.app.get(DataSource))).import(
      { name: 'nixos-unstable', release: 'unstable', variant: 'nixos' },
      (++revision).toString(16).padStart(40, 'e'),
      iterate(content),
      { source: 'test' },
    );
    expect(summary.status).toBe('completed');
    return summary.evaluationId;
  };
  const fixNews = async (login: 'tina' | 'thillux') => {
    const res = await w.as[login](NOTIFICATIONS);
    expect(res.errors).toBeUndefined();
    return (res.data.notifications.edges as Array<{ node: { kind: string; subjectId: string; message: string } }>).map((e) => e.node).filter((n) => n.kind === 'advisory.fix-landed');
  };
  const publish = async (cveId: string): Promise<{ id: string; publicId: string }> => {
    const accepted = await w.as.sam(ACCEPT, { ids: [await w.suggestionId(cveId)] });
    expect(accepted.errors).toBeUndefined();
    const published = await w.as.sam(PUBLISH, accepted.data.acceptSuggestions);
    expect(published.errors).toBeUndefined();
    return { id: accepted.data.acceptSuggestions.id, publicId: published.data.publishAdvisory.publicId };
  };
  const land = (number: number, message: string) => {
    const merge = nixpkgs.mergePull(number, 'master', message);
    w.fake.github.addPull(REPOSITORY, { number, base: 'master', title: message, state: 'closed', merged_at: new Date().toISOString(), merge_commit_sha: merge });
    nixpkgs.setBranch('nixos-unstable', 'master');
  };

  beforeAll(async () => {
    nixpkgs = new FakeNixpkgs();
    nixpkgs.branch('nixos-unstable');
    w = await startWorld({ NIXSEC_NIXPKGS_REMOTE: nixpkgs.dir, NIXSEC_DATA_DIR: path.join(nixpkgs.root, 'data'), NIXSEC_PR_SYNC_CRON: 'off', NIXSEC_NOTIFY_CRON: 'off' });
    expect((await w.as.tina(SUBSCRIBE, { type: 'channel', target: 'nixos-unstable' })).errors).toBeUndefined();
  });
  afterAll(async () => {
    await w?.close();
    nixpkgs?.remove();
  });

  let openssl: { id: string; publicId: string };

  it('an evaluation completing queues the announcement; the evaluation that ships openssl outside the range tells the channel’s followers, once', async () => {
    openssl = await publish('CVE-2024-9143');
    // The world's evaluation ships openssl_1_1 1.1.1w, inside the affected range: no news.
    const first = await announce();
    expect(first).toMatchObject({ evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0 });
    expect(first.evaluationsFollowed).toBeGreaterThanOrEqual(1);
    expect(await fixNews('tina')).toEqual([]);

    const fixed = await evaluate(bumped(lines(), 'openssl_1_1', '1.1.1zb'));
    await w.t.app.get(EvaluationEvents).completed({ channel: 'nixos-unstable', evaluationId: fixed });
    expect(await query(w.t, `SELECT name FROM pgboss.job WHERE name = $1 AND state = 'created'`, [EVALUATION_FIXES_JOB])).toEqual([{ name: EVALUATION_FIXES_JOB }]);

    const summary = await announce();
    expect(summary).toMatchObject({ evaluationsFollowed: 1, evaluationFixesAnnounced: 1 });
    expect(summary.evaluationNotificationsCreated).toBeGreaterThanOrEqual(2);
    const lead = `The fix for ${openssl.publicId} (openssl) reached nixos-unstable: its evaluation ${fixed} ships openssl 3.5.1`;
    expect(await fixNews('tina')).toEqual([{ kind: 'advisory.fix-landed', subjectId: openssl.id, message: `${lead} (you follow the channel nixos-unstable).` }]);
    expect(await fixNews('thillux')).toEqual([expect.objectContaining({ message: `${lead} (you are a maintainer named on the advisory).` })]);

    // Nothing new, then a regression and the fix again: already told.
    expect(await announce()).toMatchObject({ evaluationsFollowed: 0, evaluationFixesAnnounced: 0 });
    await evaluate(bumped(bumped(lines(), 'openssl_1_1', '1.1.1zb'), 'openssl_3', '3.0.15'));
    await evaluate(bumped(lines(), 'openssl_1_1', '1.1.1zc'));
    expect(await announce()).toMatchObject({ evaluationsFollowed: 2, evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0 });
    expect(await fixNews('tina')).toHaveLength(1);
  });

  it('a PR landing after the evaluation showed the fix marks the channel fixed but tells no one twice', async () => {
    land(601, 'openssl: apply upstream patch for CVE-2024-9143');
    expect(await sync()).toMatchObject({ advisoryLinksAdded: 1, channelsFixed: 1, fixesAnnounced: 0, notificationsCreated: 0 });
    expect(await fixNews('tina')).toHaveLength(1);
  });

  it('a PR landing first, then the evaluation evidence: told once, by the PR', async () => {
    // curl 8.14.1 is past CVE-2023-38545 already; its advisory is published after the channel was last evaluated.
    const curl = await publish('CVE-2023-38545');
    land(602, 'curl: 8.3.0 -> 8.4.0\n\nFixes CVE-2023-38545.');
    expect(await sync()).toMatchObject({ fixesAnnounced: 1, evaluationFixesAnnounced: 0 });
    await evaluate(lines());
    expect(await announce()).toMatchObject({ evaluationsFollowed: 1, evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0 });
    const tina = (await fixNews('tina')).filter((n) => n.subjectId === curl.id);
    expect(tina.map((n) => n.message)).toEqual([`The fix for ${curl.publicId} (curl) reached nixos-unstable: ${REPOSITORY}#602 (you follow the channel nixos-unstable).`]);
  });

  it('after an upgrade, evidence that was there before is recorded as told, not announced', async () => {
    // Before the upgrade: nixos-unstable ships openssl outside the range again, and no record says it was told
    // (the migration's down removes the evaluation records, as a version without them had none).
    const fixed = await evaluate(bumped(lines(), 'openssl_1_1', '1.1.1zd'));
    const runner = w.t.app.get(DataSource).createQueryRunner();
    try {
      const migration = new PrFixEvidence1732408300000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await query(w.t, `SELECT channel FROM pr_fix_notification WHERE advisory_id = $1`, [openssl.id])).toEqual([]);
    expect(await announce()).toMatchObject({ evaluationFixesAlreadyKnown: 1, evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0 });
    expect(await query(w.t, `SELECT channel, evaluation_id AS "evaluationId" FROM pr_fix_notification WHERE advisory_id = $1`, [openssl.id])).toEqual([
      { channel: 'nixos-unstable', evaluationId: fixed },
    ]);
    await evaluate(bumped(lines(), 'openssl_1_1', '1.1.1ze'));
    expect(await announce()).toMatchObject({ evaluationsFollowed: 1, evaluationFixesAnnounced: 0, evaluationNotificationsCreated: 0 });
    expect(await fixNews('tina')).toHaveLength(2);
  });
});
