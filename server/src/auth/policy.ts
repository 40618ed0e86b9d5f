/**
 * Who may do what: the one place that turns facts about a caller into roles and decides whether
 * roles are enough. Everything here is pure; guards, middleware and services only ask.
 *
 * Roles are ordered (anonymous < maintainer < security-team < admin) and a check passes when the
 * caller holds the required role or a higher one. A user holds every role whose source applies:
 * - maintainer: their githubId maintains a package in a tracked channel (latest evaluation);
 * - security-team: member of the configured GitHub team (re-checked every NIXSEC_ROLE_TTL_MINUTES);
 * - admin: their githubId is in NIXSEC_ADMIN_GITHUB_IDS.
 * An API token acts as its owner with the roles its scope allows (see TOKEN_SCOPE_CAP).
 */

export const ROLES = ['maintainer', 'security-team', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a resolver or controller may require: any logged-in caller, or a role. */
export type Requirement = 'authenticated' | Role;

export const TOKEN_SCOPES = ['read', 'triage', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const DEMO_ROLES = ['maintainer', 'security-team'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

const RANK: Record<Role, number> = { maintainer: 1, 'security-team': 2, admin: 3 };

/**
 * The highest role rank a token of each scope keeps: `read` keeps none (public data and the
 * owner's own records, no mutations), `triage` keeps up to security-team, `admin` keeps all.
 */
const TOKEN_SCOPE_CAP: Record<TokenScope, number> = { read: 0, triage: RANK['security-team'], admin: RANK.admin };

export interface RoleFacts {
  githubId: number;
  /** Set for the local demo users only; their role is fixed. */
  demoRole: DemoRole | null;
  teamMember: boolean;
  maintainer: boolean;
}

export interface RolePolicy {
  adminGithubIds: ReadonlySet<number>;
}

export function sortRoles(roles: Iterable<Role>): Role[] {
  return [...new Set(roles)].sort((a, b) => RANK[a] - RANK[b]);
}

/** The roles a user holds, lowest first. */
export function rolesFor(facts: RoleFacts, policy: RolePolicy): Role[] {
  if (facts.demoRole) return [facts.demoRole];
  const roles: Role[] = [];
  if (facts.maintainer) roles.push('maintainer');
  if (facts.teamMember) roles.push('security-team');
  if (policy.adminGithubIds.has(facts.githubId)) roles.push('admin');
  return roles;
}

/** The roles an API token of `scope` acts with: its owner's, without those above the scope. */
export function capRolesByScope(roles: readonly Role[], scope: TokenScope): Role[] {
  return roles.filter((role) => RANK[role] <= TOKEN_SCOPE_CAP[scope]);
}

export function satisfies(roles: readonly Role[], requirement: Requirement): boolean {
  if (requirement === 'authenticated') return true;
  return roles.some((role) => RANK[role] >= RANK[requirement]);
}

/** Read-scoped tokens are for scripts that only read: every mutation is refused, whatever it needs. */
export function scopeAllowsMutations(scope: TokenScope): boolean {
  return scope !== 'read';
}

/**
 * Tokens are made in a browser session, or by an admin-scoped token (automation that rotates its
 * own tokens); a narrower token never mints a wider one.
 */
export function mayCreateTokens(via: 'session' | 'token', scope: TokenScope | null): boolean {
  return via === 'session' || scope === 'admin';
}

export function roleChanges(before: readonly Role[], after: readonly Role[]): { added: Role[]; removed: Role[] } {
  return {
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
  };
}

export function parseAdminIds(value: string): Set<number> {
  return new Set(
    value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  );
}
