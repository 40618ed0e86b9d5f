/**
 * Role checks for the UI, mirroring server/src/auth/policy.ts: roles are ordered (maintainer <
 * security-team < admin) and a requirement is met by the role or a higher one. The UI only hides
 * what a role may not use; the server decides and refuses on its own.
 */
export const ROLES = ['maintainer', 'security-team', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a control may require: any logged-in user, or a role. */
export type Requirement = 'authenticated' | Role;

const RANK: Record<Role, number> = { maintainer: 1, 'security-team': 2, admin: 3 };

export const ROLE_LABELS: Record<Role, string> = { maintainer: 'Maintainer', 'security-team': 'Security team', admin: 'Admin' };

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a caller holding `roles` (null: anonymous) meets `requirement`. */
export function can(roles: readonly string[] | null, requirement: Requirement): boolean {
  if (roles === null) return false;
  if (requirement === 'authenticated') return true;
  return roles.some((role) => isRole(role) && RANK[role] >= RANK[requirement]);
}

/** The highest known role, or null for a logged-in user without one. */
export function highestRole(roles: readonly string[]): Role | null {
  const known = roles.filter(isRole).sort((a, b) => RANK[b] - RANK[a]);
  return known[0] ?? null;
}
