import { defineStore } from 'pinia';
import { ref } from 'vue';
import { executeGraphQL } from '../../app/graphql-client';
import { UnreadNotificationCountDocument } from '../../gql/graphql';

/** The logged-in user's unread notification count, shown in the header on every page. */
export const useNotificationsStore = defineStore('notifications', () => {
  /** null while unknown (anonymous, not loaded yet, or the request failed). */
  const unread = ref<number | null>(null);
  let generation = 0;

  async function refresh(): Promise<void> {
    const current = ++generation;
    try {
      const { unreadNotificationCount } = await executeGraphQL(UnreadNotificationCountDocument);
      if (current === generation) unread.value = unreadNotificationCount;
    } catch {
      // The header link works without a count; the inbox page shows the error itself.
      if (current === generation) unread.value = null;
    }
  }

  /** Set from an answer that carried the count (the inbox query, a mark-read mutation). */
  function set(count: number): void {
    generation++;
    unread.value = count;
  }

  function reset(): void {
    generation++;
    unread.value = null;
  }

  return { unread, refresh, set, reset };
});
