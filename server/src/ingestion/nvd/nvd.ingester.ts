import { Pool } from 'pg';
import { CveIngestionPipeline, PipelineOptions } from '../cve/cve-ingestion-pipeline';
import { CveStore } from '../cve/cve-store';
import { normalizeNvdCve } from '../cve/normalize/nvd-cve.normalizer';
import { IngestionRunStore } from '../runs/ingestion-run-store';
import { IngestionSummary } from '../cve-list/cve-list.ingester';
import { NvdClient, NvdClientOptions, NvdFetchError } from './nvd-client';

export const NVD = 'nvd';
const BOOKMARK = 'nvd.lastModified';

export interface NvdIngestOptions extends PipelineOptions {
  /** Fetch records modified since this date instead of since the stored bookmark. */
  since?: Date;
  /** Ignore the bookmark and fetch everything. */
  full?: boolean;
}

/**
 * `nixsec ingest nvd`: NVD API 2.0 records into the CVE store, incrementally by lastModified.
 * The bookmark is NVD's own timestamp of the first response, so clock skew cannot open a gap;
 * it only advances when every page was stored.
 */
export class NvdIngester {
  private readonly store: CveStore;
  private readonly runs: IngestionRunStore;

  constructor(
    pool: Pool,
    private readonly clientOptions: NvdClientOptions,
  ) {
    this.store = new CveStore(pool);
    this.runs = new IngestionRunStore(pool);
  }

  async ingest(options: NvdIngestOptions = {}): Promise<IngestionSummary & { failed: boolean }> {
    const stored = options.full ? null : await this.runs.bookmark(BOOKMARK);
    const since = options.since ?? (stored ? new Date(stored) : undefined);
    const input = since ? `NVD API, modified since ${since.toISOString()}` : 'NVD API, all records';
    const run = await this.runs.start(NVD, input, since?.toISOString() ?? null);
    const pipeline = new CveIngestionPipeline(NVD, run.id, this.store, this.runs, await this.store.knownHashes(NVD), options);
    const client = new NvdClient(this.clientOptions);
    let firstTimestamp: Date | null = null;
    try {
      for await (const page of client.pages({ lastModStart: since, lastModEnd: since ? new Date() : undefined })) {
        firstTimestamp ??= page.timestamp;
        for (const item of page.vulnerabilities) {
          const id = typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `#${page.startIndex}`;
          await pipeline.accept(`nvd:${id}`, Buffer.from(JSON.stringify(item)), normalizeNvdCve);
        }
      }
      await pipeline.flush();
      const bookmark = firstTimestamp?.toISOString() ?? stored;
      if (bookmark) await this.runs.setBookmark(BOOKMARK, bookmark, run.id);
      await this.runs.finish(run.id, pipeline.counts, bookmark);
      return { runId: run.id, input, counts: pipeline.counts, bookmark, failed: false };
    } catch (err) {
      if (!(err instanceof NvdFetchError)) {
        await this.runs.fail(run.id, pipeline.counts, (err as Error).message);
        throw err;
      }
      // Keep every page already stored; the bookmark stays, so the next run fetches the rest again.
      await pipeline.flush();
      await pipeline.refuse(err.url, 'http-error', err.message, null);
      await this.runs.fail(run.id, pipeline.counts, err.message);
      return { runId: run.id, input, counts: pipeline.counts, bookmark: stored, failed: true };
    } finally {
      await run.release();
    }
  }
}
