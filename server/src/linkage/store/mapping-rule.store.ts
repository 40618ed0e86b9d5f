import { Pool } from 'pg';
import { ActivityLog } from '../../activity/activity-log';
import { withTransaction } from '../../database/transaction';
import type { MappingRule } from '../matcher/mapping-rules';

export interface MappingRuleInput {
  vendor: string | null;
  product: string;
  action: 'map' | 'never';
  packages: string[];
  note: string;
}

export interface StoredMappingRule extends MappingRule {
  id: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export class MappingRuleError extends Error {}

/** The security team's curated mapping rules; every change is written to the activity log with it. */
export class MappingRuleStore {
  private readonly activity: ActivityLog;

  constructor(private readonly pool: Pool) {
    this.activity = new ActivityLog(pool);
  }

  async list(): Promise<StoredMappingRule[]> {
    const { rows } = await this.pool.query(
      `SELECT id, vendor, product, action, packages, note, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM mapping_rule ORDER BY lower(product), lower(coalesce(vendor, '')), action`,
    );
    return rows as StoredMappingRule[];
  }

  /** Changes whenever a rule is added, edited or removed. */
  async version(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string }>(`SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS v FROM mapping_rule`);
    const log = await this.pool.query<{ v: string }>(`SELECT coalesce(max(id), 0)::text AS v FROM activity_log WHERE subject_type = 'mapping-rule'`);
    return `${rows[0].v}:${log.rows[0].v}`;
  }

  /**
   * Rule changes logged after activity-log id `after`, oldest first, each with the products and
   * packages it concerned (before and after an edit), so the linker can re-link what they affect.
   */
  async changesAfter(after: number): Promise<{ logId: string; rule: { product: string; packages: string[] } }[]> {
    const { rows } = await this.pool.query<{ id: string; details: Record<string, MappingRuleInput | undefined> & Partial<MappingRuleInput> }>(
      `SELECT id::text, details FROM activity_log WHERE subject_type = 'mapping-rule' AND id > $1 ORDER BY id`,
      [after],
    );
    return rows.map(({ id, details }) => {
      const forms = [details.before, details.after, details.product ? (details as MappingRuleInput) : undefined].filter((f): f is MappingRuleInput => !!f);
      return { logId: id, rule: { product: forms[0]?.product ?? '', packages: forms.flatMap((f) => [...f.packages, f.product]) } };
    });
  }

  async create(input: MappingRuleInput, actor: string): Promise<StoredMappingRule> {
    const rule = validate(input);
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query(
        `INSERT INTO mapping_rule (vendor, product, action, packages, note, created_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING
         RETURNING id, vendor, product, action, packages, note, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`,
        [rule.vendor, rule.product, rule.action, rule.packages, rule.note, actor],
      );
      if (rows.length === 0) {
        throw new MappingRuleError(`A "${rule.action}" rule for ${rule.vendor ?? '(any vendor)'}:${rule.product} already exists: edit that one instead`);
      }
      await this.activity.record(client, { actor, action: 'mapping-rule.created', subjectType: 'mapping-rule', subjectId: String(rows[0].id), details: { ...rule } });
      return rows[0] as StoredMappingRule;
    });
  }

  async update(id: number, input: MappingRuleInput, actor: string): Promise<StoredMappingRule> {
    const rule = validate(input);
    return withTransaction(this.pool, async (client) => {
      const before = await client.query(`SELECT vendor, product, action, packages, note FROM mapping_rule WHERE id = $1 FOR UPDATE`, [id]);
      if (before.rows.length === 0) throw new MappingRuleError(`Mapping rule #${id} does not exist`);
      const clash = await client.query(
        `SELECT id FROM mapping_rule WHERE id <> $1 AND lower(coalesce(vendor, '')) = lower(coalesce($2::text, '')) AND lower(product) = lower($3) AND action = $4`,
        [id, rule.vendor, rule.product, rule.action],
      );
      if (clash.rows.length > 0) {
        throw new MappingRuleError(`A "${rule.action}" rule for ${rule.vendor ?? '(any vendor)'}:${rule.product} already exists (#${clash.rows[0].id}): edit that one instead`);
      }
      const { rows } = await client.query(
        `UPDATE mapping_rule SET vendor = $2, product = $3, action = $4, packages = $5, note = $6, updated_at = now() WHERE id = $1
         RETURNING id, vendor, product, action, packages, note, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`,
        [id, rule.vendor, rule.product, rule.action, rule.packages, rule.note],
      );
      await this.activity.record(client, { actor, action: 'mapping-rule.updated', subjectType: 'mapping-rule', subjectId: String(id), details: { before: before.rows[0], after: rule } });
      return rows[0] as StoredMappingRule;
    });
  }

  async remove(id: number, actor: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query(`DELETE FROM mapping_rule WHERE id = $1 RETURNING vendor, product, action, packages, note`, [id]);
      if (rows.length === 0) throw new MappingRuleError(`Mapping rule #${id} does not exist`);
      await this.activity.record(client, { actor, action: 'mapping-rule.deleted', subjectType: 'mapping-rule', subjectId: String(id), details: { before: rows[0] } });
    });
  }
}

function validate(input: MappingRuleInput): MappingRuleInput {
  const product = input.product.trim();
  const vendor = input.vendor?.trim() || null;
  const packages = [...new Set(input.packages.map((p) => p.trim()).filter(Boolean))];
  if (!product) throw new MappingRuleError('A mapping rule needs a product (as the CVE or its CPE names it)');
  if (input.action !== 'map' && input.action !== 'never') {
    throw new MappingRuleError(`action "${String(input.action)}": expected "map" (the product is these packages) or "never" (it is never them)`);
  }
  if (input.action === 'map' && packages.length === 0) {
    throw new MappingRuleError(`A "map" rule for ${product} needs at least one package name or attribute`);
  }
  if (!input.note.trim()) throw new MappingRuleError('Say why in the note: it is shown in every match explanation the rule produces');
  return { vendor, product, action: input.action, packages, note: input.note.trim() };
}
