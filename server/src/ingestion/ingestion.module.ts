import { Module } from '@nestjs/common';
import { LinkageModule } from '../linkage/linkage.module';
import { EvaluationEvents } from './evaluations/evaluation-events';
import { EvaluationQueryRepository } from './evaluations/graphql/evaluation-query.repository';
import { EvaluationJobs } from './evaluations/jobs/evaluation.jobs';
import { EvaluationResolver, EvaluationsResolver, MaintainerResolver } from './evaluations/graphql/evaluations.resolver';
import { CveQueryRepository } from './graphql/cve-query.repository';
import { CveResolver } from './graphql/cve.resolver';
import { IngestionRunsResolver } from './graphql/ingestion-runs.resolver';
import { CveIngestionJobs } from './jobs/cve-ingestion.jobs';
import { IngestionScheduler } from './jobs/ingestion.scheduler';

/** Ingestion of CVE List V5, NVD API 2.0 (issue 3), Nixpkgs channels and evaluations (issue 4). */
@Module({
  imports: [LinkageModule],
  providers: [
    CveQueryRepository,
    CveResolver,
    IngestionRunsResolver,
    CveIngestionJobs,
    IngestionScheduler,
    EvaluationQueryRepository,
    EvaluationsResolver,
    EvaluationResolver,
    MaintainerResolver,
    EvaluationJobs,
    EvaluationEvents,
  ],
  exports: [IngestionScheduler, EvaluationEvents],
})
export class IngestionModule {}
