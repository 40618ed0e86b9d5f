import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/load-config';
import { JobQueueService } from '../../jobs/job-queue.service';
import { startTestApp, TestApp } from '../../testing/test-app';
import { PRUNE_WEBHOOK_DELIVERIES_JOB, PruneWebhookDeliveriesJob } from './prune-webhook-deliveries.job';

describe('pruning GitHub webhook deliveries', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { NIXSEC_WEBHOOK_RETENTION_DAYS: '10' } });
  });
  afterAll(() => t.close());

  const sql = (text: string, params: unknown[] = []): Promise<Array<{ delivery_id: string }>> => t.app.get(DataSource).query(text, params);

  it('deletes deliveries received before the retention and keeps the rest', async () => {
    const ages = { 'd-new': '1 minute', 'd-9-days': '9 days 23 hours', 'd-10-days': '10 days 1 minute', 'd-200-days': '200 days' };
    for (const [id, age] of Object.entries(ages)) {
      await sql(
        `INSERT INTO github_webhook_delivery (delivery_id, event, received_at, signature_ok, outcome, payload_bytes)
         VALUES ($1, 'ping', now() - $2::interval, true, 'ignored', 2)`,
        [id, age],
      );
    }

    expect(await t.app.get(PruneWebhookDeliveriesJob).run()).toEqual({ deleted: 2, retentionDays: 10 });
    const kept = await sql(`SELECT delivery_id FROM github_webhook_delivery ORDER BY id`);
    expect(kept.map((r) => r.delivery_id)).toEqual(['d-new', 'd-9-days']);
    expect(await t.app.get(PruneWebhookDeliveriesJob).run()).toEqual({ deleted: 0, retentionDays: 10 });
  });

  it('is a registered job kind, so the daily cron can queue it', async () => {
    await expect(t.app.get(JobQueueService).enqueue(PRUNE_WEBHOOK_DELIVERIES_JOB, {})).resolves.toEqual(expect.any(String));
  });

  it('refuses a retention under a week, since a pruned delivery could be replayed', () => {
    expect(loadConfig({}).NIXSEC_WEBHOOK_RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ NIXSEC_WEBHOOK_RETENTION_DAYS: '3' })).toThrow(
      /^Invalid configuration: NIXSEC_WEBHOOK_RETENTION_DAYS="3": expected a number of days between 7 and 3650 \(at least a week/,
    );
  });
});
