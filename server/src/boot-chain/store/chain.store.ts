import { Pool } from 'pg';
import { withTransaction } from '../../database/transaction';
import { BootStage } from '../discovery/stage-rules';

export interface ChainNodeRecord {
  drvPath: string;
  name: string;
  pname: string;
  version: string | null;
  system: string;
  builder: string;
  stage: BootStage;
  prebuilt: boolean;
  fixedOutput: boolean;
  depth: number;
  outputs: { name: string; path: string; expectedHash: string | null; expectedHashMode: string | null }[];
  inputDrvs: string[];
}

export interface TargetRow {
  id: number;
  revision: string;
  system: string;
  attr: string;
  rootDrvPath: string;
  discoveredAt: Date;
  nodes: number;
}

export interface TargetNodeRow {
  drvPath: string;
  name: string;
  pname: string;
  version: string | null;
  stage: BootStage;
  prebuilt: boolean;
  fixedOutput: boolean;
  depth: number;
  inputDrvs: string[];
  outputs: { name: string; path: string; expectedHash: string | null; expectedHashMode: string | null }[];
}

const TARGET_COLUMNS = `t.id, t.revision, t.system, t.attr, t.root_drv_path AS "rootDrvPath", t.discovered_at AS "discoveredAt",
  (SELECT count(*)::int FROM boot_chain_target_node n WHERE n.target_id = t.id) AS nodes`;

/** Derivations, edges and targets. A derivation is stored once, whatever number of targets share it. */
export class ChainStore {
  constructor(readonly pool: Pool) {}

  /** Idempotent: re-discovering a target replaces its node list and leaves shared derivations alone. */
  async saveTarget(target: { revision: string; system: string; attr: string; rootDrvPath: string }, nodes: ChainNodeRecord[]): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO boot_chain_derivation (drv_path, name, pname, version, system, builder, stage, prebuilt, fixed_output)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::boolean[])
         ON CONFLICT (drv_path) DO UPDATE SET stage = EXCLUDED.stage, prebuilt = EXCLUDED.prebuilt`,
        [
          nodes.map((n) => n.drvPath), nodes.map((n) => n.name), nodes.map((n) => n.pname), nodes.map((n) => n.version),
          nodes.map((n) => n.system), nodes.map((n) => n.builder), nodes.map((n) => n.stage), nodes.map((n) => n.prebuilt), nodes.map((n) => n.fixedOutput),
        ],
      );
      const outputs = nodes.flatMap((n) => n.outputs.map((o) => ({ drv: n.drvPath, ...o })));
      await client.query(
        `INSERT INTO boot_chain_output (drv_path, output_name, output_path, expected_hash, expected_hash_mode)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
        [outputs.map((o) => o.drv), outputs.map((o) => o.name), outputs.map((o) => o.path), outputs.map((o) => o.expectedHash), outputs.map((o) => o.expectedHashMode)],
      );
      const edges = nodes.flatMap((n) => n.inputDrvs.map((input) => [n.drvPath, input]));
      await client.query(
        `INSERT INTO boot_chain_edge (drv_path, input_drv_path) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
        [edges.map((e) => e[0]), edges.map((e) => e[1])],
      );
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO boot_chain_target (revision, system, attr, root_drv_path) VALUES ($1, $2, $3, $4)
         ON CONFLICT (revision, system, attr) DO UPDATE SET root_drv_path = EXCLUDED.root_drv_path, discovered_at = now()
         RETURNING id`,
        [target.revision, target.system, target.attr, target.rootDrvPath],
      );
      const id = rows[0].id;
      await client.query(`DELETE FROM boot_chain_target_node WHERE target_id = $1`, [id]);
      await client.query(
        `INSERT INTO boot_chain_target_node (target_id, drv_path, depth) SELECT $1, * FROM unnest($2::text[], $3::int[])`,
        [id, nodes.map((n) => n.drvPath), nodes.map((n) => n.depth)],
      );
      return id;
    });
  }

  async targets(): Promise<TargetRow[]> {
    const { rows } = await this.pool.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM boot_chain_target t ORDER BY t.discovered_at DESC, t.id DESC`);
    return rows;
  }

  async target(id: number): Promise<TargetRow | null> {
    const { rows } = await this.pool.query<TargetRow>(`SELECT ${TARGET_COLUMNS} FROM boot_chain_target t WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findTarget(revision: string, system: string, attr: string): Promise<TargetRow | null> {
    const { rows } = await this.pool.query<TargetRow>(
      `SELECT ${TARGET_COLUMNS} FROM boot_chain_target t WHERE (t.revision = $1 OR t.revision LIKE $1 || '%') AND t.system = $2 AND t.attr = $3
       ORDER BY t.discovered_at DESC LIMIT 1`,
      [revision, system, attr],
    );
    return rows[0] ?? null;
  }

  async outputs(drvPath: string): Promise<{ name: string; path: string }[]> {
    const { rows } = await this.pool.query<{ name: string; path: string }>(
      `SELECT output_name AS name, output_path AS path FROM boot_chain_output WHERE drv_path = $1 ORDER BY output_name`,
      [drvPath],
    );
    return rows;
  }

  async nodes(targetId: number): Promise<TargetNodeRow[]> {
    const { rows } = await this.pool.query<TargetNodeRow>(
      `SELECT d.drv_path AS "drvPath", d.name, d.pname, d.version, d.stage, d.prebuilt, d.fixed_output AS "fixedOutput", n.depth,
              COALESCE((SELECT array_agg(e.input_drv_path ORDER BY e.input_drv_path) FROM boot_chain_edge e WHERE e.drv_path = d.drv_path), '{}') AS "inputDrvs",
              (SELECT json_agg(json_build_object('name', o.output_name, 'path', o.output_path, 'expectedHash', o.expected_hash, 'expectedHashMode', o.expected_hash_mode) ORDER BY o.output_name)
                 FROM boot_chain_output o WHERE o.drv_path = d.drv_path) AS outputs
         FROM boot_chain_target_node n JOIN boot_chain_derivation d USING (drv_path)
        WHERE n.target_id = $1
        ORDER BY n.depth, d.name, d.drv_path`,
      [targetId],
    );
    return rows;
  }
}
