import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobRuns1732406400000 implements MigrationInterface {
  name = 'JobRuns1732406400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE job_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue_job_id uuid,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        attempt integer NOT NULL DEFAULT 1,
        worker text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        progress jsonb,
        error text
      )`);
    await q.query(`CREATE INDEX job_run_kind_started_idx ON job_run (kind, started_at DESC)`);
    await q.query(`CREATE INDEX job_run_started_idx ON job_run (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_run`);
  }
}
