import { Pool } from 'pg';
import { CveRecordsReader, StoredCve } from '../ingestion/cve/cve-records.reader';
import { CurrentPackagesReader } from '../ingestion/evaluations/current-packages.reader';
import { PackageDependants } from '../ingestion/evaluations/package-dependants';
import { withTransaction } from '../database/transaction';
import { loadCommonWords } from './matcher/common-words';
import { linkableCve } from './matcher/linkable-cve';
import { BUILT_IN_RULES, MappingRules } from './matcher/mapping-rules';
import { ALGORITHM_VERSION, CveMatch, matchCve, MatcherContext } from './matcher/matcher';
import { nameKey, squashKey } from './matcher/names';
import { lookupKeysOf, PackageIndex, PackageRecord } from './matcher/package-index';
import { PackagePopularity } from './matcher/package-popularity';
import { ProductVendors } from './matcher/product-vendors';
import { MappingRuleStore } from './store/mapping-rule.store';
import { LinkedCve, writeLinks } from './store/suggestion-writer';

const BATCH = 500;
const YIELD_EVERY_MS = 5;
// Past this share of changed packages, re-linking everything is cheaper than looking up who is affected.
const FULL_RELINK_SHARE = 0.2;

export interface LinkProgress {
  phase: 'evaluations' | 'cves';
  done: number;
  total: number | null;
}

export interface LinkSummary {
  linked: number;
  suggested: number;
  withdrawn: number;
  evaluationsFollowed: number;
  fullRelink: boolean;
}

/**
 * Links CVEs to the packages the channels ship now, incrementally: a CVE is (re-)linked when it is
 * new, changed since it was last linked, linked by an older algorithm version, or could match a
 * package that a newly completed evaluation added, removed or changed.
 */
export class Linker {
  private readonly cves: CveRecordsReader;
  private readonly packages: CurrentPackagesReader;
  private readonly rules: MappingRuleStore;
  private readonly dependants: PackageDependants;
  private cached: { version: string; popularity: string; context: MatcherContext } | null = null;

  constructor(private readonly pool: Pool) {
    this.cves = new CveRecordsReader(pool);
    this.packages = new CurrentPackagesReader(pool);
    this.rules = new MappingRuleStore(pool);
    this.dependants = new PackageDependants(pool);
  }

  /**
   * The matcher's view of the package set and rules, rebuilt only when either changed; the
   * popularity figures are re-read alone when only they changed (counted just after an evaluation completed).
   */
  async context(options: { refreshVendors?: boolean } = {}): Promise<MatcherContext> {
    const packages = await this.packages.version();
    const version = `${packages}#${await this.rules.version()}`;
    const popularity = await this.dependants.version();
    if (this.cached?.version === version && !options.refreshVendors) {
      if (this.cached.popularity !== popularity) {
        this.cached = { version, popularity, context: { ...this.cached.context, popularity: await this.readPopularity() } };
      }
      return this.cached.context;
    }
    const index = this.cached ? await this.updatedIndex(this.cached.version.split('#')[0], packages, this.cached.context.index) : null;
    const known = this.cached?.popularity === popularity ? this.cached.context.popularity : undefined;
    const context = await this.buildContext(index ?? new PackageIndex(foldChannels(await this.packages.read())), known);
    this.cached = { version, popularity, context };
    return context;
  }

  private async readPopularity(): Promise<PackagePopularity> {
    const popularity = new PackagePopularity();
    for (const channel of await this.dependants.read()) popularity.add(channel.channel, channel.attrs, channel.counts);
    return popularity;
  }

  /**
   * The cached index brought up to date with the evaluations completed since it was built, attribute
   * by attribute; null when a rebuild is cheaper (or needed).
   */
  private async updatedIndex(builtAt: string, now: string, index: PackageIndex): Promise<PackageIndex | null> {
    if (builtAt === now) return index;
    if (builtAt === '') return null;
    const changed = new Set<string>();
    for (const { id } of await this.packages.completedAfter(builtAt)) for (const attr of await this.packages.changedAttrs(id)) changed.add(attr);
    if (changed.size > FULL_RELINK_SHARE * Math.max(index.size, 1)) return null;
    index.update(changed, foldChannels(await this.packages.read([...changed])));
    return index;
  }

  private async buildContext(index: PackageIndex, popularity?: PackagePopularity): Promise<MatcherContext> {
    const curated = (await this.rules.list()).map((r) => ({ ...r, id: r.id }));
    const productVendors = new ProductVendors();
    for (const [vendor, product] of await this.cves.vendorProducts()) productVendors.add(vendor, product);
    return {
      index, rules: new MappingRules([...curated, ...BUILT_IN_RULES]), productVendors, commonWords: await loadCommonWords(), popularity: popularity ?? (await this.readPopularity()),
    };
  }

