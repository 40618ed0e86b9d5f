import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { executeGraphQL } from '../../app/graphql-client';
import { describeFailure } from '../../app/graphql-query';
import { AcceptSuggestionDocument, DismissSuggestionsDocument, RestoreSuggestionsDocument, UndoLastActionDocument } from '../../gql/graphql';
import { useSuggestionQueueStore } from './suggestion-queue.store';
import type { Dismissal } from './triage-reasons';

/** How long the server lets an action be undone (UNDO_WINDOW_SECONDS); the button goes a little earlier. */
export const UNDO_SECONDS = 30;

export interface LastAction {
  message: string;
  /** Where the result can be seen, e.g. the draft an accepted suggestion became. */
  link?: { to: string; label: string };
}

/**
 * Triage decisions on the queue: optimistic (the suggestions leave the list at once and come back
 * when the server refuses), with the server's message shown, and an undo for 30 seconds.
 */
export const useSuggestionTriageStore = defineStore('suggestion-triage', () => {
  const queue = useSuggestionQueueStore();
  const busy = ref(false);
  const error = ref<string>();
  /** What the last action reported: suggestions the server skipped (and why), or what an undo undid. */
  const notices = shallowRef<string[]>([]);
  const lastAction = shallowRef<LastAction | null>(null);
  const selected = ref<Set<string>>(new Set());
  let undoTimer: ReturnType<typeof setTimeout> | undefined;

  function remember(action: LastAction | null): void {
    clearTimeout(undoTimer);
    lastAction.value = action;
    if (action) undoTimer = setTimeout(() => (lastAction.value = null), UNDO_SECONDS * 1000);
  }

  function cveIdsOf(ids: readonly string[]): string {
    const names = queue.items.filter((item) => ids.includes(item.id)).map((item) => item.cveId);
    const [only] = names;
    return names.length === 1 && only ? only : `${ids.length} suggestions`;
  }

  async function decide<T>(ids: readonly string[], send: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = undefined;
    notices.value = [];
    const snapshot = queue.take(ids);
    try {
      return await send();
    } catch (failure) {
      queue.putBack(snapshot);
      error.value = describeFailure(failure);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  async function dismiss(ids: readonly string[], { reason, comment }: Dismissal): Promise<boolean> {
    const what = cveIdsOf(ids);
    const result = await decide(ids, () => executeGraphQL(DismissSuggestionsDocument, { ids: [...ids], reason, comment: comment.trim() || null }));
    if (!result) return false;
    const { changed, skipped: refused } = result.dismissSuggestions;
    notices.value = refused.map((s) => s.message);
    selected.value = new Set([...selected.value].filter((id) => !ids.includes(id)));
    remember(changed.length > 0 ? { message: `Dismissed ${changed.length === ids.length ? what : `${changed.length} of ${ids.length} suggestions`} (${reason}).` } : null);
    return true;
  }

  /** Accepts one suggestion into a new draft; returns the draft's id. */
  async function accept(id: string): Promise<string | undefined> {
    const what = cveIdsOf([id]);
    const result = await decide([id], () => executeGraphQL(AcceptSuggestionDocument, { ids: [id] }));
    if (!result) return undefined;
    const draftId = result.acceptSuggestions.id;
    selected.value = new Set([...selected.value].filter((s) => s !== id));
    remember({ message: `Accepted ${what} into draft ${draftId}.`, link: { to: `/advisories/${draftId}/edit`, label: `Edit draft ${draftId}` } });
    return draftId;
  }

  /** Puts a dismissed suggestion back in the pending queue (it leaves the dismissed list). */
  async function restore(id: string): Promise<boolean> {
    const what = cveIdsOf([id]);
    const result = await decide([id], () => executeGraphQL(RestoreSuggestionsDocument, { ids: [id] }));
    if (!result) return false;
    notices.value = result.restoreSuggestions.skipped.map((s) => s.message);
    remember(result.restoreSuggestions.changed.length > 0 ? { message: `Restored ${what} to the pending queue.` } : null);
    return true;
  }

  async function undo(): Promise<boolean> {
    busy.value = true;
    error.value = undefined;
    try {
      const { undoLastAction } = await executeGraphQL(UndoLastActionDocument);
      remember(null);
      notices.value = [`Undone: ${undoLastAction.action}.`];
      await queue.reload();
      return true;
    } catch (failure) {
      error.value = describeFailure(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  function toggle(id: string, on: boolean): void {
    const next = new Set(selected.value);
    if (on) next.add(id);
    else next.delete(id);
    selected.value = next;
  }

  function clearSelection(): void {
    selected.value = new Set();
  }

  return { busy, error, notices, lastAction, selected, dismiss, accept, restore, undo, toggle, clearSelection };
});
