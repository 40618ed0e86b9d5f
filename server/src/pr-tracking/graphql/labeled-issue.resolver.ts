import { Args, Context, Field, GraphQLISODateTime, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { batchLoader } from '../../graphql/batch-loader';
import { PullRequestRow } from '../store/pull-request.store';
import { updatedCursor } from '../store/updated-cursor';
import { PrTrackingService } from '../pr-tracking.service';
import { PullRequest } from './pull-request.model';

@ObjectType({ description: 'A GitHub issue (not a pull request) carrying a tracked label, e.g. "1.severity: security".' })
export class LabeledIssue {
  @Field(() => Int) number: number;
  @Field() repository: string;
  @Field() title: string;
  @Field({ description: 'open or closed' }) state: string;
  @Field(() => [String]) labels: string[];
  @Field() htmlUrl: string;
  @Field(() => GraphQLISODateTime, { description: 'When GitHub last changed it.' }) updatedAt: Date;
}

@ObjectType()
export class LabeledIssueEdge {
  @Field(() => LabeledIssue) node: LabeledIssue;
  @Field() cursor: string;
}

@ObjectType({ description: 'A page of labelled issues; pass endCursor as `after` for the next one.' })
export class LabeledIssueConnection {
  @Field(() => [LabeledIssueEdge]) edges: LabeledIssueEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** Public and read-only, like the issues on GitHub. */
@Resolver(() => LabeledIssue)
export class LabeledIssueResolver {
  /** Per request: the PRs naming each issue, and the PRs themselves, each in one query for the whole list. */
  private readonly loaders = new WeakMap<object, { mentions: (issue: number) => Promise<number[] | null>; pullRequest: (n: number) => Promise<PullRequestRow | null> }>();

  constructor(private readonly service: PrTrackingService) {}

  @Query(() => LabeledIssueConnection, { description: 'Issues with any of these labels (default: NIXSEC_PR_LABELS), most recently updated first; cursor pagination (first: up to 200).' })
  async labeledIssues(
    @Args('labels', { type: () => [String], nullable: true }) labels: string[] | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<LabeledIssueConnection> {
    const { rows, hasNext } = await this.service.labeledIssues(labels, first, after);
    const edges = rows.map((node) => ({ node, cursor: updatedCursor(node) }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }

  @ResolveField(() => [PullRequest], { complexity: 5, description: 'Tracked pull requests that name this issue (#N in title, body or commit messages, e.g. "fixes #N"), with their landings.' })
  async pullRequests(@Parent() issue: LabeledIssue, @Context() ctx: object): Promise<PullRequest[]> {
    let loaders = this.loaders.get(ctx);
    if (!loaders) {
      const repository = this.service.repository;
      loaders = {
        mentions: batchLoader((issues: number[]) => this.service.issues.mentioningPullRequests(repository, issues)),
        pullRequest: batchLoader((numbers: number[]) => this.service.store.getMany(repository, numbers)),
      };
      this.loaders.set(ctx, loaders);
    }
    const numbers = (await loaders.mentions(issue.number)) ?? [];
    const prs = await Promise.all(numbers.map(loaders.pullRequest));
    return prs.filter((pr): pr is PullRequestRow => pr !== null);
  }
}
