/** Formatting shared by the advisory page, the drafts list and the draft editor. */
import type { Shown } from '../suggestions/linkage-format';

const STATES: Record<string, Shown> = {
  draft: { label: 'Draft', tone: 'busy' },
  published: { label: 'Published', tone: 'bad' },
  archived: { label: 'Archived', tone: 'neutral' },
};

export function advisoryState(value: string): Shown {
  return STATES[value] ?? { label: value, tone: 'neutral' };
}

export const ADVISORY_STATES = ['draft', 'published', 'archived'] as const;
export type AdvisoryState = (typeof ADVISORY_STATES)[number];

export function isAdvisoryState(value: unknown): value is AdvisoryState {
  return typeof value === 'string' && (ADVISORY_STATES as readonly string[]).includes(value);
}

/** The per-channel statuses the server accepts, in the order the editor offers them. */
export const CHANNEL_STATUSES = [
  { value: 'affected', label: 'Affected', tone: 'bad' },
  { value: 'fixed', label: 'Fixed', tone: 'good' },
  { value: 'not-affected', label: 'Not affected', tone: 'good' },
  { value: 'unknown', label: 'Unknown', tone: 'busy' },
] as const;

export function channelStatus(value: string): Shown {
  const known = CHANNEL_STATUSES.find((status) => status.value === value);
  return known ? { label: known.label, tone: known.tone } : { label: value, tone: 'neutral' };
}

/** '' means "no override: from CVSS". */
export const SEVERITY_OVERRIDES = [
  { value: '', label: 'From CVSS (no override)' },
  { value: 'none', label: 'None' },
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
] as const;

export function severityOverride(value: string): Shown {
  const label = SEVERITY_OVERRIDES.find((option) => option.value === value)?.label ?? value;
  return { label, tone: value === 'high' || value === 'critical' ? 'bad' : value === 'medium' ? 'busy' : 'neutral' };
}

/** Where a CVE is described: NVD, cve.org and nixsec's own page. */
export function cveLinks(cveId: string): { label: string; href: string; internal: boolean }[] {
  const id = encodeURIComponent(cveId);
  return [
    { label: 'NVD', href: `https://nvd.nist.gov/vuln/detail/${id}`, internal: false },
    { label: 'cve.org', href: `https://www.cve.org/CVERecord?id=${id}`, internal: false },
    { label: 'nixsec', href: `/cve/${id}`, internal: true },
  ];
}

/** A draft opens in the editor; a published or archived advisory on its public page. */
export function advisoryPath(advisory: { id: string; publicId?: string | null; state: string }): string {
  return advisory.state === 'draft' || !advisory.publicId ? `/advisories/${advisory.id}/edit` : `/advisories/${advisory.publicId}`;
}

/** "2024-10-16 14:03 UTC": timestamps in one unambiguous form. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const FIX_STATES: Record<string, Shown> = {
  fixed: { label: 'Fixed', tone: 'good' },
  'fix-pending': { label: 'Fix pending', tone: 'busy' },
  'not-fixed': { label: 'Not fixed', tone: 'bad' },
};

/** A channel's fix status from the linked pull requests and evaluations: fixed, fix-pending or not-fixed. */
export function fixState(value: string): Shown {
  return FIX_STATES[value] ?? { label: value, tone: 'neutral' };
}
