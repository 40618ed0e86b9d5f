import type { PoolClient } from 'pg';
import { writeActivity } from '../activity/activity-log';
import type { TriagedSuggestion } from '../linkage/store/suggestion-triage.store';
import type { AdvisoryContent } from './drafts/advisory.store';

/** What an undo puts back (kept in the activity entry's details; see undo.service.ts). */
export type UndoRecipe =
  | { kind: 'suggestions'; snapshots: TriagedSuggestion[] }
  | { kind: 'accept'; advisoryId: number; advisoryVersion: number; created: boolean; snapshots: TriagedSuggestion[] }
  | { kind: 'advisory'; advisoryId: number; advisoryVersion: number; before: AdvisoryContent };

export interface AdvisoryActivity {
  actor: string;
  action: string;
  subjectType: 'suggestion' | 'advisory';
  subjectId: number | string;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
  undo?: UndoRecipe;
}

/** Records one advisories event (actor, action, before/after) in the caller's transaction. */
export function recordActivity(client: PoolClient, entry: AdvisoryActivity): Promise<void> {
  return writeActivity(client, {
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: String(entry.subjectId),
    details: {
      ...entry.details,
      ...(entry.before === undefined ? {} : { before: entry.before }),
      ...(entry.after === undefined ? {} : { after: entry.after }),
      ...(entry.undo ? { undo: entry.undo } : {}),
    },
  });
}
