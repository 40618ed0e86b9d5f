import { batchLoader } from './batch-loader';

describe('batchLoader', () => {
  it('loads the keys asked for in one tick with one call, and answers null for missing ones', async () => {
    const calls: string[][] = [];
    const load = batchLoader(async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toLowerCase()]));
    });
    await expect(Promise.all([load('A'), load('B'), load('A'), load('missing')])).resolves.toEqual(['a', 'b', 'a', null]);
    expect(calls).toEqual([['A', 'B', 'missing']]);
    await expect(load('C')).resolves.toBe('c');
    expect(calls).toHaveLength(2);
  });
});
