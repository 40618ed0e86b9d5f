import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { JobRunStatus } from '@nixsec/shared';
import { GraphQLJSON } from 'graphql-scalars';

registerEnumType(JobRunStatus, { name: 'JobRunStatus' });

@ObjectType({ description: 'One execution of a queued job (ingestion, evaluation, linking, builds, …).' })
@Entity('job_run')
export class JobRun {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  queueJobId: string | null;

  @Field({ description: 'Queue name, e.g. `ingestion.cve-list`.' })
  @Column({ type: 'text' })
  kind: string;

  @Field(() => JobRunStatus)
  @Column({ type: 'text' })
  status: JobRunStatus;

  @Field(() => Int)
  @Column({ type: 'integer', default: 1 })
  attempt: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  worker: string | null;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Field(() => GraphQLJSON, { description: 'What the run did, e.g. { ingested: 10, quarantined: 1 }.' })
  @Column({ type: 'jsonb', default: {} })
  counts: Record<string, number>;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Latest progress report of a running job.' })
  @Column({ type: 'jsonb', nullable: true })
  progress: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
