/**
 * Query parameters whose values may appear in logs. Every other value is replaced: OAuth `code` and
 * `state`, tokens and signatures must never be logged, and a name we did not think of is safer
 * hidden than shown.
 */
const SHOWN_PARAMETERS = new Set([
  'returnTo',
  'loginError',
  // GitHub's own on a refused authorization (…/callback?error=access_denied&error_description=…).
  'error',
  'error_description',
  'error_uri',
  // The authorize redirect: public parts of the OAuth app registration.
  'response_type',
  'redirect_uri',
  'scope',
  'client_id',
]);

export const REDACTED = '[redacted]';

/**
 * A URL (absolute or a path) with every query value outside SHOWN_PARAMETERS replaced by
 * `[redacted]`: `/auth/github/callback?code=…&state=…` → `/auth/github/callback?code=[redacted]&state=[redacted]`.
 * The fragment is dropped (implicit-flow tokens travel there). Anything that is not a string is returned as is.
 */
export function redactUrl<T>(url: T): T | string {
  if (typeof url !== 'string') return url;
  const hash = url.indexOf('#');
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  if (question === -1) return withoutFragment;
  const query = withoutFragment
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair === '' || SHOWN_PARAMETERS.has(decodeName(pair)) ? pair : REDACTED; // `?<token>` alone
      const rawName = pair.slice(0, eq);
      return SHOWN_PARAMETERS.has(decodeName(rawName)) || pair.length === eq + 1 ? pair : `${rawName}=${REDACTED}`;
    })
    .join('&');
  return `${withoutFragment.slice(0, question)}?${query}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
