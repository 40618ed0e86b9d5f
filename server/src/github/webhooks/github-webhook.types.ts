/**
 * Events the receiver hands to registered handlers. Others (ping, …) are recorded and answered
 * 200 as ignored; add a name here to dispatch it.
 */
export const DISPATCHED_EVENTS = ['issues', 'pull_request', 'push', 'membership', 'organization'] as const;

export type GithubEventName = (typeof DISPATCHED_EVENTS)[number];

/** The fields every event may carry; handlers narrow the rest for their event. */
export interface GithubWebhookPayload {
  action?: string;
  repository?: { id: number; full_name: string };
  organization?: { id: number; login: string };
  sender?: { id: number; login: string };
  installation?: { id: number };
  [field: string]: unknown;
}

export interface GithubWebhookEvent<P extends GithubWebhookPayload = GithubWebhookPayload> {
  /** X-GitHub-Delivery: the same for a redelivery of the same event. */
  deliveryId: string;
  name: GithubEventName;
  action: string | null;
  payload: P;
  receivedAt: Date;
}

/**
 * Runs while GitHub waits (10 s): enqueue a job for anything slow. Must be idempotent: a delivery
 * that failed is processed again, by every handler, when it is redelivered.
 */
export type GithubWebhookHandler = (event: GithubWebhookEvent) => Promise<void> | void;

export type DeliveryOutcome =
  | 'processing'
  | 'processed'
  | 'ignored'
  | 'duplicate'
  | 'failed'
  | 'rejected'
  | 'not_configured';
