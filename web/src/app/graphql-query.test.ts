import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref, type EffectScope } from 'vue';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { GraphQLRequestError } from './graphql-client';
import { useGraphQLQuery, useKeyedQuery } from './graphql-query';

/** A promise the test settles by hand, to make answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks (the composable's awaits) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let scope: EffectScope | undefined;
function run<T>(fn: () => T): T {
  scope = effectScope();
  return scope.run(fn)!;
}
afterEach(() => {
  scope?.stop();
  scope = undefined;
  vi.unstubAllGlobals();
});

describe('useKeyedQuery', () => {
  it('keeps only the answer for the latest key when answers arrive out of order', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const fetchFor = vi.fn((key: string) => {
      const answer = deferred<string>();
      answers.set(key, answer);
      return answer.promise;
    });
    const onKeyChange = vi.fn();
    const key = ref('CVE-2024-0001');
    const state = run(() => useKeyedQuery(key, fetchFor, onKeyChange));
    expect(state.loading.value).toBe(true);

    key.value = 'CVE-2024-0002';
    await nextTick();
    expect(fetchFor.mock.calls.map(([k]) => k)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(onKeyChange.mock.calls.map(([k]) => k)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);

    answers.get('CVE-2024-0002')!.resolve('second');
    await settle();
    expect(state.data.value).toBe('second');
    expect(state.loading.value).toBe(false);

    // The slow answer for the page the user left must not replace it, nor flip the flags.
    answers.get('CVE-2024-0001')!.resolve('first');
    await settle();
    expect(state.data.value).toBe('second');
    expect(state.loading.value).toBe(false);
  });

  it('ignores a stale failure, but shows a failure for the current key', async () => {
    const answers: ReturnType<typeof deferred<string>>[] = [];
    const key = ref(1);
    const state = run(() =>
      useKeyedQuery(key, () => {
        const answer = deferred<string>();
        answers.push(answer);
        return answer.promise;
      }),
    );
    key.value = 2;
    await nextTick();
    answers[0]!.reject(new GraphQLRequestError('old page failed'));
    await settle();
    expect(state.error.value).toBeUndefined();
    expect(state.loading.value).toBe(true);

    answers[1]!.reject(new GraphQLRequestError('The nixsec API reported an error: not found'));
    await settle();
    expect(state.error.value).toBe('The nixsec API reported an error: not found');
    expect(state.loading.value).toBe(false);

    // Try again: the error clears while loading, and the data shows.
    const retry = state.refetch();
    expect(state.error.value).toBeUndefined();
    answers[2]!.resolve('found');
    await retry;
    expect(state.data.value).toBe('found');
  });

  it('clears the old data as soon as the key changes', async () => {
    const slow = deferred<string>();
    const key = ref('a');
    const state = run(() => useKeyedQuery(key, (k) => (k === 'a' ? Promise.resolve('data for a') : slow.promise)));
    await settle();
    expect(state.data.value).toBe('data for a');
    key.value = 'b';
    await nextTick();
    expect(state.data.value).toBeUndefined();
    expect(state.loading.value).toBe(true);
    slow.resolve('data for b');
    await settle();
    expect(state.data.value).toBe('data for b');
  });

  it('refreshes in the background: no loading state, and a failure keeps the last answer', async () => {
    const answers: ReturnType<typeof deferred<string>>[] = [];
    const key = ref('NIXPKGS-2024-0001');
    const state = run(() =>
      useKeyedQuery(key, () => {
        const answer = deferred<string>();
        answers.push(answer);
        return answer.promise;
      }),
    );
    answers[0]!.resolve('published');
    await settle();

    const refreshed = state.refresh();
    expect(state.loading.value).toBe(false);
    answers[1]!.resolve('archived');
    await refreshed;
    expect(state.data.value).toBe('archived');

    const failed = state.refresh();
    answers[2]!.reject(new GraphQLRequestError('The nixsec API is not reachable'));
    await failed;
    expect(state.data.value).toBe('archived');
    expect(state.error.value).toBeUndefined();
  });

  it('drops a background refresh that answers after the user moved to another key', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<string>>>();
    const key = ref('a');
    const state = run(() =>
      useKeyedQuery(key, (k) => {
        const answer = deferred<string>();
        answers.set(`${k}${answers.size}`, answer);
        return answer.promise;
      }),
    );
    answers.get('a0')!.resolve('data for a');
    await settle();
    const refreshed = state.refresh();
    key.value = 'b';
    await nextTick();
    answers.get('b2')!.resolve('data for b');
    await settle();
    answers.get('a1')!.resolve('late data for a');
    await refreshed;
    expect(state.data.value).toBe('data for b');
  });
});

describe('useGraphQLQuery', () => {
  const document = { toString: () => 'query Health { health }' } as DocumentTypeDecoration<{ health: string }, Record<string, never>> & {
    toString(): string;
  };

  it('posts the query to /graphql and exposes the data', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ data: { health: 'ok' } }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const state = run(() => useGraphQLQuery(document));
    expect(state.loading.value).toBe(true);
    await settle();
    expect(state.data.value).toEqual({ health: 'ok' });
    expect(state.loading.value).toBe(false);
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    expect(JSON.parse(init.body as string)).toMatchObject({ query: 'query Health { health }' });
  });

  it("shows the server's GraphQL error message", async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ errors: [{ message: 'Forbidden resource' }] }), { status: 200 }));
    const state = run(() => useGraphQLQuery(document));
    await settle();
    expect(state.data.value).toBeUndefined();
    expect(state.error.value).toBe('The nixsec API reported an error: Forbidden resource');
  });

  it('says the server is unreachable when the request fails or a proxy answers 502', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = run(() => useGraphQLQuery(document));
    await settle();
    expect(offline.error.value).toMatch(/^Cannot reach the nixsec API at \/graphql/);

    vi.stubGlobal('fetch', async () => new Response('Bad Gateway', { status: 502 }));
    const proxied = run(() => useGraphQLQuery(document));
    await settle();
    expect(proxied.error.value).toMatch(/^Cannot reach the nixsec API at \/graphql/);
  });
});
