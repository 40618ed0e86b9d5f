import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { describeFailure } from './graphql-query';

/** A connection as the API pages lists: edges with nodes, and where the next page starts. */
export interface Page<TNode> {
  edges: ReadonlyArray<{ node: TNode }>;
  hasNextPage: boolean;
  endCursor?: string | null;
}

export interface PagedQuery<TNode> {
  items: ShallowRef<TNode[]>;
  /** The first page arrived (until then, `loading` or `error` says why not). */
  loaded: Ref<boolean>;
  loading: Ref<boolean>;
  error: Ref<string | undefined>;
  hasNextPage: Ref<boolean>;
  loadingMore: Ref<boolean>;
  /** A failed "load more": the items shown stay, and the button can be pressed again. */
  moreError: Ref<string | undefined>;
  reload: () => Promise<void>;
  /** Appends the next page; resolves to the nodes it added (none when it failed or there was nothing more). */
  loadMore: () => Promise<TNode[]>;
}

/**
 * A list loaded a page at a time with "Load more" (cursor pagination). A reload starts again from
 * the first page; an answer for an older reload is dropped. Nodes already shown are not repeated
 * when the list moved between two pages.
 */
export function usePagedQuery<TNode>(fetchPage: (after: string | null) => Promise<Page<TNode>>, keyOf: (node: TNode) => string | number): PagedQuery<TNode> {
  const items = shallowRef<TNode[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string>();
  const hasNextPage = ref(false);
  const loadingMore = ref(false);
  const moreError = ref<string>();
  let endCursor: string | null = null;
  let generation = 0;

  async function reload(): Promise<void> {
    const current = ++generation;
    loading.value = true;
    error.value = undefined;
    moreError.value = undefined;
    try {
      const page = await fetchPage(null);
      if (current !== generation) return;
      items.value = page.edges.map((e) => e.node);
      hasNextPage.value = page.hasNextPage;
      endCursor = page.endCursor ?? null;
      loaded.value = true;
    } catch (failure) {
      if (current !== generation) return;
      loaded.value = false;
      error.value = describeFailure(failure);
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<TNode[]> {
    if (!hasNextPage.value || loadingMore.value) return [];
    const current = generation;
    loadingMore.value = true;
    moreError.value = undefined;
    try {
      const page = await fetchPage(endCursor);
      if (current !== generation) return [];
      const known = new Set(items.value.map(keyOf));
      const added = page.edges.map((e) => e.node).filter((node) => !known.has(keyOf(node)));
      items.value = [...items.value, ...added];
      hasNextPage.value = page.hasNextPage;
      endCursor = page.endCursor ?? null;
      return added;
    } catch (failure) {
      if (current === generation) moreError.value = describeFailure(failure);
      return [];
    } finally {
      if (current === generation) loadingMore.value = false;
    }
  }

  void reload();
  return { items, loaded, loading, error, hasNextPage, loadingMore, moreError, reload, loadMore };
}
