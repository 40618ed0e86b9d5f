/**
 * The triage lifecycle, in one place:
 *
 *   suggestion: pending ─dismiss→ dismissed ─restore→ pending
 *               pending ─accept→ accepted (its CVE is in a draft advisory) ─discard/split→ pending
 *               pending/dismissed ⇄ withdrawn (the linker: the CVE no longer matches any package)
 *   advisory:   draft ─publish→ published ─issue closed→ archived ─issue reopened→ published
 *
 * The database enforces the same transitions with a trigger (migration 1732407200000-advisories);
 * lifecycle.spec.ts checks that both agree. Services ask `assertTransition` before writing so the
 * caller gets a clear error rather than the trigger's.
 */

export const SUGGESTION_STATUSES = ['pending', 'dismissed', 'withdrawn', 'accepted'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const ADVISORY_STATES = ['draft', 'published', 'archived'] as const;
export type AdvisoryState = (typeof ADVISORY_STATES)[number];

export const DISMISSAL_REASONS = ['not-for-us', 'not-affected', 'duplicate', 'wont-fix', 'other'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

export const SUGGESTION_TRANSITIONS: Record<SuggestionStatus, readonly SuggestionStatus[]> = {
  pending: ['dismissed', 'accepted', 'withdrawn'],
  dismissed: ['pending', 'withdrawn'],
  withdrawn: ['pending', 'dismissed'],
  accepted: ['pending'],
};

export const ADVISORY_TRANSITIONS: Record<AdvisoryState, readonly AdvisoryState[]> = {
  draft: ['published'],
  published: ['archived'],
  archived: ['published'],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly subject: string,
    readonly from: string,
    readonly to: string,
    hint: string,
  ) {
    super(`${subject} is ${from} and cannot become ${to}: ${hint}`);
    this.name = 'IllegalTransitionError';
  }
}

const SUGGESTION_HINTS: Partial<Record<SuggestionStatus, string>> = {
  accepted: 'it is in a draft advisory; discard the draft or split the CVE out of it first',
  withdrawn: 'no package matches its CVE any more',
  dismissed: 'restore it first',
};

export function assertSuggestionTransition(subject: string, from: SuggestionStatus, to: SuggestionStatus): void {
  if (!SUGGESTION_TRANSITIONS[from].includes(to)) {
    throw new IllegalTransitionError(subject, from, to, SUGGESTION_HINTS[from] ?? 'only pending suggestions can be triaged');
  }
}

export function assertAdvisoryTransition(subject: string, from: AdvisoryState, to: AdvisoryState): void {
  if (!ADVISORY_TRANSITIONS[from].includes(to)) {
    const hint = from === 'draft' ? 'publish it first' : to === 'draft' ? 'a published advisory never goes back to draft' : `it is already ${from}`;
    throw new IllegalTransitionError(subject, from, to, hint);
  }
}

export function isDismissalReason(value: string): value is DismissalReason {
  return (DISMISSAL_REASONS as readonly string[]).includes(value);
}
