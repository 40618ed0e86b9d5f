import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CveQueryRepository } from './cve-query.repository';
import { IngestionRun, QuarantineEntry } from './ingestion-run.model';

@Resolver()
export class IngestionRunsResolver {
  constructor(private readonly queries: CveQueryRepository) {}

  @Query(() => [IngestionRun], { description: 'Most recent ingestion runs first.' })
  ingestionRuns(
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<IngestionRun[]> {
    return this.queries.ingestionRuns(source, Math.min(Math.max(first, 1), 500));
  }

  @Query(() => [QuarantineEntry], { description: 'Refused input records, most recently seen first.' })
  quarantine(
    @Args('source', { type: () => String, nullable: true }) source: string | null,
    @Args('includeResolved', { defaultValue: false }) includeResolved: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<QuarantineEntry[]> {
    return this.queries.quarantine(source, includeResolved, Math.min(Math.max(first, 1), 500));
  }
}
