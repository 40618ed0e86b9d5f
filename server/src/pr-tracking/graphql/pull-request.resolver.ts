import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { toAdvisory } from '../../advisories/graphql/advisories.resolver';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { satisfies } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { CurrentPrincipal } from '../../auth/require-role.decorator';
import { AdvisoryFixStatus } from '../advisory-fixes/advisory-fix-status';
import { downstreamOf, successorsOf } from '../branch-graph/branch-graph';
import { PrTrackingService } from '../pr-tracking.service';
import { updatedCursor } from '../store/updated-cursor';
import { PrAdvisoryLink, PrBranchNode, PrLanding, PullRequest, PullRequestConnection } from './pull-request.model';

const PUBLIC_STATES = ['published', 'archived'];

/** Public and read-only: PR data is public on GitHub (linked drafts only for maintainers and the team). */
@Resolver(() => PullRequest)
export class PullRequestResolver {
  constructor(
    private readonly service: PrTrackingService,
    private readonly fixer: AdvisoryFixStatus,
    private readonly advisoryRows: AdvisoryQueryRepository,
  ) {}

  @Query(() => PullRequest, { nullable: true, description: 'A pull request of the tracked Nixpkgs repository (NIXSEC_PR_REPOSITORY); null when it is not tracked.' })
  pullRequest(@Args('number', { type: () => Int }) number: number): Promise<PullRequest | null> {
    return this.service.pullRequest(number);
  }

  @Query(() => PullRequestConnection, {
    description: 'Pull requests with any of these labels (default: NIXSEC_PR_LABELS, "1.severity: security"), most recently updated first, with their landings; cursor pagination (first: up to 200).',
  })
  async labeledPullRequests(
    @Args('labels', { type: () => [String], nullable: true }) labels: string[] | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PullRequestConnection> {
    const { rows, hasNext } = await this.service.labeled(labels, first, after);
    const edges = rows.map((node) => ({ node, cursor: updatedCursor(node) }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }

  @ResolveField(() => [PrLanding], { complexity: 5, description: 'The tracked branches it has reached, in the order they were seen.' })
  async landings(@Parent() pr: PullRequest): Promise<PrLanding[]> {
    const rows = await this.service.store.landings(pr.repository, [pr.number]);
    return rows.map(({ branch, firstSeen }) => ({ branch, firstSeen }));
  }

  @ResolveField(() => [PrBranchNode], {
    complexity: 5,
    description: 'Its base branch and every branch downstream of it in the branch graph, nearest first (then any other branch it reached), each with whether and since when it is there.',
  })
  async branchGraph(@Parent() pr: PullRequest): Promise<PrBranchNode[]> {
    const landed = new Map((await this.service.store.landings(pr.repository, [pr.number])).map((l) => [l.branch, l.firstSeen]));
    const branches = [...new Set([pr.base, ...downstreamOf(this.service.graph, pr.base), ...landed.keys()])];
    return branches.map((branch) => ({
      branch,
      next: successorsOf(this.service.graph, branch).filter((b) => branches.includes(b)),
      reached: landed.has(branch),
      firstSeen: landed.get(branch) ?? null,
    }));
  }

  @ResolveField(() => [PrAdvisoryLink], { complexity: 5, description: 'The advisories it is linked to as a fix. Drafts are listed for maintainers and the security team only.' })
  async advisories(@CurrentPrincipal() principal: Principal | undefined, @Parent() pr: PullRequest): Promise<PrAdvisoryLink[]> {
    const visible = principal && satisfies(principal.roles, 'maintainer') ? ['draft', ...PUBLIC_STATES] : PUBLIC_STATES;
    const links: PrAdvisoryLink[] = [];
    for (const { advisoryId, reason } of await this.fixer.links.advisoriesOf(pr.repository, pr.number)) {
      const row = await this.advisoryRows.byId(advisoryId);
      if (row && visible.includes(row.state)) links.push({ advisory: toAdvisory(row), reason });
    }
    return links;
  }
}
