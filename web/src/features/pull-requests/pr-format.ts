/** Formatting shared by the pull request page, the labelled pull requests list and the advisory fix status. */
import type { Shown } from '../suggestions/linkage-format';

const STATES: Record<string, Shown> = {
  merged: { label: 'Merged', tone: 'good' },
  open: { label: 'Open', tone: 'busy' },
  closed: { label: 'Closed', tone: 'neutral' },
};

/** open, closed (unmerged) or merged. */
export function prState(value: string): Shown {
  return STATES[value] ?? { label: value, tone: 'neutral' };
}

/** The SPA page of a pull request. */
export function prPath(number: number): string {
  return `/pr/${number}`;
}

const ISSUE_STATES: Record<string, Shown> = {
  open: { label: 'Open', tone: 'busy' },
  closed: { label: 'Closed', tone: 'neutral' },
};

/** A GitHub issue: open or closed. */
export function issueState(value: string): Shown {
  return ISSUE_STATES[value] ?? { label: value, tone: 'neutral' };
}
