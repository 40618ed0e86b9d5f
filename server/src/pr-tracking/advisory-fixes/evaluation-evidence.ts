import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { pgPool } from '../../database/pg-pool';
import { CveRecordsReader } from '../../ingestion/cve/cve-records.reader';
import { CurrentPackagesReader } from '../../ingestion/evaluations/current-packages.reader';
import { EvaluationQueryRepository } from '../../ingestion/evaluations/graphql/evaluation-query.repository';
import type { Evaluation } from '../../ingestion/evaluations/graphql/evaluation.model';
import { linkableCve } from '../../linkage/matcher/linkable-cve';
import { packageVersionVerdict } from '../../linkage/matcher/package-version-verdict';

/** A channel's latest evaluation ships the advisory's packages only at versions outside the affected ranges. */
export interface EvaluationEvidence {
  evaluationId: number;
  finishedAt: Date | null;
  /** The advisory's package named in the evidence (its main attribute when the channel has it) and its version there. */
  attr: string;
  version: string;
}

/**
 * Evidence from evaluations for the per-channel fix status: a channel is fixed, PR or not, when
 * every attribute of the advisory's packages that its latest completed evaluation ships is at a
 * version none of the advisory's CVEs affects (linkage's version comparison; a version it cannot
 * place, or a CVE without version data, is no evidence). Read through the ingestion module's
 * readers (current packages, CVE records, evaluations) and linkage's matcher functions.
 */
@Injectable()
export class EvaluationEvidenceReader {
  private readonly packages: CurrentPackagesReader;
  private readonly cves: CveRecordsReader;
  private readonly evaluations: EvaluationQueryRepository;

  constructor(
    dataSource: DataSource,
    private readonly advisories: AdvisoryQueryRepository,
  ) {
    this.packages = new CurrentPackagesReader(pgPool(dataSource));
    this.cves = new CveRecordsReader(pgPool(dataSource));
    this.evaluations = new EvaluationQueryRepository(dataSource);
  }

  /** Channel → evidence, for those of `channels` that have it. */
  async forAdvisory(id: number, channels: readonly string[]): Promise<Map<string, EvaluationEvidence>> {
    return (await this.forAdvisories(new Map([[id, channels]]))).get(id) ?? new Map();
  }

  /** The same for many advisories (advisory id → its channels) in a fixed number of queries. */
  async forAdvisories(channelsById: ReadonlyMap<number, readonly string[]>): Promise<Map<number, Map<string, EvaluationEvidence>>> {
    const out = new Map<number, Map<string, EvaluationEvidence>>();
    const ids = [...channelsById].filter(([, channels]) => channels.length > 0).map(([id]) => id);
    if (ids.length === 0) return out;
    const [packagesById, cveIdsById] = await Promise.all([this.advisories.packages(ids), this.advisories.cveIds(ids)]);
    const allAttrs = [...new Set(ids.flatMap((id) => (packagesById.get(id) ?? []).flatMap((p) => [p.attr, ...p.attrs])))];
    const allCveIds = [...new Set(ids.flatMap((id) => cveIdsById.get(id) ?? []))];
    if (allAttrs.length === 0 || allCveIds.length === 0) return out;
    const [rows, records] = await Promise.all([this.packages.read(allAttrs), this.cves.read(allCveIds)]);
    const cveById = new Map([...records].map(([cveId, c]) => [cveId, linkableCve(c.records, c.tags)]));
    const latestByChannel = new Map<string, Promise<Evaluation | undefined>>();
    const latest = (channel: string) => {
      if (!latestByChannel.has(channel)) {
        latestByChannel.set(channel, this.evaluations.evaluations(channel, 20).then((list) => list.find((e) => e.status === 'completed')));
      }
      return latestByChannel.get(channel)!;
    };

    for (const id of ids) {
      const packages = packagesById.get(id) ?? [];
      const attrs = new Set(packages.flatMap((p) => [p.attr, ...p.attrs]));
      const cves = (cveIdsById.get(id) ?? []).flatMap((cveId) => cveById.get(cveId) ?? []);
      if (attrs.size === 0 || cves.length === 0) continue;
      const main = new Set(packages.map((p) => p.attr));
      const evidence = new Map<string, EvaluationEvidence>();
      for (const channel of new Set(channelsById.get(id))) {
        const shipped = rows.filter((r) => r.channel === channel && attrs.has(r.attr));
        if (shipped.length === 0) continue;
        const fixed = shipped.every((row) => cves.every((cve) => packageVersionVerdict(cve, row, row.version).verdict === 'not-affected'));
        if (!fixed) continue;
        const evaluation = await latest(channel);
        if (!evaluation) continue;
        const named = shipped.find((r) => main.has(r.attr)) ?? shipped[0];
        evidence.set(channel, { evaluationId: Number(evaluation.id), finishedAt: evaluation.finishedAt, attr: named.attr, version: named.version });
      }
      if (evidence.size > 0) out.set(id, evidence);
    }
    return out;
  }
}
