import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { copyRows } from '../../database/copy-rows';
import { EvaluationErrorLine, NormalizedDerivation, NormalizedMaintainer } from '../nixpkgs/normalized-derivation';

export interface MemberRow {
  attr: string;
  packageAttr: string;
  drvPath: string;
  metaSha256: Buffer;
  lineSha256: Buffer;
}

const maintainerKey = (m: NormalizedMaintainer) => (m.githubId !== null ? `id:${m.githubId}` : `gh:${(m.github ?? '').toLowerCase()}`);

/** The meta block of a derivation as stored once per distinct content. */
export function metaOf(d: NormalizedDerivation) {
  return {
    description: d.description,
    longDescription: d.longDescription,
    homepages: d.homepages,
    licenses: d.licenses,
    knownVulnerabilities: d.knownVulnerabilities,
    position: d.position,
    broken: d.broken,
    insecure: d.insecure,
    unfree: d.unfree,
    unsupported: d.unsupported,
    mainProgram: d.mainProgram,
    cpe: d.cpe,
    teams: d.teams,
    maintainers: d.maintainers,
    extraMeta: d.extraMeta,
  };
}

export function metaSha256(d: NormalizedDerivation): Buffer {
  return createHash('sha256').update(JSON.stringify(metaOf(d))).digest();
}

/** Every query of evaluation imports. Writes are set-based (unnest / COPY). */
export class EvaluationStore {
  constructor(private readonly pool: Pool) {}

  /** Attributes of the channel's latest completed evaluation, with the hash of the line that made them. */
  async currentMembers(channel: string): Promise<Map<string, Buffer>> {
    const { rows } = await this.pool.query<{ attr: string; line_sha256: Buffer }>(
      `SELECT m.attr, m.line_sha256 FROM channel_member m JOIN evaluation e ON e.id = m.first_evaluation_id
       WHERE m.channel = $1 AND m.last_evaluation_id IS NULL AND e.status = 'completed'`,
      [channel],
    );
    return new Map(rows.map((r) => [r.attr, r.line_sha256]));
  }

  async upsertMaintainers(client: PoolClient, maintainers: NormalizedMaintainer[]): Promise<Map<string, number>> {
    const unique = [...new Map(maintainers.map((m) => [maintainerKey(m), m])).values()];
    const withId = unique.filter((m) => m.githubId !== null);
    const handleOnly = unique.filter((m) => m.githubId === null && m.github);
    if (withId.length) {
      await client.query(
        `INSERT INTO maintainer (github_id, github, name, email)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (github_id) DO UPDATE SET github = EXCLUDED.github, name = EXCLUDED.name, email = EXCLUDED.email,
           updated_at = now()
         WHERE (maintainer.github, maintainer.name, maintainer.email) IS DISTINCT FROM (EXCLUDED.github, EXCLUDED.name, EXCLUDED.email)`,
        [withId.map((m) => m.githubId), withId.map((m) => m.github), withId.map((m) => m.name), withId.map((m) => m.email)],
      );
    }
    if (handleOnly.length) {
      await client.query(
        `INSERT INTO maintainer (github, name, email)
         SELECT DISTINCT ON (lower(g)) g, n, e FROM unnest($1::text[], $2::text[], $3::text[]) AS x(g, n, e)
         ON CONFLICT (lower(github)) WHERE github_id IS NULL DO NOTHING`,
        [handleOnly.map((m) => m.github), handleOnly.map((m) => m.name), handleOnly.map((m) => m.email)],
      );
    }
    const { rows } = await client.query<{ id: number; github_id: string | null; github: string | null }>(
      `SELECT id, github_id, github FROM maintainer WHERE github_id = ANY($1::bigint[]) OR (github_id IS NULL AND lower(github) = ANY($2))`,
      [withId.map((m) => m.githubId), handleOnly.map((m) => m.github!.toLowerCase())],
    );
    return new Map(rows.map((r) => [r.github_id !== null ? `id:${r.github_id}` : `gh:${(r.github ?? '').toLowerCase()}`, r.id]));
  }

