import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { pgPool } from '../../database/pg-pool';
import { CveRecordsReader } from '../../ingestion/cve/cve-records.reader';
import { CurrentPackagesReader } from '../../ingestion/evaluations/current-packages.reader';
import { EvaluationQueryRepository } from '../../ingestion/evaluations/graphql/evaluation-query.repository';
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
    const evidence = new Map<string, EvaluationEvidence>();
    if (channels.length === 0) return evidence;
    const packages = (await this.advisories.packages([id])).get(id) ?? [];
    const cveIds = (await this.advisories.cveIds([id])).get(id) ?? [];
    const attrs = [...new Set(packages.flatMap((p) => [p.attr, ...p.attrs]))];
    if (attrs.length === 0 || cveIds.length === 0) return evidence;
    const wanted = new Set(channels);
    const rows = (await this.packages.read(attrs)).filter((r) => wanted.has(r.channel));
    if (rows.length === 0) return evidence;
    const cves = [...(await this.cves.read(cveIds)).values()].map((c) => linkableCve(c.records, c.tags));
    if (cves.length === 0) return evidence;
    const main = new Set(packages.map((p) => p.attr));
    for (const channel of wanted) {
      const shipped = rows.filter((r) => r.channel === channel);
      if (shipped.length === 0) continue;
      const fixed = shipped.every((row) => cves.every((cve) => packageVersionVerdict(cve, row, row.version).verdict === 'not-affected'));
      if (!fixed) continue;
      const latest = (await this.evaluations.evaluations(channel, 20)).find((e) => e.status === 'completed');
      if (!latest) continue;
      const named = shipped.find((r) => main.has(r.attr)) ?? shipped[0];
      evidence.set(channel, { evaluationId: Number(latest.id), finishedAt: latest.finishedAt, attr: named.attr, version: named.version });
    }
    return evidence;
  }
}
