import { Args, Field, GraphQLISODateTime, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
  constructor(private readonly service: PrTrackingService) {}

  @Query(() => [LabeledIssue], { description: 'Issues with any of these labels (default: NIXSEC_PR_LABELS), most recently updated first.' })
  labeledIssues(
    @Args('labels', { type: () => [String], nullable: true }) labels: string[] | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<LabeledIssue[]> {
    return this.service.labeledIssues(labels, first);
  }

  @ResolveField(() => [PullRequest], { complexity: 5, description: 'Tracked pull requests that name this issue (#N in title, body or commit messages, e.g. "fixes #N"), with their landings.' })
  async pullRequests(@Parent() issue: LabeledIssue): Promise<PullRequest[]> {
    const numbers = (await this.service.issues.mentioningPullRequests(issue.repository, [issue.number])).get(issue.number) ?? [];
    const prs = await Promise.all(numbers.map((n) => this.service.pullRequest(n)));
    return prs.filter((pr): pr is NonNullable<typeof pr> => pr !== null);
  }
}
