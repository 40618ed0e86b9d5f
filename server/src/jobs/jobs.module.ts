import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobQueueService } from './job-queue.service';
import { JobRun } from './job-run.entity';
import { JobRunsResolver } from './job-runs.resolver';
import { JobRunsService } from './job-runs.service';

/** Global so every feature module can register handlers and enqueue without re-importing. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobRun])],
  providers: [JobQueueService, JobRunsService, JobRunsResolver],
  exports: [JobQueueService, JobRunsService],
})
export class JobsModule {}
