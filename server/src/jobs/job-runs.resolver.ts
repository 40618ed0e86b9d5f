import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { JobRunStatus } from '@nixsec/shared';
import { JobRun } from './job-run.entity';
import { JobRunsService } from './job-runs.service';

@Resolver(() => JobRun)
export class JobRunsResolver {
  constructor(private readonly runs: JobRunsService) {}

  @Query(() => [JobRun], { description: 'Most recent job runs first.' })
  jobRuns(
    @Args('kind', { nullable: true }) kind?: string,
    @Args('status', { type: () => JobRunStatus, nullable: true }) status?: JobRunStatus,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
  ): Promise<JobRun[]> {
    return this.runs.list({ kind, status, first: Math.min(Math.max(first, 1), 500) });
  }

  @Query(() => JobRun, { nullable: true })
  jobRun(@Args('id', { type: () => ID }) id: string): Promise<JobRun | null> {
    return this.runs.get(id);
  }
}
