import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { executeGraphQL } from '../../app/graphql-client';
import { describeFailure } from '../../app/graphql-query';
import { SuggestionQueueDocument, type SuggestionQueueQuery } from '../../gql/graphql';
import { DEFAULT_FILTER, queueVariables, sameFilter, type QueueFilter } from './queue-filter';

export type QueuedSuggestion = SuggestionQueueQuery['suggestions']['edges'][number]['node'];

export const PAGE_SIZE = 20;

export interface QueueSnapshot {
  items: QueuedSuggestion[];
  totalCount: number;
}

/**
 * The suggestion queue as loaded so far: pages of one filter, most relevant first. A store rather
 * than page state, so that opening a CVE and coming back keeps the pages already loaded (and, with
 * triage, so actions can update the queue in place).
 */
export const useSuggestionQueueStore = defineStore('suggestion-queue', () => {
  const filter = ref<QueueFilter>({ ...DEFAULT_FILTER });
  const items = shallowRef<QueuedSuggestion[]>([]);
  const totalCount = ref(0);
  /** More match than totalCount: the server stopped counting. */
  const totalCapped = ref(false);
  const hasNextPage = ref(false);
  const endCursor = ref<string | null>(null);
  /** True once the first page of the current filter arrived. */
  const loaded = ref(false);
  const loading = ref(false);
  const loadingMore = ref(false);
  /** The first page failed: nothing to show. */
  const error = ref<string>();
  /** A further page failed: the pages already loaded stay on screen. */
  const moreError = ref<string>();
  // Answers to a request made for an older filter (or before a reload) are dropped.
  let generation = 0;

  const remaining = computed(() => Math.max(0, totalCount.value - items.value.length));

  async function fetchPage(after: string | null) {
    const { suggestions } = await executeGraphQL(SuggestionQueueDocument, { ...queueVariables(filter.value), first: PAGE_SIZE, after });
    return suggestions;
  }

  /** Loads the first page of `next`; keeps what is loaded when it is the filter already shown. */
  async function show(next: QueueFilter): Promise<void> {
    if (sameFilter(next, filter.value) && (loaded.value || loading.value)) return;
    filter.value = { ...next };
    await reload();
  }

  /** Starts over from the first page of the current filter. */
  async function reload(): Promise<void> {
    const current = ++generation;
    loading.value = true;
    loadingMore.value = false;
    error.value = undefined;
    moreError.value = undefined;
    try {
      const page = await fetchPage(null);
      if (current !== generation) return;
      items.value = page.edges.map((edge) => edge.node);
      totalCount.value = page.totalCount;
      totalCapped.value = page.totalCountCapped;
      hasNextPage.value = page.hasNextPage;
      endCursor.value = page.endCursor ?? null;
      loaded.value = true;
    } catch (failure) {
      if (current !== generation) return;
      items.value = [];
      loaded.value = false;
      error.value = describeFailure(failure);
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  /** Appends the next page; returns the first new suggestion (to move focus to), if any. */
  async function loadMore(): Promise<QueuedSuggestion | undefined> {
    if (!hasNextPage.value || loadingMore.value || loading.value) return undefined;
    const current = generation;
    loadingMore.value = true;
    moreError.value = undefined;
    try {
      const page = await fetchPage(endCursor.value);
      if (current !== generation) return undefined;
      const known = new Set(items.value.map((item) => item.id));
      const added = page.edges.map((edge) => edge.node).filter((node) => !known.has(node.id));
      items.value = [...items.value, ...added];
      totalCount.value = page.totalCount;
      hasNextPage.value = page.hasNextPage;
      endCursor.value = page.endCursor ?? null;
      return added[0];
    } catch (failure) {
      if (current === generation) moreError.value = describeFailure(failure);
      return undefined;
    } finally {
      if (current === generation) loadingMore.value = false;
    }
  }

  /** Takes suggestions out of the list at once (a triage decision); the snapshot puts them back. */
  function take(ids: readonly string[]): QueueSnapshot {
    const snapshot = { items: items.value, totalCount: totalCount.value };
    const leaving = new Set(ids);
    const kept = items.value.filter((item) => !leaving.has(item.id));
    totalCount.value = Math.max(0, totalCount.value - (items.value.length - kept.length));
    items.value = kept;
    return snapshot;
  }

  /** Rolls an optimistic `take` back when the server refused the decision. */
  function putBack(snapshot: QueueSnapshot): void {
    items.value = snapshot.items;
    totalCount.value = snapshot.totalCount;
  }

  return { filter, items, totalCount, totalCapped, hasNextPage, loaded, loading, loadingMore, error, moreError, remaining, show, reload, loadMore, take, putBack };
});
