import type { NormalizedContainer } from '../normalized-cve';

export type NormalizedProblemType = NormalizedContainer['problemTypes'][number];

const CWE_ID = /^CWE-\d+$/i;
// Many CNAs leave cweId out and write "CWE-79 Improper Neutralization…" or "…(CWE-79)" instead.
const CWE_IN_TEXT = /\bCWE-(\d+)\b/i;

/** The CWE id of a problem type: its `cweId` when well-formed, else one named in the description. */
export function cweIdOf(cweId: unknown, description: string): string | null {
  if (typeof cweId === 'string' && CWE_ID.test(cweId.trim())) return cweId.trim().toUpperCase();
  const named = CWE_IN_TEXT.exec(description);
  return named ? `CWE-${named[1]}` : null;
}
