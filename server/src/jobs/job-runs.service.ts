import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JobRunStatus } from '@nixsec/shared';
import { Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { JobRun } from './job-run.entity';

export interface JobRunFilter {
  kind?: string;
  status?: JobRunStatus;
  first: number;
}

/** Records every execution of a job so operators can see what ran, when, and what it did. */
@Injectable()
export class JobRunsService {
  constructor(@InjectRepository(JobRun) private readonly runs: Repository<JobRun>) {}

  start(kind: string, queueJobId: string | null, attempt: number, worker: string): Promise<JobRun> {
    return this.runs.save(
      this.runs.create({ kind, queueJobId, attempt, worker, status: JobRunStatus.RUNNING, counts: {} }),
    );
  }

  async progress(id: string, progress: Record<string, unknown>): Promise<void> {
    await this.runs.update({ id }, { progress } as QueryDeepPartialEntity<JobRun>);
  }

  async finish(id: string, counts: Record<string, number>): Promise<void> {
    await this.runs.update({ id }, { status: JobRunStatus.COMPLETED, finishedAt: new Date(), counts });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.runs.update({ id }, { status: JobRunStatus.FAILED, finishedAt: new Date(), error });
  }

  list(filter: JobRunFilter): Promise<JobRun[]> {
    return this.runs.find({
      where: { kind: filter.kind, status: filter.status },
      order: { startedAt: 'DESC' },
      take: filter.first,
    });
  }

  get(id: string): Promise<JobRun | null> {
    return this.runs.findOneBy({ id });
  }
}