  /** Links exactly these CVEs now (a new or updated CVE links just itself). */
  async linkIds(ids: readonly string[], context?: MatcherContext): Promise<{ matches: CveMatch[]; suggested: number; withdrawn: number }> {
    const ctx = context ?? (await this.context());
    const linked = await matchYielding(await this.cves.read(ids), ctx);
    if (linked.length === 0) return { matches: [], suggested: 0, withdrawn: 0 };
    const written = await this.write(linked);
    return { matches: linked.map((l) => l.match), ...written };
  }

  private write(linked: LinkedCve[]): Promise<{ suggested: number; withdrawn: number }> {
    return withTransaction(this.pool, (client) => writeLinks(client, linked));
  }

  /**
   * Links batches of CVE ids as a pipeline: while one batch is matched (CPU, this process), the next
   * one is read and the previous one written (PostgreSQL) — run one after another, the database and
   * the matcher each sat idle half of a full link. Batches are written one at a time, in order.
   */
  private async linkBatches(
    batches: AsyncIterator<string[]>,
    ctx: MatcherContext,
    onWritten: (result: { linked: number; suggested: number; withdrawn: number }) => void,
  ): Promise<void> {
    const readNext = async (): Promise<Map<string, StoredCve> | null> => {
      const next = await batches.next();
      return next.done ? null : this.cves.read(next.value);
    };
    let reading = settledLater(readNext());
    let writing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const stored = await reading;
        if (stored === null) break;
        reading = settledLater(readNext());
        const linked = await matchYielding(stored, ctx);
        await writing;
        if (linked.length > 0) {
          writing = settledLater(this.write(linked).then((written) => onWritten({ linked: linked.length, ...written })));
        }
      }
    } finally {
      // Never leave a write running (nor its failure unobserved) past the call.
      await writing;
    }
  }

  /** Follows new evaluations, then links every CVE that is new, changed or linked by an older algorithm. */
  async run(onProgress: (p: LinkProgress) => void = () => undefined): Promise<LinkSummary> {
    const context = await this.context({ refreshVendors: true });
    const summary: LinkSummary = { linked: 0, suggested: 0, withdrawn: 0, evaluationsFollowed: 0, fullRelink: false };
    const followed = await this.followEvaluations(context, summary, onProgress);
    const total = await this.cves.count();
    await this.linkBatches(this.staleBatches(summary.fullRelink, total, onProgress), context, (result) => addTo(summary, result));
    if (followed !== null) await this.setCheckpoint('evaluation', followed);
    await this.followRuleChanges(summary);
    return summary;
  }

  /** Re-link every CVE (after an algorithm or rule change), in the same batches as `run`. */
  async relinkAll(onProgress?: (p: LinkProgress) => void): Promise<LinkSummary> {
    await this.pool.query(`UPDATE linkage_state SET algorithm_version = -1`);
    return this.run(onProgress);
  }

  private async followEvaluations(context: MatcherContext, summary: LinkSummary, onProgress: (p: LinkProgress) => void): Promise<string | null> {
    const evaluations = await this.packages.completedAfter(await this.checkpoint('evaluation'));
    if (evaluations.length === 0) return null;
    const changed = new Set<string>();
    for (const { id } of evaluations) for (const attr of await this.packages.changedAttrs(id)) changed.add(attr);
    summary.evaluationsFollowed = evaluations.length;
    if (changed.size > FULL_RELINK_SHARE * Math.max(context.index.size, 1)) {
      summary.fullRelink = true;
    } else if (changed.size > 0) {
      const keys = new Set<string>();
      for (const attr of changed) for (const pkg of context.index.byAttr(attr)) for (const key of lookupKeysOf(pkg)) keys.add(key);
      const result = await this.relinkMatching([...keys], [...changed], context, (done, total) => onProgress({ phase: 'evaluations', done, total }));
      summary.linked += result.linked;
      summary.suggested += result.suggested;
      summary.withdrawn += result.withdrawn;
    }
    return evaluations[evaluations.length - 1].stamp;
  }

  /**
   * Re-links the CVEs that were looked up by any of `keys` or whose suggestion includes any of
   * `attrs`: after packages changed, or a curated rule about a product was added or edited.
   */
  async relinkMatching(
    keys: string[],
    attrs: string[],
    context?: MatcherContext,
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<Pick<LinkSummary, 'linked' | 'suggested' | 'withdrawn'>> {
    const ctx = context ?? (await this.context());
    // Hash joins on the unnested arrays: `keys && $1` with thousands of keys compares every pair.
    const { rows } = await this.pool.query<{ cve_id: string }>(
      `SELECT l.cve_id FROM linkage_state l CROSS JOIN LATERAL unnest(l.keys) AS k(key) JOIN unnest($1::text[]) AS q(key) USING (key)
       UNION
       SELECT s.cve_id FROM suggestion s JOIN suggestion_package p ON p.suggestion_id = s.id
         CROSS JOIN LATERAL unnest(p.attrs) AS a(attr) JOIN unnest($2::text[]) AS q(attr) USING (attr)`,
      [keys, attrs],
    );
    const ids = rows.map((r) => r.cve_id).sort();
    const summary = { linked: 0, suggested: 0, withdrawn: 0 };
    let done = 0;
    const batches = (function* () {
      for (let i = 0; i < ids.length; i += BATCH) yield ids.slice(i, i + BATCH);
    })();
    await this.linkBatches(toAsync(batches), ctx, (result) => {
      addTo(summary, result);
      onProgress((done = Math.min(done + BATCH, ids.length)), ids.length);
    });
    return summary;
  }

  /** After a curated rule about `product` changed: the CVEs that name the product, or include a package the rule names. */
  relinkForRule(rule: { product: string; packages: string[] }): Promise<Pick<LinkSummary, 'linked' | 'suggested' | 'withdrawn'>> {
    const keys = [nameKey(rule.product), squashKey(rule.product), ...rule.packages.flatMap((p) => [nameKey(p), squashKey(p)])];
    return this.relinkMatching([...new Set(keys)], rule.packages);
  }

  /** The ids `run` links, a batch at a time: every CVE on a full re-link, else the stale ones. */
  private async *staleBatches(everything: boolean, total: number, onProgress: (p: LinkProgress) => void): AsyncGenerator<string[]> {
    let after = '';
    let done = 0;
    for (;;) {
      const page = await this.cves.page(after, 2000);
      if (page.length === 0) return;
      after = page[page.length - 1].id;
      const stale = everything ? page.map((p) => p.id) : await this.staleIds(page);
      for (let i = 0; i < stale.length; i += BATCH) yield stale.slice(i, i + BATCH);
      done += page.length;
      onProgress({ phase: 'cves', done, total });
    }
  }

  private async staleIds(page: { id: string; updatedAt: Date }[]): Promise<string[]> {
    const { rows } = await this.pool.query<{ cve_id: string; algorithm_version: number; cve_updated_at: Date }>(
      `SELECT cve_id, algorithm_version, cve_updated_at FROM linkage_state WHERE cve_id = ANY ($1)`,
      [page.map((p) => p.id)],
    );
    const state = new Map(rows.map((r) => [r.cve_id, r]));
    return page
      .filter((p) => {
        const s = state.get(p.id);
        return !s || s.algorithm_version !== ALGORITHM_VERSION || s.cve_updated_at.getTime() < p.updatedAt.getTime();
      })
      .map((p) => p.id);
  }

  private async checkpoint(name: 'evaluation' | 'rules'): Promise<string> {
    return (await this.pool.query<{ value: string }>(`SELECT value FROM linkage_checkpoint WHERE name = $1`, [name])).rows[0]?.value ?? '';
  }

  private async setCheckpoint(name: 'evaluation' | 'rules', value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO linkage_checkpoint (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [name, value],
    );
  }

  /** Curated rules changed since the last run (by anyone, through any path): re-link what each change concerns. */
  private async followRuleChanges(summary: LinkSummary): Promise<void> {
    const after = Number((await this.checkpoint('rules')) || 0);
    const changes = await this.rules.changesAfter(after);
    for (const change of changes) {
      const result = await this.relinkForRule(change.rule);
      summary.linked += result.linked;
      summary.suggested += result.suggested;
      summary.withdrawn += result.withdrawn;
    }
    if (changes.length > 0) await this.setCheckpoint('rules', changes[changes.length - 1].logId);
  }
}

