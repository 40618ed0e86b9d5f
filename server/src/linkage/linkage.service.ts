import { Injectable } from '@nestjs/common';
import { LinkageJobs } from './jobs/linkage.jobs';

/** CVEs per `linkage.link-cves` job: the linker's own batch size. */
export const LINK_BATCH = 500;

/** What other modules ask of linkage. */
@Injectable()
export class LinkageService {
  constructor(private readonly jobs: LinkageJobs) {}

  /**
   * Queues an incremental link of exactly these CVEs (just committed by an ingestion run), in
   * batches, so their suggestions follow within seconds instead of at the next scheduled run.
   * Should the process die before this, the scheduled run still finds them (changed since linked).
   */
  async linkSoon(cveIds: readonly string[]): Promise<number> {
    const ids = [...new Set(cveIds)].sort();
    for (let i = 0; i < ids.length; i += LINK_BATCH) await this.jobs.enqueueLinkCves(ids.slice(i, i + LINK_BATCH));
    return Math.ceil(ids.length / LINK_BATCH);
  }
}
