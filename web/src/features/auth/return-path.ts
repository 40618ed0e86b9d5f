import type { LocationQuery } from 'vue-router';

/** Only paths of this site ("/settings/tokens"), never "//other.example" or a full URL. */
export function safeReturnPath(query: LocationQuery): string {
  const value = query.returnTo;
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
