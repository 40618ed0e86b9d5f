import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A branch a merged pull request has reached, and when nixsec first saw it there.' })
export class PrLanding {
  @Field({ description: 'e.g. master, nixos-unstable-small, release-24.11' }) branch: string;
  @Field(() => GraphQLISODateTime) firstSeen: Date;
}

@ObjectType({ description: 'A Nixpkgs pull request as GitHub last described it, with the branches it has landed on.' })
export class PullRequest {
  @Field(() => Int) number: number;
  @Field() repository: string;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'Known from webhooks; null when only the pull request list was read.' }) body: string | null;
  @Field({ description: 'open, closed (unmerged) or merged' }) state: string;
  @Field() draft: boolean;
  @Field({ description: 'The branch it targets.' }) base: string;
  @Field(() => String, { nullable: true, description: 'The commit that landed on the base branch (merged PRs only).' }) mergeCommit: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) mergedAt: Date | null;
  @Field(() => [String]) labels: string[];
  @Field(() => String, { nullable: true }) author: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When GitHub last changed it.' }) updatedAt: Date;
}
