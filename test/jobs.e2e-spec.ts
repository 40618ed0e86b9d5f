import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import request from 'supertest';
import { createWorkerContext } from '../server/src/bootstrap/create-app';
import { AppConfig } from '../server/src/config/app-config';
import { JobQueueService } from '../server/src/jobs/job-queue.service';
import { startTestApp, TestApp } from '../server/src/testing/test-app';

@Injectable()
class TestJobs implements OnModuleInit {
  constructor(private readonly queue: JobQueueService) {}

  onModuleInit(): void {
    this.queue.register<{ n: number }>('test.count', async ({ n }, ctx) => {
      await ctx.reportProgress({ done: n, total: n });
      return { processed: n };
    });
    this.queue.register<{ why: string }>(
      'test.fail',
      async ({ why }) => {
        throw new Error(`refusing: ${why}`);
      },
      { retryLimit: 1, retryDelaySeconds: 0 },
    );
    this.queue.register<{ ms: number }>(
      'test.exclusive',
      async ({ ms }) => {
        const started = Date.now();
        await new Promise((r) => setTimeout(r, ms));
        exclusiveIntervals.push([started, Date.now()]);
      },
      { concurrency: 2, clusterConcurrency: 1 },
    );
  }
}

/** Start/end of every test.exclusive run, from every process in this test (they share the module). */
const exclusiveIntervals: [number, number][] = [];

@Module({ providers: [TestJobs] })
class TestJobsModule {}

const RUNS = `query Runs($kind: String) {
  jobRuns(kind: $kind) { id kind status attempt counts progress error startedAt finishedAt worker }
}`;

async function waitForRuns(t: TestApp, kind: string, predicate: (runs: any[]) => boolean): Promise<any[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request(t.url).post('/graphql').send({ query: RUNS, variables: { kind } });
    const runs = res.body.data.jobRuns;
    if (predicate(runs)) return runs;
    if (Date.now() > deadline) throw new Error(`job runs of ${kind} never matched: ${JSON.stringify(runs)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('job queue on PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { NIXSEC_RUN_JOBS: 'true' }, modules: [TestJobsModule] });
  });
  afterAll(() => t.close());

  it('runs an enqueued job and records the run with its counts, queryable in GraphQL', async () => {
    await t.app.get(JobQueueService).enqueue('test.count', { n: 3 });
    const [run] = await waitForRuns(t, 'test.count', (runs) => runs[0]?.status === 'COMPLETED');
    expect(run).toMatchObject({ kind: 'test.count', attempt: 1, counts: { processed: 3 }, error: null });
    expect(run.progress).toEqual({ done: 3, total: 3 });
    expect(new Date(run.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(run.startedAt).getTime());
  });

  it('records each failed attempt with the error, retrying per the queue policy', async () => {
    await t.app.get(JobQueueService).enqueue('test.fail', { why: 'bad input' });
    const runs = await waitForRuns(t, 'test.fail', (r) => r.length === 2 && r.every((x) => x.status === 'FAILED'));
    expect(runs.map((r) => r.attempt).sort()).toEqual([1, 2]);
    expect(runs.every((r) => r.error === 'refusing: bad input')).toBe(true);
  });

  it('refuses to enqueue a kind nobody handles', async () => {
    await expect(t.app.get(JobQueueService).enqueue('test.unknown', {})).rejects.toThrow(
      'No handler is registered for job kind test.unknown',
    );
  });
});

describe('separate worker process', () => {
  it('a cluster-wide limit holds across processes: two workers never run a limited kind at once', async () => {
    exclusiveIntervals.length = 0;
    const t = await startTestApp({ env: { NIXSEC_RUN_JOBS: 'true' }, modules: [TestJobsModule] });
    const worker = await createWorkerContext(new AppConfig({ ...t.config.values, NIXSEC_RUN_JOBS: true }), [TestJobsModule]);
    await worker.init();
    try {
      const queue = t.app.get(JobQueueService);
      for (let i = 0; i < 4; i++) await queue.enqueue('test.exclusive', { ms: 600 });
      const runs = await waitForRuns(t, 'test.exclusive', (r) => r.length === 4 && r.every((x) => x.status === 'COMPLETED'));
      expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThanOrEqual(1);
      const sorted = [...exclusiveIntervals].sort((a, b) => a[0] - b[0]);
      expect(sorted).toHaveLength(4);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i][0]).toBeGreaterThanOrEqual(sorted[i - 1][1]);
      // A run that had to wait says so in its progress while it waits.
      expect(runs.some((r) => String(r.progress?.waitingFor ?? '').includes('test.exclusive'))).toBe(true);
    } finally {
      await worker.close();
      await t.close();
    }
  });


  it('a worker without HTTP runs jobs enqueued by a server that does not run jobs', async () => {
    const t = await startTestApp({ env: { NIXSEC_RUN_JOBS: 'false' }, modules: [TestJobsModule] });
    const worker = await createWorkerContext(
      new AppConfig({ ...t.config.values, NIXSEC_RUN_JOBS: true }),
      [TestJobsModule],
    );
    await worker.init();
    try {
      expect(t.app.get(JobQueueService).isConsuming).toBe(false);
      await t.app.get(JobQueueService).enqueue('test.count', { n: 7 });
      const [run] = await waitForRuns(t, 'test.count', (runs) => runs[0]?.status === 'COMPLETED');
      expect(run.counts).toEqual({ processed: 7 });
      expect(run.worker).toMatch(new RegExp(`:${process.pid}$`));
    } finally {
      await worker.close();
      await t.close();
    }
  });
});
