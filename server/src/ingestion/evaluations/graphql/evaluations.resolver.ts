import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Channel, Evaluation, EvaluationDiff, EvaluationErrorEntry, Maintainer, Package, PackageConnection, PackageDerivation } from './evaluation.model';
import { EvaluationQueryRepository } from './evaluation-query.repository';

const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);

@Resolver()
export class EvaluationsResolver {
  constructor(private readonly queries: EvaluationQueryRepository) {}

  @Query(() => [Channel], { description: 'Known channels, unstable first, newest release first.' })
  channels(): Promise<Channel[]> {
    return this.queries.channels();
  }

  @Query(() => Evaluation, { nullable: true })
  evaluation(@Args('id', { type: () => ID }) id: string): Promise<Evaluation | null> {
    return this.queries.evaluation(Number(id));
  }

  @Query(() => [Evaluation], { description: 'Most recent first.' })
  evaluations(
    @Args('channel', { type: () => String, nullable: true }) channel: string | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<Evaluation[]> {
    return this.queries.evaluations(channel, clamp(first, 200));
  }

  @Query(() => Package, { nullable: true, description: 'A package attribute (without system) in a channel.' })
  package(@Args('attr') attr: string, @Args('channel') channel: string): Promise<Package | null> {
    return this.queries.package(attr, channel);
  }

  @Query(() => PackageConnection, { description: 'Packages of the current evaluations, by attribute.' })
  async packages(
    @Args('search', { type: () => String, nullable: true, description: 'attribute, pname or description' }) search: string | null,
    @Args('channel', { type: () => String, nullable: true }) channel: string | null,
    @Args('maintainer', { type: () => String, nullable: true, description: 'GitHub handle' }) maintainer: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PackageConnection> {
    const { rows, hasNext } = await this.queries.packages(
      { search: search ?? undefined, channel: channel ?? undefined, maintainer: maintainer ?? undefined },
      clamp(first, 200),
      after,
    );
    const edges = rows.map((node) => ({ node, cursor: EvaluationQueryRepository.cursor(node) }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }

  @Query(() => Maintainer, { nullable: true, description: 'A maintainer by GitHub handle.' })
  maintainer(@Args('github') github: string): Promise<Maintainer | null> {
    return this.queries.maintainer(github);
  }

  @Query(() => [PackageDerivation], { description: 'Derivations that depend directly on the given one (its drvPath).' })
  dependants(
    @Args('drvPath') drvPath: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<PackageDerivation[]> {
    return this.queries.dependants(drvPath, clamp(first, 1000));
  }

  @Query(() => EvaluationDiff, { description: 'Attributes added, removed or with a new version between two evaluations.' })
  evaluationDiff(@Args('from', { type: () => ID }) from: string, @Args('to', { type: () => ID }) to: string): Promise<EvaluationDiff> {
    return this.queries.diff(Number(from), Number(to));
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  constructor(private readonly queries: EvaluationQueryRepository) {}

  @ResolveField(() => [EvaluationErrorEntry], { complexity: 10, description: 'Attributes that failed to evaluate.' })
  errors(@Parent() evaluation: Evaluation, @Args('first', { type: () => Int, defaultValue: 100 }) first: number): Promise<EvaluationErrorEntry[]> {
    return this.queries.errors(evaluation.id, clamp(first, 1000));
  }
}

@Resolver(() => Maintainer)
export class MaintainerResolver {
  constructor(private readonly queries: EvaluationQueryRepository) {}

  @ResolveField(() => PackageConnection, { complexity: 20 })
  async packages(
    @Parent() maintainer: Maintainer,
    @Args('channel', { type: () => String, nullable: true }) channel: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<PackageConnection> {
    const { rows, hasNext } = await this.queries.packages({ channel: channel ?? undefined, maintainer: maintainer.github ?? '' }, clamp(first, 200), null);
    const edges = rows.map((node) => ({ node, cursor: EvaluationQueryRepository.cursor(node) }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }
}
