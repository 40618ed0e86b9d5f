import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';

/** The `X-Hub-Signature-256` value GitHub sends for `body`: HMAC-SHA256 with the webhook secret. */
export function signWebhookBody(secret: string, body: Buffer | string): string {
  return `${PREFIX}${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature-256` over the exact bytes received, in constant time: how much of a
 * forged signature matched must not show in the response time. Lengths are not secret.
 */
export function verifyWebhookSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith(PREFIX)) return false;
  const given = Buffer.from(header.slice(PREFIX.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
