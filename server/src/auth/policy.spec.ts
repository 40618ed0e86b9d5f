import { capRolesByScope, mayCreateTokens, parseAdminIds, Requirement, Role, roleChanges, rolesFor, satisfies, scopeAllowsMutations, TokenScope } from './policy';

const policy = { adminGithubIds: parseAdminIds('10, 20') };
const facts = (overrides: Partial<Parameters<typeof rolesFor>[0]>) => ({ githubId: 1, demoRole: null, teamMember: false, maintainer: false, ...overrides });

describe('policy', () => {
  it.each<[string, Parameters<typeof rolesFor>[0], Role[]]>([
    ['nobody special', facts({}), []],
    ['a maintainer', facts({ maintainer: true }), ['maintainer']],
    ['a team member', facts({ teamMember: true }), ['security-team']],
    ['a maintainer in the team', facts({ teamMember: true, maintainer: true }), ['maintainer', 'security-team']],
    ['an admin by id', facts({ githubId: 20 }), ['admin']],
    ['an admin in the team', facts({ githubId: 10, teamMember: true }), ['security-team', 'admin']],
    ['the demo security user (fixed role)', facts({ githubId: -1, demoRole: 'security-team', maintainer: true }), ['security-team']],
  ])('roles of %s', (_name, input, expected) => {
    expect(rolesFor(input, policy)).toEqual(expected);
  });

  it.each<[Role[], Requirement, boolean]>([
    [[], 'authenticated', true],
    [[], 'maintainer', false],
    [['maintainer'], 'maintainer', true],
    [['maintainer'], 'security-team', false],
    [['security-team'], 'maintainer', true],
    [['security-team'], 'admin', false],
    [['admin'], 'security-team', true],
    [['admin'], 'admin', true],
  ])('roles %j satisfy %s: %s', (roles, requirement, expected) => {
    expect(satisfies(roles, requirement)).toBe(expected);
  });

  it.each<[TokenScope, Role[]]>([
    ['read', []],
    ['triage', ['maintainer', 'security-team']],
    ['admin', ['maintainer', 'security-team', 'admin']],
  ])('a %s token keeps %j of maintainer, security-team, admin', (scope, expected) => {
    expect(capRolesByScope(['maintainer', 'security-team', 'admin'], scope)).toEqual(expected);
  });

  it('lets read tokens run no mutations and only sessions or admin tokens mint tokens', () => {
    expect([scopeAllowsMutations('read'), scopeAllowsMutations('triage'), scopeAllowsMutations('admin')]).toEqual([false, true, true]);
    expect(mayCreateTokens('session', null)).toBe(true);
    expect(mayCreateTokens('token', 'triage')).toBe(false);
    expect(mayCreateTokens('token', 'admin')).toBe(true);
  });

  it('describes role changes', () => {
    expect(roleChanges(['maintainer', 'security-team'], ['maintainer', 'admin'])).toEqual({ added: ['admin'], removed: ['security-team'] });
    expect(parseAdminIds(' ')).toEqual(new Set());
  });
});
