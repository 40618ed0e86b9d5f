import type { CvssVersion, NormalizedContainer, NormalizedCve, NormalizedMetric } from '../normalized-cve';
import { requireCveId } from './cve-id';
import { englishOrFirst, languageTexts } from './language-text';
import { NormalizeContext, type NormalizationResult } from './normalize-context';
import { flattenNvdConfigurations } from './nvd-configurations';
import { cweIdOf, type NormalizedProblemType } from './problem-type';
import { isJsonObject, objectsIn, stringOrNull, stringsIn } from '../../raw-json';
import { scoredMetric } from './scored-metric';
import { optionalTimestamp } from './utc-timestamp';

// NVD also carries non-CVSS families (ssvcV203 in CVE-2024-3094): ignored.
const CVSS_METRIC_KEYS: [key: string, version: CvssVersion][] = [
  ['cvssMetricV2', '2.0'],
  ['cvssMetricV30', '3.0'],
  ['cvssMetricV31', '3.1'],
  ['cvssMetricV40', '4.0'],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `cve` object of one NVD API 2.0 vulnerability (`vulnerabilities[].cve`, also the items of
 * the NVD 2.0 JSON feeds) as the source 'nvd': a single container, ordinal 0.
 */
export function normalizeNvdCve(raw: unknown, recordKey: string): NormalizedCve {
  return normalizeNvdCveWithWarnings(raw, recordKey).cve;
}

export function normalizeNvdCveWithWarnings(raw: unknown, recordKey: string): NormalizationResult {
  const ctx = new NormalizeContext(recordKey);
  if (!isJsonObject(raw)) {
    throw ctx.reject('wrong-schema', 'expected an NVD API 2.0 cve object (vulnerabilities[].cve), got no JSON object');
  }
  if (isJsonObject(raw.cve) || Array.isArray(raw.vulnerabilities)) {
    throw ctx.reject('wrong-schema', 'got a wrapper; pass the inner cve object of each vulnerabilities[] entry');
  }
  const id = requireCveId(raw.id, 'id', ctx);
  const datePublished = optionalTimestamp(raw.published, 'published', ctx);
  const dateUpdated = optionalTimestamp(raw.lastModified, 'lastModified', ctx);
  ctx.checkStringSizes(raw);
  ctx.checkListSize(raw.references, 'references');

  const nvdStatus = stringOrNull(raw.vulnStatus);
  const source = stringOrNull(raw.sourceIdentifier);
  const descriptions = languageTexts(raw.descriptions);
  const container: NormalizedContainer = {
    ordinal: 0,
    kind: 'nvd',
    providerOrgId: null,
    providerShortName: 'nvd',
    title: null,
    descriptions,
    affected: [],
    references: objectsIn(raw.references).flatMap((reference, index) => {
      const url = stringOrNull(reference.url);
      if (url === null) ctx.warn(`references[${index}]`, 'reference without a url dropped');
      return url === null ? [] : [{ url, name: null, tags: stringsIn(reference.tags) }];
    }),
    problemTypes: normalizeWeaknesses(raw.weaknesses),
    metrics: normalizeMetrics(raw.metrics, ctx),
    cpeMatches: flattenNvdConfigurations(raw.configurations, 'configurations', ctx),
  };
  return {
    cve: {
      id,
      source: 'nvd',
      state: nvdStatus === 'Rejected' ? 'REJECTED' : 'PUBLISHED',
      // sourceIdentifier is the assigner: a CNA's org UUID, or an e-mail such as secalert@redhat.com.
      assignerOrgId: source !== null && UUID.test(source) ? source : null,
      assignerShortName: source !== null && !UUID.test(source) ? source : null,
      dateReserved: null,
      datePublished,
      dateUpdated,
      title: null,
      description: englishOrFirst(descriptions),
      nvdStatus,
      containers: [container],
    },
    warnings: ctx.warnings,
  };
}

function normalizeWeaknesses(list: unknown): NormalizedProblemType[] {
  const byText = new Map<string, NormalizedProblemType>();
  // NVD repeats a CWE once per source (nvd@nist.gov, then the CNA); one row per text is enough.
  for (const weakness of objectsIn(list)) {
    for (const { lang, value } of languageTexts(weakness.description)) {
      const key = `${lang}\n${value}`;
      if (!byText.has(key)) byText.set(key, { cweId: cweIdOf(undefined, value), description: value, lang });
    }
  }
  return [...byText.values()];
}

function normalizeMetrics(metrics: unknown, ctx: NormalizeContext): NormalizedMetric[] {
  if (!isJsonObject(metrics)) return [];
  return CVSS_METRIC_KEYS.flatMap(([key, version]) =>
    objectsIn(metrics[key]).flatMap((metric, index) => {
      const source = { scoredBy: stringOrNull(metric.source), type: stringOrNull(metric.type) };
      const scored = scoredMetric(version, metric.cvssData, source, `metrics.${key}[${index}].cvssData`, ctx);
      return scored ? [scored] : [];
    }),
  );
}
