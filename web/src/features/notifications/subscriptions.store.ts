import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { executeGraphQL } from '../../app/graphql-client';
import { describeFailure } from '../../app/graphql-query';
import { SubscribeDocument, SubscriptionsDocument, UnsubscribeDocument, type SubscriptionsQuery } from '../../gql/graphql';

export type Subscription = SubscriptionsQuery['subscriptions'][number];
export type TargetType = 'package' | 'channel';

/**
 * The packages and channels the logged-in user follows: shared by the subscriptions page and the
 * package page's Follow button, so following on one shows on the other without a reload.
 */
export const useSubscriptionsStore = defineStore('subscriptions', () => {
  const items = shallowRef<Subscription[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string>();
  /** "package:openssl" while that target is being followed or unfollowed. */
  const busy = ref<string | null>(null);
  let generation = 0;
  /** Whose list is loaded (the auth store's user id). */
  let owner: string | null = null;

  async function load(): Promise<void> {
    const current = ++generation;
    loading.value = true;
    error.value = undefined;
    try {
      const { subscriptions } = await executeGraphQL(SubscriptionsDocument);
      if (current !== generation) return;
      items.value = subscriptions;
      loaded.value = true;
    } catch (failure) {
      if (current === generation) error.value = describeFailure(failure);
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  /** Loads the list of this user unless it is loaded or on its way; another user's list is dropped first. */
  function ensure(userId: string): Promise<void> | undefined {
    if (owner === userId && (loaded.value || loading.value)) return undefined;
    reset();
    owner = userId;
    return load();
  }

  /** Loads the list afresh (another tab may have changed it); another user's list is dropped first. */
  function refreshFor(userId: string): Promise<void> {
    if (owner !== userId) reset();
    owner = userId;
    return load();
  }

  /** Forgets the list (on logout: the next user must not see it). */
  function reset(): void {
    owner = null;
    generation++;
    items.value = [];
    loaded.value = false;
    loading.value = false;
    error.value = undefined;
  }

  function follows(targetType: TargetType, target: string): boolean {
    return items.value.some((s) => s.targetType === targetType && s.target === target);
  }

  /** Throws GraphQLRequestError with the server's message (e.g. no tracked channel ships it). */
  async function subscribe(targetType: TargetType, target: string): Promise<void> {
    busy.value = `${targetType}:${target}`;
    try {
      const { subscribe: added } = await executeGraphQL(SubscribeDocument, { targetType, target });
      items.value = [added, ...items.value.filter((s) => !(s.targetType === added.targetType && s.target === added.target))];
    } finally {
      busy.value = null;
    }
  }

  async function unsubscribe(targetType: string, target: string): Promise<void> {
    busy.value = `${targetType}:${target}`;
    try {
      await executeGraphQL(UnsubscribeDocument, { targetType, target });
      items.value = items.value.filter((s) => !(s.targetType === targetType && s.target === target));
    } finally {
      busy.value = null;
    }
  }

  return { items, loaded, loading, error, busy, ensure, refreshFor, reset, follows, subscribe, unsubscribe };
});
