/**
 * The normalised shape of one CVE as seen by one source. The CVE List (MITRE, JSON 5) and the NVD
 * API 2.0 are stored side by side: ingesting a source replaces only what that source said before.
 */
export type CveSource = 'cve-list' | 'nvd';

export type CveState = 'PUBLISHED' | 'REJECTED';

export interface NormalizedCve {
  id: string; // CVE-YYYY-NNNN…, upper case
  source: CveSource;
  state: CveState;
  assignerOrgId: string | null;
  assignerShortName: string | null;
  dateReserved: Date | null;
  datePublished: Date | null;
  dateUpdated: Date | null; // CVE List dateUpdated; NVD lastModified
  title: string | null; // CNA title (CVE List only)
  description: string | null; // English description of the CNA (or NVD); rejected reason for REJECTED
  nvdStatus: string | null; // NVD vulnStatus ("Analyzed", "Rejected", …); null for the CVE List
  containers: NormalizedContainer[];
}

export type ContainerKind = 'cna' | 'adp' | 'nvd';

export interface NormalizedContainer {
  ordinal: number; // 0 = CNA (or the single NVD container), 1.. = ADPs in record order
  kind: ContainerKind;
  providerOrgId: string | null;
  providerShortName: string | null;
  title: string | null;
  descriptions: { lang: string; value: string }[];
  affected: NormalizedAffected[];
  references: { url: string; name: string | null; tags: string[] }[];
  problemTypes: { cweId: string | null; description: string; lang: string }[];
  metrics: NormalizedMetric[];
  /** NVD configurations flattened to cpeMatch rows (NVD container only). */
  cpeMatches: NormalizedCpeMatch[];
}

export interface NormalizedAffected {
  ordinal: number;
  vendor: string | null;
  product: string | null;
  packageName: string | null;
  collectionUrl: string | null;
  repo: string | null;
  platforms: string[];
  cpes: string[];
  modules: string[];
  defaultStatus: 'affected' | 'unaffected' | 'unknown' | null;
  versions: NormalizedVersion[];
}

export interface NormalizedVersion {
  ordinal: number;
  version: string;
  lessThan: string | null;
  lessThanOrEqual: string | null;
  status: 'affected' | 'unaffected' | 'unknown';
  versionType: string | null;
  changes: { at: string; status: string }[];
}

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export interface NormalizedMetric {
  cvssVersion: CvssVersion;
  vector: string; // as published (CVSS:3.1/AV:N/…; v2 without prefix)
  baseScore: number; // computed by the CVSS library from the vector
  severity: 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  /** Who scored it: the container's provider, or for NVD the metric's `source` (e.g. nvd@nist.gov). */
  scoredBy: string | null;
  /** NVD's Primary/Secondary; null for CVE List metrics. */
  type: string | null;
}

export interface NormalizedCpeMatch {
  configuration: number; // index of the configuration in cve.configurations
  node: number; // index of the node within the configuration
  operator: 'OR' | 'AND';
  negate: boolean;
  criteria: string; // cpe:2.3:…
  matchCriteriaId: string | null;
  vulnerable: boolean;
  versionStartIncluding: string | null;
  versionStartExcluding: string | null;
  versionEndIncluding: string | null;
  versionEndExcluding: string | null;
}

/**
 * Why a record was refused. `reason` is a stable code (stored in quarantine, counted in run
 * summaries); the message names the record and says what is wrong.
 */
export type RecordRejectionReason =
  | 'malformed-json'
  | 'wrong-schema'
  | 'missing-id'
  | 'bad-id'
  | 'bad-date'
  | 'oversized'
  | 'truncated'
  | 'http-error';

export class RecordRejectedError extends Error {
  constructor(
    readonly reason: RecordRejectionReason,
    readonly recordKey: string,
    detail: string,
  ) {
    super(`${recordKey}: ${detail}`);
    this.name = 'RecordRejectedError';
  }
}
