import { Args, Context, Field, GraphQLISODateTime, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { batchLoader } from '../../graphql/batch-loader';
import { PullRequestRow } from '../store/pull-request.store';
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

/** Public and read-only, like the issues on GitHub. */
@Resolver(() => LabeledIssue)
export class LabeledIssueResolver {
  /** Per request: the PRs naming each issue, and the PRs themselves, each in one query for the whole list. */
  private readonly loaders = new WeakMap<object, { mentions: (issue: number) => Promise<number[] | null>; pullRequest: (n: number) => Promise<PullRequestRow | null> }>();

  constructor(private readonly service: PrTrackingService) {}

  @Query(() => [LabeledIssue], { description: 'Issues with any of these labels (default: NIXSEC_PR_LABELS), most recently updated first.' })
  labeledIssues(
    @Args('labels', { type: () => [String], nullable: true }) labels: string[] | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<LabeledIssue[]> {
    return this.service.labeledIssues(labels, first);
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
