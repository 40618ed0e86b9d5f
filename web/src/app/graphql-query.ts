import { ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { executeGraphQL, GraphQLRequestError } from './graphql-client';

export interface QueryState<TResult> {
  data: ShallowRef<TResult | undefined>;
  /** A message for the user; set when the last request failed. */
  error: Ref<string | undefined>;
  loading: Ref<boolean>;
  refetch: () => Promise<void>;
}

export interface KeyedQueryState<TResult> extends QueryState<TResult> {
  /**
   * Loads the current key again in the background: the view keeps what it shows (no loading state)
   * and a failure leaves the last answer in place. For keeping an open page up to date.
   */
  refresh: () => Promise<void>;
}

/** Runs a query right away and keeps its latest result, failure and loading flag for a view. */
export function useGraphQLQuery<TResult, TVariables>(
  ...request: Parameters<typeof executeGraphQL<TResult, TVariables>>
): QueryState<TResult> {
  const data = shallowRef<TResult>();
  const error = ref<string>();
  const loading = ref(false);

  async function refetch(): Promise<void> {
    loading.value = true;
    error.value = undefined;
    try {
      data.value = await executeGraphQL(...request);
    } catch (failure) {
      error.value = describeFailure(failure);
    } finally {
      loading.value = false;
    }
  }

  void refetch();
  return { data, error, loading, refetch };
}

export function describeFailure(failure: unknown): string {
  if (failure instanceof GraphQLRequestError) return failure.message;
  console.error(failure);
  return 'Something went wrong while loading this view. Reload the page; if it persists, check the browser console.';
}

/**
 * Loads data for a key from the route (an id, a handle…): again whenever the key changes, keeping
 * only the answer for the latest key, so a slow answer for a page the user left never shows.
 */
export function useKeyedQuery<TKey, TResult>(
  key: Ref<TKey>,
  fetch: (key: TKey) => Promise<TResult>,
  onKeyChange?: (key: TKey) => void,
): KeyedQueryState<TResult> {
  const data = shallowRef<TResult>();
  const error = ref<string>();
  const loading = ref(false);
  let generation = 0;

  async function refetch(): Promise<void> {
    const current = ++generation;
    loading.value = true;
    error.value = undefined;
    try {
      const result = await fetch(key.value);
      if (current === generation) data.value = result;
    } catch (failure) {
      if (current === generation) error.value = describeFailure(failure);
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  async function refresh(): Promise<void> {
    if (loading.value || data.value === undefined) return;
    const current = generation;
    try {
      const result = await fetch(key.value);
      if (current === generation) {
        data.value = result;
        error.value = undefined;
      }
    } catch {
      // The page still shows the last answer; the next refresh or a reload tries again.
    }
  }

  watch(
    key,
    (value) => {
      data.value = undefined;
      onKeyChange?.(value);
      void refetch();
    },
    { immediate: true },
  );
  return { data, error, loading, refetch, refresh };
}
