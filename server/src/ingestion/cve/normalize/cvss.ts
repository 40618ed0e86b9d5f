import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import type { CvssVersion, NormalizedMetric } from '../normalized-cve';

export type CvssSeverity = NormalizedMetric['severity'];

export interface CvssScore {
  baseScore: number;
  severity: CvssSeverity;
}

export class InvalidCvssVectorError extends Error {
  constructor(
    readonly version: CvssVersion,
    readonly vector: string,
    detail: string,
  ) {
    super(`invalid CVSS ${version} vector '${vector}': ${detail}`);
    this.name = 'InvalidCvssVectorError';
  }
}

// v2 vectors carry no version prefix (neither in CVE JSON 5 nor in NVD); v3+ must name their version.
const PREFIX: Record<CvssVersion, string | null> = {
  '2.0': null,
  '3.0': 'CVSS:3.0/',
  '3.1': 'CVSS:3.1/',
  '4.0': 'CVSS:4.0/',
};

/**
 * Base score and qualitative severity of a CVSS vector, computed by ae-cvss-calculator (the
 * published `baseScore` of a record is never trusted). Throws InvalidCvssVectorError when the
 * vector is not a complete, well-formed vector of that version.
 */
export function parseCvss(version: CvssVersion, vector: string): CvssScore {
  const invalid = (detail: string) => new InvalidCvssVectorError(version, vector, detail);
  const prefix = PREFIX[version];
  if (prefix === undefined) throw invalid('unsupported CVSS version');
  if (prefix === null && vector.startsWith('CVSS:')) throw invalid('CVSS 2.0 vectors have no CVSS: prefix');
  if (prefix !== null && !vector.startsWith(prefix)) throw invalid(`must start with ${prefix}`);
  const problem = componentProblem(vector.slice(prefix?.length ?? 0));
  if (problem) throw invalid(problem);

  // The library is lenient (it accepts a CVSS:3.0 prefix in a 3.1 vector, lets a repeated metric
  // overwrite the first, scores an incomplete vector as 0), hence the checks above and below.
  let scored: { complete: boolean; baseScore: number | undefined };
  try {
    scored = scoreWithLibrary(version, vector);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  if (!scored.complete) throw invalid('base metrics incomplete');
  if (scored.baseScore === undefined || !Number.isFinite(scored.baseScore)) throw invalid('no base score');
  return { baseScore: scored.baseScore, severity: cvssSeverity(version, scored.baseScore) };
}

/** The qualitative rating of a base score on the scale of its CVSS version. */
export function cvssSeverity(version: CvssVersion, score: number): CvssSeverity {
  if (version === '2.0') {
    // CVSS v2 has no NONE or CRITICAL band (NVD's v2 ranges).
    if (score < 4) return 'LOW';
    return score < 7 ? 'MEDIUM' : 'HIGH';
  }
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  return score < 9 ? 'HIGH' : 'CRITICAL';
}

function componentProblem(body: string): string | null {
  const seen = new Set<string>();
  for (const part of body.split('/')) {
    const match = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part);
    if (!match) return `malformed component '${part}'`;
    if (seen.has(match[1])) return `metric ${match[1]} given twice`;
    seen.add(match[1]);
  }
  return null;
}

function scoreWithLibrary(version: CvssVersion, vector: string): { complete: boolean; baseScore: number | undefined } {
  switch (version) {
    case '2.0': {
      const cvss = new Cvss2(vector);
      return { complete: cvss.isBaseFullyDefined(), baseScore: cvss.calculateScores().base };
    }
    case '3.0': {
      const cvss = new Cvss3P0(vector);
      return { complete: cvss.isBaseFullyDefined(), baseScore: cvss.calculateScores().base };
    }
    case '3.1': {
      const cvss = new Cvss3P1(vector);
      return { complete: cvss.isBaseFullyDefined(), baseScore: cvss.calculateScores().base };
    }
    case '4.0': {
      // CVSS 4.0 has one score, labelled CVSS-B/-BT/-BE/-BTE by the metrics it used; CNAs publish
      // it as baseScore (E:U lowers it), so take the library's `base`, not `baseMetricsOnly`.
      const cvss = new Cvss4P0(vector);
      return { complete: cvss.isBaseFullyDefined(), baseScore: cvss.calculateScores().base };
    }
  }
}