/**
 * Matches the CVEs read, handing the event loop back every few milliseconds: a batch takes a few hundred
 * milliseconds to match, and each statement of the write running meanwhile waited that long for
 * its reply to be read — the write, not the matcher, then set the pace of a full link.
 */
async function matchYielding(stored: Map<string, StoredCve>, ctx: MatcherContext): Promise<LinkedCve[]> {
  const linked: LinkedCve[] = [];
  let since = performance.now();
  for (const cve of stored.values()) {
    linked.push({ match: matchCve(linkableCve(cve.records, cve.tags), ctx), cveUpdatedAt: cve.updatedAt });
    if (performance.now() - since > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  return linked;
}

function addTo(summary: Pick<LinkSummary, 'linked' | 'suggested' | 'withdrawn'>, result: { linked: number; suggested: number; withdrawn: number }): void {
  summary.linked += result.linked;
  summary.suggested += result.suggested;
  summary.withdrawn += result.withdrawn;
}

/** The same promise, marked as handled until awaited: a pipeline stage may fail while another is awaited. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** Current rows are one per (channel, attribute); the matcher wants one record per attribute with its versions per channel. */
export function foldChannels(rows: Awaited<ReturnType<CurrentPackagesReader['read']>>): PackageRecord[] {
  const byAttr = new Map<string, PackageRecord>();
  for (const row of rows) {
    const record = byAttr.get(row.attr);
    if (record) {
      record.versions.push({ channel: row.channel, version: row.version });
      continue;
    }
    byAttr.set(row.attr, {
      attr: row.attr, pname: row.pname, description: row.description, homepages: row.homepages, cpe: row.cpe,
      knownVulnerabilities: row.knownVulnerabilities, maintainers: row.maintainers, versions: [{ channel: row.channel, version: row.version }],
    });
  }
  return [...byAttr.values()];
}
