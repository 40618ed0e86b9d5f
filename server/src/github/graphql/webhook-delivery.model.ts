import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
// The one PageInfo type of the schema (Relay-style connections share it).
import { PageInfo } from '../../ingestion/graphql/cve.model';

@ObjectType('WebhookDelivery', { description: 'One request to POST /webhooks/github, verified or not.' })
export class WebhookDeliveryModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'X-GitHub-Delivery; a redelivery from GitHub keeps it, so it may repeat.' })
  deliveryId: string | null;
  @Field(() => String, { nullable: true, description: 'X-GitHub-Event, e.g. pull_request, ping.' }) event: string | null;
  @Field(() => String, { nullable: true, description: 'The payload\'s action, e.g. closed (verified deliveries only).' }) action: string | null;
  @Field(() => String, { nullable: true, description: 'owner/name of the repository (verified deliveries only).' }) repository: string | null;
  @Field(() => String, { nullable: true, description: 'GitHub login that caused the event (verified deliveries only).' }) sender: string | null;
  @Field(() => GraphQLISODateTime) receivedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;
  @Field({ description: 'X-Hub-Signature-256 matched the configured secret.' }) signatureOk: boolean;
  @Field({ description: 'processing, processed, ignored (no handler), duplicate (replay), failed (a handler threw), rejected, not_configured' })
  outcome: string;
  @Field(() => String, { nullable: true, description: 'Why it was rejected, or which handlers failed and how.' }) error: string | null;
  @Field(() => Int) payloadBytes: number;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field() cursor: string;
  @Field(() => WebhookDeliveryModel) node: WebhookDeliveryModel;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => Int, { defaultValue: 50, description: 'Page size, at most 200.' })
  first: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;

  @Field(() => String, { nullable: true, description: 'Only this X-GitHub-Event, e.g. pull_request.' })
  event?: string;
}
