import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'One run of an ingester (CVE List, NVD, evaluations).' })
export class IngestionRun {
  @Field(() => ID) id: string;
  @Field() source: string;
  @Field({ description: 'What was read: a path, an archive, a git range, an API window.' }) input: string;
  @Field({ description: 'running, completed, failed or crashed' }) status: string;
  @Field(() => GraphQLISODateTime) startedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;
  @Field(() => GraphQLJSON, { description: 'read, ingested, updated, unchanged, deleted, quarantined, rejected' })
  counts: Record<string, number>;
  @Field(() => String, { nullable: true }) bookmarkBefore: string | null;
  @Field(() => String, { nullable: true }) bookmarkAfter: string | null;
  @Field(() => String, { nullable: true }) error: string | null;
}

@ObjectType({ description: 'An input record that was refused, kept aside with its bytes.' })
export class QuarantineEntry {
  @Field(() => ID) id: string;
  @Field() source: string;
  @Field({ description: 'File path, archive entry or API request that held the record.' }) recordKey: string;
  @Field({ description: 'malformed-json, wrong-schema, missing-id, bad-id, bad-date, oversized, truncated, http-error' })
  reason: string;
  @Field() message: string;
  @Field(() => Int) occurrences: number;
  @Field(() => GraphQLISODateTime) firstSeenAt: Date;
  @Field(() => GraphQLISODateTime) lastSeenAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set when the record later ingested fine.' })
  resolvedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The first 2 KiB of the raw input, as text.' })
  rawPreview: string | null;
}
