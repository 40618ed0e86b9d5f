import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Advisory } from '../../advisories/graphql/advisory.model';

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

@ObjectType()
export class PullRequestEdge {
  @Field(() => PullRequest) node: PullRequest;
  @Field() cursor: string;
}

@ObjectType({ description: 'A page of pull requests; pass endCursor as `after` for the next one.' })
export class PullRequestConnection {
  @Field(() => [PullRequestEdge]) edges: PullRequestEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType({ description: 'A branch of the branch graph a pull request flows along: its base and every branch downstream, and any other branch it was found on.' })
export class PrBranchNode {
  @Field() branch: string;
  @Field(() => [String], { description: 'The branches it flows into (NIXSEC_BRANCH_GRAPH), e.g. master → nixos-unstable-small, nixpkgs-unstable.' }) next: string[];
  @Field({ description: 'Whether the merge commit is on this branch.' }) reached: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When nixsec first saw it there.' }) firstSeen: Date | null;
}

@ObjectType({ description: 'An advisory a pull request is linked to as one of its fixes, and why.' })
export class PrAdvisoryLink {
  @Field(() => Advisory) advisory: Advisory;
  @Field({ description: 'e.g. "mentions CVE-2024-9143", "backport of #345678", "linked by sam".' }) reason: string;
}
