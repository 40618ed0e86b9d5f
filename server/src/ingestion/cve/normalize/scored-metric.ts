import type { CvssVersion, NormalizedMetric } from '../normalized-cve';
import { InvalidCvssVectorError, parseCvss } from './cvss';
import type { NormalizeContext } from './normalize-context';
import { isJsonObject, type JsonObject } from '../../raw-json';

export interface MetricSource {
  scoredBy: string | null;
  type: string | null;
}

/**
 * A CVSS object (`{vectorString, baseScore, …}` in both CVE JSON 5 and NVD's cvssData) scored from
 * its vector. An invalid or missing vector drops the metric with a warning, never the record.
 */
export function scoredMetric(
  version: CvssVersion,
  cvss: unknown,
  source: MetricSource,
  path: string,
  ctx: NormalizeContext,
): NormalizedMetric | null {
  const vector = isJsonObject(cvss) ? cvss.vectorString : undefined;
  if (typeof vector !== 'string') {
    ctx.warn(path, `CVSS ${version} metric without a vectorString dropped`);
    return null;
  }
  try {
    const { baseScore, severity } = parseCvss(version, vector);
    warnOnScoreMismatch(cvss as JsonObject, baseScore, path, ctx);
    return { cvssVersion: version, vector, baseScore, severity, ...source };
  } catch (error) {
    if (!(error instanceof InvalidCvssVectorError)) throw error;
    ctx.warn(path, `${error.message}; metric dropped`);
    return null;
  }
}

function warnOnScoreMismatch(cvss: JsonObject, computed: number, path: string, ctx: NormalizeContext): void {
  const published = cvss.baseScore;
  if (typeof published === 'number' && Math.abs(published - computed) > 0.05) {
    ctx.warn(path, `published baseScore ${published} differs from ${computed} computed from the vector; using ${computed}`);
  }
}
