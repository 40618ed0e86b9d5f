import { chainDepths } from './chain-depths';

const n = (drvPath: string, ...inputs: string[]) => ({ drvPath, inputDrvs: inputs.map((i) => ({ drvPath: i })) });

describe('chain depths', () => {
  it('is the longest chain of inputs below a derivation', () => {
    const depths = chainDepths([n('c', 'a', 'b'), n('b', 'a'), n('a'), n('d')]);
    expect(Object.fromEntries(depths)).toEqual({ a: 0, b: 1, c: 2, d: 0 });
  });

  it('refuses a graph that refers to a derivation it does not contain', () => {
    expect(() => chainDepths([n('c', 'zzz')])).toThrow('the derivation graph refers to zzz, which nix did not show');
  });
});
