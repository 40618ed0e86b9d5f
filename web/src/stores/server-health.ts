import { defineStore } from 'pinia';
import { computed } from 'vue';
import { useGraphQLQuery } from '../app/graphql-query';
import { ServerHealthDocument } from '../gql/graphql';

/** The server's health, shown in the header on every page and in detail on the dashboard; fetched once. */
export const useServerHealthStore = defineStore('server-health', () => {
  const { data, error, loading, refetch } = useGraphQLQuery(ServerHealthDocument);
  const health = computed(() => data.value?.health);
  return { health, error, loading, refresh: refetch };
});
