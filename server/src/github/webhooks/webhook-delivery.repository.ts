import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '../../database/pg-pool';
import { DeliveryOutcome } from './github-webhook.types';

/** What we know of a request before processing it. */
export interface DeliveryFacts {
  deliveryId: string | null;
  event: string | null;
  action: string | null;
  repository: string | null;
  sender: string | null;
  signatureOk: boolean;
  payloadBytes: number;
}

export interface WebhookDelivery extends DeliveryFacts {
  id: string;
  receivedAt: Date;
  finishedAt: Date | null;
  outcome: DeliveryOutcome;
  error: string | null;
}

// A delivery left 'processing' this long ago belongs to a process that died mid-way: GitHub may
// redeliver it, so it must not block the redelivery forever.
const STALE_PROCESSING = '10 minutes';
const MAX_ERROR_LENGTH = 4000;
// Old rows go in slices so that pruning a long backlog never holds one huge transaction.
const PRUNE_BATCH = 5000;

const COLUMNS = `id::text, delivery_id AS "deliveryId", event, action, repository, sender, received_at AS "receivedAt",
  finished_at AS "finishedAt", signature_ok AS "signatureOk", outcome, error, payload_bytes AS "payloadBytes"`;

/** github_webhook_delivery: one row per request to POST /webhooks/github. */
@Injectable()
export class WebhookDeliveryRepository {
  private readonly pool: Pool;

  constructor(dataSource: DataSource) {
    this.pool = pgPool(dataSource);
  }

  /** Records a request that is answered without processing (rejected, duplicate, not configured). */
  async record(facts: DeliveryFacts, outcome: DeliveryOutcome, error: string | null = null): Promise<string> {
    const { rows } = await this.pool.query(
      `INSERT INTO github_webhook_delivery
         (delivery_id, event, action, repository, sender, signature_ok, payload_bytes, outcome, error, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING id::text`,
      [...this.values(facts), outcome, truncate(error)],
    );
    return rows[0].id;
  }

  /**
   * Claims a verified delivery for processing: the row id, or null when the same delivery id is
   * already processed or being processed (a replay, or GitHub redelivering a success). A delivery
   * whose earlier attempts failed can be claimed again: that is how redelivery recovers.
   */
  async claim(facts: DeliveryFacts): Promise<string | null> {
    await this.pool.query(
      `UPDATE github_webhook_delivery
          SET outcome = 'failed', finished_at = now(), error = 'interrupted: the process stopped while handling it'
        WHERE delivery_id = $1 AND outcome = 'processing' AND received_at < now() - interval '${STALE_PROCESSING}'`,
      [facts.deliveryId],
    );
    const { rows } = await this.pool.query(
      `INSERT INTO github_webhook_delivery
         (delivery_id, event, action, repository, sender, signature_ok, payload_bytes, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'processing')
       ON CONFLICT (delivery_id) WHERE outcome IN ('processing', 'processed', 'ignored') DO NOTHING
       RETURNING id::text`,
      this.values(facts),
    );
    return rows[0]?.id ?? null;
  }

  async finish(id: string, outcome: DeliveryOutcome, error: string | null = null): Promise<void> {
    await this.pool.query(
      `UPDATE github_webhook_delivery SET outcome = $2, error = $3, finished_at = now() WHERE id = $1`,
      [id, outcome, truncate(error)],
    );
  }

  /** Newest first, optionally the attempts of one delivery id. */
  async recent(first: number, deliveryId?: string): Promise<WebhookDelivery[]> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM github_webhook_delivery
        WHERE $2::text IS NULL OR delivery_id = $2
        ORDER BY received_at DESC, id DESC LIMIT $1`,
      [first, deliveryId ?? null],
    );
    return rows;
  }

  /**
   * A page of deliveries, newest first (by id: the order they arrived in), optionally of one event
   * (`ping`, `pull_request`, …); `afterId` is the last id of the previous page.
   */
  async page(first: number, afterId: string | null, event: string | null): Promise<{ rows: WebhookDelivery[]; hasNext: boolean }> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM github_webhook_delivery
        WHERE ($2::bigint IS NULL OR id < $2) AND ($3::text IS NULL OR event = $3)
        ORDER BY id DESC LIMIT $1`,
      [first + 1, afterId, event],
    );
    return { rows: rows.slice(0, first), hasNext: rows.length > first };
  }

  /** Deletes deliveries received more than `days` days ago; returns how many. */
  async pruneOlderThan(days: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM github_webhook_delivery WHERE id IN (
           SELECT id FROM github_webhook_delivery WHERE received_at < now() - make_interval(days => $1) LIMIT $2)`,
        [days, PRUNE_BATCH],
      );
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < PRUNE_BATCH) return deleted;
    }
  }

  private values(facts: DeliveryFacts): unknown[] {
    return [
      facts.deliveryId,
      facts.event,
      facts.action,
      facts.repository,
      facts.sender,
      facts.signatureOk,
      facts.payloadBytes,
    ];
  }
}

function truncate(text: string | null): string | null {
  return text && text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
