import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { GithubWebhookRegistry } from './github-webhook.registry';
import { DeliveryOutcome, GithubEventName, GithubWebhookPayload } from './github-webhook.types';
import { verifyWebhookSignature } from './webhook-signature';
import { DeliveryFacts, WebhookDeliveryRepository } from './webhook-delivery.repository';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  /** The exact bytes received; undefined when the raw-body middleware did not run. */
  body: Buffer | undefined;
  tooLarge?: boolean;
}

/** What the controller answers; `status` is the HTTP status. */
export interface WebhookReceipt {
  status: number;
  body: { outcome: DeliveryOutcome; deliveryId: string | null; message?: string };
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  // Unverified requests choose these values: keep them short in the records.
  return typeof value === 'string' && value !== '' ? value.slice(0, 200) : undefined;
};

/**
 * POST /webhooks/github: verify → record → claim the delivery id → dispatch → record the outcome.
 *
 * HTTP answers, chosen so that GitHub's "Redeliver" does the right thing:
 * - 503 no GITHUB_WEBHOOK_SECRET; 401 missing or wrong signature; 400 no delivery id/event or bad JSON;
 * - 200 `duplicate` for a delivery id already processed (a replay is harmless and not an error,
 *   and redelivering a success from GitHub's UI shows green without doing the work twice);
 * - 200 `processed` / `ignored` (no handler for the event);
 * - 500 `failed` when a handler threw: every handler still ran, the failure is recorded, and GitHub
 *   shows the delivery as failed so it can be redelivered, which processes it again.
 */
@Injectable()
export class GithubWebhooksService {
  private readonly logger = new Logger(GithubWebhooksService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: GithubWebhookRegistry,
    private readonly deliveries: WebhookDeliveryRepository,
  ) {}

  async receive(request: WebhookRequest): Promise<WebhookReceipt> {
    if (!request.body) {
      throw new Error(`the webhook body was not kept: create the app with createHttpApp (githubWebhookRawBody)`);
    }
    const deliveryId = header(request.headers, 'x-github-delivery') ?? null;
    const event = header(request.headers, 'x-github-event') ?? null;
    const facts: DeliveryFacts = {
      deliveryId,
      event,
      action: null,
      repository: null,
      sender: null,
      signatureOk: false,
      payloadBytes: request.body.length,
    };
    const answer = async (status: number, outcome: DeliveryOutcome, message: string, error = message) => {
      await this.deliveries.record(facts, outcome, error);
      return { status, body: { outcome, deliveryId, message } };
    };

    const secret = this.config.get('GITHUB_WEBHOOK_SECRET');
    if (!secret) {
      return answer(
        503,
        'not_configured',
        'GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET_FILE (or GITHUB_WEBHOOK_SECRET) to the secret of the GitHub webhook',
      );
    }
    if (request.tooLarge) return answer(413, 'rejected', 'the payload is larger than GitHub sends (25 MB)');
    const signature = header(request.headers, 'x-hub-signature-256');
    if (!signature) {
      this.logger.warn(`GitHub webhook ${deliveryId ?? '(no delivery id)'} rejected: no X-Hub-Signature-256`);
      return answer(401, 'rejected', 'missing X-Hub-Signature-256: configure a secret on the GitHub webhook');
    }
    if (!verifyWebhookSignature(secret, request.body, signature)) {
      this.logger.warn(`GitHub webhook ${deliveryId ?? '(no delivery id)'} rejected: signature does not match`);
      return answer(401, 'rejected', 'X-Hub-Signature-256 does not match: the GitHub webhook secret differs from GITHUB_WEBHOOK_SECRET');
    }
    facts.signatureOk = true;
    if (!deliveryId || !event) return answer(400, 'rejected', 'missing X-GitHub-Delivery or X-GitHub-Event header');
    const payload = parsePayload(request.body, request.headers['content-type']);
    if (!payload) return answer(400, 'rejected', 'the payload is not a JSON object');
    facts.action = typeof payload.action === 'string' ? payload.action : null;
    facts.repository = payload.repository?.full_name ?? null;
    facts.sender = payload.sender?.login ?? null;

    const id = await this.deliveries.claim(facts);
    if (!id) {
      await this.deliveries.record(facts, 'duplicate', null);
      return { status: 200, body: { outcome: 'duplicate', deliveryId, message: 'this delivery was already processed' } };
    }
    return this.dispatch(id, facts, event, payload);
  }

  private async dispatch(id: string, facts: DeliveryFacts, event: string, payload: GithubWebhookPayload): Promise<WebhookReceipt> {
    const deliveryId = facts.deliveryId as string;
    const handlers = this.registry.handlersFor(event);
    if (handlers.length === 0) {
      await this.deliveries.finish(id, 'ignored');
      return { status: 200, body: { outcome: 'ignored', deliveryId, message: `nothing handles "${event}" events` } };
    }
    const webhookEvent = {
      deliveryId,
      name: event as GithubEventName,
      action: facts.action,
      payload,
      receivedAt: new Date(),
    };
    const failures: string[] = [];
    for (const { name, handler } of handlers) {
      try {
        await handler(webhookEvent);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${name}: ${message}`);
        this.logger.error(
          `GitHub webhook ${deliveryId} (${event}${facts.action ? `.${facts.action}` : ''}): handler ${name} failed: ${message}`,
          error instanceof Error ? error.stack : undefined,
        );
      }
    }
    if (failures.length > 0) {
      await this.deliveries.finish(id, 'failed', failures.join('\n'));
      const names = failures.map((f) => f.slice(0, f.indexOf(':')));
      return {
        status: 500,
        body: {
          outcome: 'failed',
          deliveryId,
          message: `${failures.length} of ${handlers.length} handlers failed (${names.join(', ')}); redeliver to retry`,
        },
      };
    }
    await this.deliveries.finish(id, 'processed');
    return { status: 200, body: { outcome: 'processed', deliveryId } };
  }
}

/** GitHub sends JSON, or `payload=<JSON>` when the webhook's content type is form-encoded. */
function parsePayload(body: Buffer, contentType: string | undefined): GithubWebhookPayload | null {
  try {
    const text = body.toString('utf8');
    const json = contentType?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(text).get('payload')
      : text;
    const parsed: unknown = json === null ? null : JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as GithubWebhookPayload) : null;
  } catch {
    return null;
  }
}
