import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { PrTrackingService } from '../pr-tracking.service';
import { PrLanding, PullRequest } from './pull-request.model';

/** Public and read-only: PR data is public on GitHub. */
@Resolver(() => PullRequest)
export class PullRequestResolver {
  constructor(private readonly service: PrTrackingService) {}

  @Query(() => PullRequest, { nullable: true, description: 'A pull request of the tracked Nixpkgs repository (NIXSEC_PR_REPOSITORY); null when it is not tracked.' })
  pullRequest(@Args('number', { type: () => Int }) number: number): Promise<PullRequest | null> {
    return this.service.pullRequest(number);
  }

  @Query(() => [PullRequest], { description: 'Pull requests with any of these labels (default: NIXSEC_PR_LABELS, "1.severity: security"), most recently updated first, with their landings.' })
  labeledPullRequests(
    @Args('labels', { type: () => [String], nullable: true }) labels: string[] | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<PullRequest[]> {
    return this.service.labeled(labels, first);
  }

  @ResolveField(() => [PrLanding], { complexity: 5, description: 'The tracked branches it has reached, in the order they were seen.' })
  async landings(@Parent() pr: PullRequest): Promise<PrLanding[]> {
    const rows = await this.service.store.landings(pr.repository, [pr.number]);
    return rows.map(({ branch, firstSeen }) => ({ branch, firstSeen }));
  }
}
