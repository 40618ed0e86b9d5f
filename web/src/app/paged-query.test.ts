import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from './graphql-client';
import { usePagedQuery, type Page } from './paged-query';

const page = (numbers: number[], endCursor: string | null): Page<{ number: number }> => ({
  edges: numbers.map((number) => ({ node: { number } })),
  hasNextPage: endCursor !== null,
  endCursor,
});

describe('usePagedQuery', () => {
  it('appends the next page after the end cursor, skips nodes already shown, and keeps the list when a page fails', async () => {
    const asked: Array<string | null> = [];
    const answers: Array<Page<{ number: number }> | Error> = [page([5, 4], 'c2'), new GraphQLRequestError('The database is not reachable.'), page([4, 3], null)];
    const list = usePagedQuery(async (after) => {
      asked.push(after);
      const answer = answers.shift()!;
      if (answer instanceof Error) throw answer;
      return answer;
    }, (n) => n.number);
    await flushPromises();
    expect(list.items.value.map((n) => n.number)).toEqual([5, 4]);
    expect(list.hasNextPage.value).toBe(true);

    expect(await list.loadMore()).toEqual([]);
    expect(list.moreError.value).toBe('The database is not reachable.');
    expect(list.items.value).toHaveLength(2);

    expect((await list.loadMore()).map((n) => n.number)).toEqual([3]);
    expect(list.items.value.map((n) => n.number)).toEqual([5, 4, 3]);
    expect(list.moreError.value).toBeUndefined();
    expect(list.hasNextPage.value).toBe(false);
    expect(asked).toEqual([null, 'c2', 'c2']);
  });
});
