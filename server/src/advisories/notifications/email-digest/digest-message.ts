/**
 * The digest e-mail as plain text, and the address check for preferences: pure functions
 * (digest-message.spec.ts). Plain text only, so no notification text needs HTML escaping.
 */

export interface DigestItem {
  message: string;
  /** A path in the web app, as stored on the notification (/suggestions?cve=…, /advisories/…). */
  link: string;
  createdAt: Date;
}

export interface DigestMessage {
  subject: string;
  text: string;
}

/** A long first digest (a backlog of unread notifications) lists this many and counts the rest. */
export const MAX_LISTED = 50;

/** `link` under the public URL, which may carry a path prefix (https://example.org/nixsec). */
export function absoluteLink(publicUrl: string, link: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** "2025-01-02 07:00 UTC": digests go to people in every time zone. */
export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Newest first; one line of text and one link per notification. */
export function renderDigest(items: readonly DigestItem[], publicUrl: string): DigestMessage {
  const sorted = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const listed = sorted.slice(0, MAX_LISTED);
  const count = `${items.length} new notification${items.length === 1 ? '' : 's'}`;
  const lines = [`nixsec has ${count} for you:`, ''];
  for (const item of listed) {
    // A title could hold a line break; one notification stays one line.
    lines.push(`- ${item.message.replace(/\s+/g, ' ').trim()}`, `  ${absoluteLink(publicUrl, item.link)}`, `  ${formatTime(item.createdAt)}`, '');
  }
  if (sorted.length > listed.length) lines.push(`…and ${sorted.length - listed.length} older ones: ${absoluteLink(publicUrl, '/')}`, '');
  lines.push('-- ', 'You get this digest because you switched it on in your nixsec notification preferences;', `switch it off there: ${absoluteLink(publicUrl, '/')}`);
  return { subject: `[nixsec] ${count}`, text: `${lines.join('\n')}\n` };
}

/**
 * A deliverable address in its plain form: local@domain.tld, no quoting, comments, display names,
 * IP literals or line breaks, so what the user typed is exactly where the digest goes.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const match = /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/.exec(value);
  return match !== null && match[1].length <= 64 && /[A-Za-z]/.test(match[2].split('.').at(-1) ?? '');
}
