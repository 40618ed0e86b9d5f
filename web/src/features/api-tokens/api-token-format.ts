import type { ApiTokenFieldsFragment, ApiTokenScope } from '../../gql/graphql';
import type { StatusTone } from '../../app/run-format';

export const SCOPES: readonly { value: ApiTokenScope; label: string; does: string }[] = [
  { value: 'read', label: 'read', does: 'queries only, with no role' },
  { value: 'triage', label: 'triage', does: 'your roles up to security team, mutations allowed' },
  { value: 'admin', label: 'admin', does: 'all of your roles' },
];

export const EXPIRY_DAYS = [7, 30, 90, 180, 366] as const;
export const DEFAULT_EXPIRY_DAYS = 90;

/** Revoked wins over expired: it says someone acted. */
export function tokenState(token: ApiTokenFieldsFragment, now = Date.now()): { label: string; tone: StatusTone } {
  if (token.revokedAt) return { label: 'Revoked', tone: 'bad' };
  if (Date.parse(token.expiresAt) <= now) return { label: 'Expired', tone: 'busy' };
  return { label: 'Active', tone: 'good' };
}