  /** Stores derivations and meta blocks not seen before; returns how many were new. */
  async storeDerivations(client: PoolClient, derivations: NormalizedDerivation[]): Promise<{ newDerivations: number; newMeta: number }> {
    const maintainerIds = await this.upsertMaintainers(client, derivations.flatMap((d) => d.maintainers));
    const metas = new Map(derivations.map((d) => [metaSha256(d).toString('hex'), d]));
    const metaResult = await client.query(
      `INSERT INTO derivation_meta (sha256, description, long_description, homepages, licenses, known_vulnerabilities,
         position_file, position_line, broken, insecure, unfree, unsupported, main_program, cpe, teams, maintainer_ids, extra_meta)
       SELECT decode(x->>'sha', 'hex'), x->>'description', x->>'longDescription',
              ARRAY(SELECT jsonb_array_elements_text(x->'homepages')), ARRAY(SELECT jsonb_array_elements_text(x->'licenses')),
              ARRAY(SELECT jsonb_array_elements_text(x->'knownVulnerabilities')), x->>'positionFile', (x->>'positionLine')::int,
              (x->>'broken')::boolean, (x->>'insecure')::boolean, (x->>'unfree')::boolean, (x->>'unsupported')::boolean,
              x->>'mainProgram', x->>'cpe', ARRAY(SELECT jsonb_array_elements_text(x->'teams')),
              ARRAY(SELECT jsonb_array_elements_text(x->'maintainerIds')::int), x->'extraMeta'
       FROM jsonb_array_elements($1::jsonb) x
       ON CONFLICT (sha256) DO NOTHING`,
      [
        JSON.stringify(
          [...metas].map(([sha, d]) => ({
            sha,
            ...metaOf(d),
            positionFile: d.position?.file ?? null,
            positionLine: d.position?.line ?? null,
            maintainerIds: [...new Set(d.maintainers.map((m) => maintainerIds.get(maintainerKey(m))).filter((id) => id !== undefined))],
          })),
        ),
      ],
    );
    const unique = [...new Map(derivations.map((d) => [d.drvPath, d])).values()];
    const drvResult = await client.query(
      `INSERT INTO derivation (drv_path, name, pname, version, system, outputs, input_drv_paths)
       SELECT x->>'drvPath', x->>'name', x->>'pname', x->>'version', x->>'system', x->'outputs',
              ARRAY(SELECT jsonb_array_elements_text(x->'inputDrvs'))
       FROM jsonb_array_elements($1::jsonb) x
       ON CONFLICT (drv_path) DO NOTHING`,
      [JSON.stringify(unique.map((d) => ({ drvPath: d.drvPath, name: d.name, pname: d.pname, version: d.version, system: d.system, outputs: d.outputs, inputDrvs: d.inputDrvs })))],
    );
    return { newDerivations: drvResult.rowCount ?? 0, newMeta: metaResult.rowCount ?? 0 };
  }

  /** Adds member rows of an evaluation in progress (invisible until the evaluation completes). */
  async addMembers(client: PoolClient, channel: string, evaluationId: number, members: MemberRow[]): Promise<void> {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS incoming_member (attr text, package_attr text, drv_path text, meta_sha256 bytea, line_sha256 bytea) ON COMMIT DELETE ROWS`);
    await copyRows(client, 'incoming_member', ['attr', 'package_attr', 'drv_path', 'meta_sha256', 'line_sha256'],
      members.map((m) => [m.attr, m.packageAttr, m.drvPath, m.metaSha256, m.lineSha256]));
    await client.query(
      `INSERT INTO channel_member (channel, attr, package_attr, derivation_id, meta_id, line_sha256, first_evaluation_id)
       SELECT $1, i.attr, i.package_attr, d.id, m.id, i.line_sha256, $2
       FROM incoming_member i JOIN derivation d ON d.drv_path = i.drv_path JOIN derivation_meta m ON m.sha256 = i.meta_sha256
       ON CONFLICT (channel, attr, first_evaluation_id) DO UPDATE SET derivation_id = EXCLUDED.derivation_id,
         meta_id = EXCLUDED.meta_id, line_sha256 = EXCLUDED.line_sha256, package_attr = EXCLUDED.package_attr`,
      [channel, evaluationId],
    );
  }

  async addErrors(client: PoolClient, evaluationId: number, errors: EvaluationErrorLine[]): Promise<void> {
    if (!errors.length) return;
    await client.query(
      `INSERT INTO evaluation_error (evaluation_id, attr, error) SELECT $1, * FROM unnest($2::text[], $3::text[])
       ON CONFLICT (evaluation_id, attr) DO UPDATE SET error = EXCLUDED.error`,
      [evaluationId, errors.map((e) => e.attr), errors.map((e) => e.error)],
    );
  }

  async inTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
