import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from './graphql-client';
import { useSubmission } from './useSubmission';

describe('useSubmission', () => {
  it('is pending while the action runs, and ignores a second submit meanwhile', async () => {
    const { pending, run } = useSubmission();
    let finish!: () => void;
    let calls = 0;
    const first = run(() => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    expect(pending.value).toBe(true);
    expect(await run(async () => void calls++)).toBe(false);
    finish();
    expect(await first).toBe(true);
    expect(pending.value).toBe(false);
    expect(calls).toBe(1);
  });

  it("shows the server's refusal, and clears it when the user tries again", async () => {
    const { error, run } = useSubmission();
    expect(await run(() => Promise.reject(new GraphQLRequestError('You maintain none of the packages of this advisory.')))).toBe(false);
    expect(error.value).toBe('You maintain none of the packages of this advisory.');
    let seen: string | undefined = 'not run';
    expect(await run(async () => void (seen = error.value))).toBe(true);
    expect(seen).toBeUndefined();
    expect(error.value).toBeUndefined();
  });
});
