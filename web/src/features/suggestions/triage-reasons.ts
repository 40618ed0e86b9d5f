/** The reasons a person may give for dismissing suggestions (the server's DISMISSAL_REASONS). */
export const TRIAGE_REASONS = [
  { value: 'not-for-us', label: 'Not for us (not a Nixpkgs package)' },
  { value: 'not-affected', label: 'Not affected' },
  { value: 'duplicate', label: 'Duplicate' },
  { value: 'wont-fix', label: "Won't fix" },
  { value: 'other', label: 'Other (comment required)' },
] as const;

export type TriageReason = (typeof TRIAGE_REASONS)[number]['value'];

export interface Dismissal {
  reason: TriageReason;
  comment: string;
}

/** Why a dismissal cannot be sent yet, or null when it can. */
export function dismissalProblem(dismissal: Dismissal): string | null {
  if (dismissal.reason === 'other' && dismissal.comment.trim() === '') return 'Say why in the comment: it is required with "Other".';
  return null;
}
