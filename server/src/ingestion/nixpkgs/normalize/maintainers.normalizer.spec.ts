import { normalizeMaintainers, normalizeTeams } from './maintainers.normalizer';

// MADE UP people for these tests.
const alice = { github: 'alice-example', githubId: 90000001, name: 'Alice Example', email: 'alice@example.invalid' };
const bob = { github: 'bob-example', githubId: 90000002, name: 'Bob Example', email: 'bob@example.invalid' };

describe('normalizeMaintainers', () => {
  it('keeps maintainers in order, then team members not already listed', () => {
    const team = { shortName: 'example', members: [bob, alice] };
    expect(normalizeMaintainers([alice], [team]).map((m) => m.github)).toEqual(['alice-example', 'bob-example']);
  });

  it('one githubId is one person, even under a renamed handle', () => {
    expect(normalizeMaintainers([alice, { ...alice, github: 'alice-renamed' }], [])).toEqual([alice]);
  });

  it('without an id on one side, the handle decides, case-insensitively; fields are completed', () => {
    const noId = { github: 'Alice-Example', name: 'Alice Example' };
    expect(normalizeMaintainers([noId, alice], [])).toEqual([{ ...noId, githubId: 90000001, email: 'alice@example.invalid' }]);
  });

  it('two ids under one handle are two people (handles are reused)', () => {
    const successor = { ...alice, githubId: 90000009, name: 'Someone Else' };
    expect(normalizeMaintainers([alice, successor], [])).toHaveLength(2);
  });

  it('people without id or handle are kept unless identical', () => {
    const anonymous = { name: 'Anonymous Example', email: 'anon@example.invalid' };
    expect(normalizeMaintainers([anonymous, anonymous, { name: 'Other Example' }], [])).toEqual([
      { githubId: null, github: null, ...anonymous },
      { githubId: null, github: null, name: 'Other Example', email: null },
    ]);
  });

  it('reads a numeric-string githubId; drops entries that are not people', () => {
    expect(normalizeMaintainers([{ github: 'x', githubId: '123' }, 'x', null, {}, { githubId: -1, github: 'y' }], 'not a list')).toEqual([
      { githubId: 123, github: 'x', name: null, email: null },
      { githubId: null, github: 'y', name: null, email: null },
    ]);
  });
});

describe('normalizeTeams', () => {
  it('takes short names, once each', () => {
    expect(normalizeTeams([{ shortName: 'a' }, { shortName: 'a' }, { members: [] }, 'b'])).toEqual(['a']);
  });
});
