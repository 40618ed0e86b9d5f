import type { IncomingMessage, ServerResponse } from 'node:http';

export const GITHUB_WEBHOOK_PATH = '/webhooks/github';

/** GitHub caps webhook payloads at 25 MB; larger deliveries are never sent. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookRawBody {
  body?: unknown;
  /** Set when the request body exceeded the limit; the bytes were drained, not kept. */
  webhookBodyTooLarge?: boolean;
}

/**
 * Keeps the exact request bytes of webhook deliveries: the signature covers them, not a re-encoded
 * JSON. Registered for GITHUB_WEBHOOK_PATH before Nest's body parsers (which then skip the
 * consumed stream), so other routes keep their parsers and 100 kB limits while webhooks get
 * GitHub's 25 MB.
 */
export function githubWebhookRawBody(limit = MAX_WEBHOOK_BYTES) {
  return (req: IncomingMessage & WebhookRawBody, _res: ServerResponse, next: (error?: unknown) => void): void => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      req.webhookBodyTooLarge = size > limit;
      req.body = size > limit ? Buffer.alloc(0) : Buffer.concat(chunks);
      next();
    });
    req.on('error', next);
  };
}
