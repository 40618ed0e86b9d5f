import type { NormalizedAffected, NormalizedCpeMatch, NormalizedCve } from '../../ingestion/cve/normalized-cve';

/** What the matcher reads of a CVE: every source's statements, merged into one value. */
export interface LinkableCve {
  id: string;
  state: 'PUBLISHED' | 'REJECTED';
  title: string | null;
  description: string | null;
  /** CVE 5 container tags and NVD cveTags, e.g. "exclusively-hosted-service", "disputed". */
  tags: string[];
  affected: LinkableAffected[];
  cpeMatches: NormalizedCpeMatch[];
  referenceUrls: string[];
  /** Highest CVSS base score any source gave, null when unscored. */
  cvss: number | null;
}

export interface LinkableAffected extends NormalizedAffected {
  /** "CNA", "ADP CISA-ADP", … — named in explanations. */
  container: string;
}

/** Merges one CVE's normalised records (CVE List and/or NVD) into the matcher's input. */
export function linkableCve(records: NormalizedCve[], tags: string[] = []): LinkableCve {
  const preferred = records.find((r) => r.source === 'cve-list') ?? records[0];
  const affected: LinkableAffected[] = [];
  const cpeMatches: NormalizedCpeMatch[] = [];
  const referenceUrls = new Set<string>();
  let cvss: number | null = null;
  for (const record of records) {
    for (const container of record.containers) {
      const name = container.kind === 'cna' ? 'CNA' : container.kind === 'nvd' ? 'NVD' : `ADP ${container.providerShortName ?? container.ordinal}`;
      for (const entry of container.affected) affected.push({ ...entry, container: name });
      cpeMatches.push(...container.cpeMatches);
      for (const reference of container.references) referenceUrls.add(reference.url);
      for (const metric of container.metrics) cvss = Math.max(cvss ?? 0, metric.baseScore);
    }
  }
  return {
    id: preferred.id,
    state: records.some((r) => r.state === 'REJECTED' && r.source === preferred.source) ? 'REJECTED' : preferred.state,
    title: preferred.title,
    description: preferred.description ?? records.find((r) => r.description)?.description ?? null,
    tags,
    affected,
    cpeMatches,
    referenceUrls: [...referenceUrls],
    cvss,
  };
}
