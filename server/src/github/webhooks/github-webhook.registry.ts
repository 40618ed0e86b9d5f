import { Injectable } from '@nestjs/common';
import { DISPATCHED_EVENTS, GithubEventName, GithubWebhookHandler } from './github-webhook.types';

export interface WebhookRegistration {
  name: string;
  handler: GithubWebhookHandler;
}

/**
 * Where modules subscribe to GitHub events, usually in onModuleInit:
 * `registry.onEvent('pull_request', (event) => this.track(event), 'pr-tracking')`.
 * Handlers of an event run one after another in registration order.
 */
@Injectable()
export class GithubWebhookRegistry {
  private readonly handlers = new Map<GithubEventName, WebhookRegistration[]>();

  /** `name` appears in the delivery record and the logs when the handler fails. */
  onEvent(event: GithubEventName, handler: GithubWebhookHandler, name?: string): void {
    if (!(DISPATCHED_EVENTS as readonly string[]).includes(event)) {
      throw new RangeError(`GitHub event "${event}" is not dispatched: add it to DISPATCHED_EVENTS`);
    }
    const registrations = this.handlers.get(event) ?? [];
    registrations.push({ name: name ?? (handler.name || `${event} handler ${registrations.length + 1}`), handler });
    this.handlers.set(event, registrations);
  }

  handlersFor(event: string): readonly WebhookRegistration[] {
    return this.handlers.get(event as GithubEventName) ?? [];
  }
}
