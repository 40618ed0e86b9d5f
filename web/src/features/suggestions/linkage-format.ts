/** Formatting shared by every view of linkage results: the suggestion queue and the CVE page. */
import type { StatusTone } from '../../app/run-format';
import type { SuggestedPackageFieldsFragment } from '../../gql/graphql';

/** `neutral` for facts that are neither good nor bad news (a withdrawn suggestion, a low score). */
export type BadgeTone = StatusTone | 'neutral';

export interface Shown {
  label: string;
  tone: BadgeTone;
}

const VERDICTS: Record<string, Shown> = {
  affected: { label: 'Affected', tone: 'bad' },
  'not-affected': { label: 'Not affected', tone: 'good' },
  unknown: { label: 'Unknown', tone: 'busy' },
};

/** A version verdict (affected, not-affected, unknown); an unknown value is shown as-is. */
export function verdict(value: string): Shown {
  return VERDICTS[value] ?? { label: value, tone: 'neutral' };
}

const STATUSES: Record<string, Shown> = {
  pending: { label: 'Pending', tone: 'busy' },
  dismissed: { label: 'Dismissed', tone: 'neutral' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
};

export function suggestionStatus(value: string): Shown {
  return STATUSES[value] ?? { label: value, tone: 'neutral' };
}

/** The suggestion statuses a user can filter by, in the order the filter offers them. */
export const SUGGESTION_STATUSES = ['pending', 'dismissed', 'withdrawn'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

const DISMISSAL_REASONS: Record<string, string> = {
  'hardware-only': 'Hardware only',
  'exclusively-hosted-service': 'Exclusively hosted service',
  'known-vulnerability': 'Already in meta.knownVulnerabilities',
  'not-affected': 'No packaged version affected',
};

/** Why a suggestion was dismissed, in words; an unknown reason is shown as-is. */
export function dismissalReason(value: string): string {
  return DISMISSAL_REASONS[value] ?? value;
}

/** 0.9 → "90%". */
export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}

/** CVSS v3/v4 qualitative severity of a base score (v2 has no "Critical"; the highest score of any version is shown). */
export function severity(score: number): Shown {
  if (score >= 9) return { label: 'Critical', tone: 'bad' };
  if (score >= 7) return { label: 'High', tone: 'bad' };
  if (score >= 4) return { label: 'Medium', tone: 'busy' };
  if (score > 0) return { label: 'Low', tone: 'neutral' };
  return { label: 'None', tone: 'neutral' };
}

/** 9.8 → "9.8", 10 → "10.0". */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** The first sentence-ish stretch of a text, cut at a word boundary: for a description at a glance. */
export function excerpt(text: string, maxLength = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

export interface ChannelVersions {
  channel: string;
  /** Distinct versions in the channel with their verdict, newest-listed first as the links give them. */
  versions: { version: string; verdict: string }[];
}

const VERDICT_WEIGHT: Record<string, number> = { affected: 2, unknown: 1, 'not-affected': 0 };

/**
 * The per-channel view of a package's links: which versions each channel ships and whether they are
 * affected. When two attributes of one channel share a version with different verdicts, the worse
 * one is shown (affected over unknown over not affected).
 */
export function channelVersions(links: readonly Pick<SuggestedPackageFieldsFragment['links'][number], 'channel' | 'version' | 'verdict'>[]): ChannelVersions[] {
  const byChannel = new Map<string, Map<string, string>>();
  for (const link of links) {
    const versions = byChannel.get(link.channel) ?? new Map<string, string>();
    const known = versions.get(link.version);
    if (known === undefined || (VERDICT_WEIGHT[link.verdict] ?? 1) > (VERDICT_WEIGHT[known] ?? 1)) {
      versions.set(link.version, link.verdict);
    }
    byChannel.set(link.channel, versions);
  }
  return [...byChannel.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([channel, versions]) => ({ channel, versions: [...versions.entries()].map(([version, v]) => ({ version, verdict: v })) }));
}

/** "curl, curlMinimal and 3 more": a list kept short for a glance. */
export function shortList(items: readonly string[], shown = 4): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** A string usable in an id attribute (for aria-controls and aria-labelledby). */
export function domId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '-');
}
