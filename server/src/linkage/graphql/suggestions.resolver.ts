import { Args, Context, Float, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { batchLoader } from '../../graphql/batch-loader';
import { CveQueryRepository } from '../../ingestion/graphql/cve-query.repository';
import { Cve } from '../../ingestion/graphql/cve.model';
import { MappingRuleModel, Suggestion, SuggestionConnection } from './suggestion.model';
import { AuthError } from '../../auth/auth.error';
import { QUEUE_SORTS, QueueSort, SuggestionQueryError, SuggestionQueryRepository } from './suggestion-query.repository';

const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);

@Resolver(() => Suggestion)
export class SuggestionsResolver {
  constructor(
    private readonly queries: SuggestionQueryRepository,
    private readonly cves: CveQueryRepository,
  ) {}

  private readonly cveLoaders = new WeakMap<object, (id: string) => Promise<Cve | null>>();

  @ResolveField(() => Cve, { nullable: true, complexity: 2 })
  cve(@Parent() suggestion: Suggestion, @Context() context: object): Promise<Cve | null> {
    let load = this.cveLoaders.get(context);
    if (!load) {
      load = batchLoader((ids: string[]) => this.cves.getMany(ids));
      this.cveLoaders.set(context, load);
    }
    return load(suggestion.cveId);
  }

  @Query(() => Suggestion, { nullable: true, description: "A CVE's suggestion (there is at most one per CVE)." })
  suggestion(@Args('cveId') cveId: string): Promise<Suggestion | null> {
    return this.queries.byCve(cveId);
  }

  @Query(() => SuggestionConnection, { description: 'The triage queue: suggestions filtered and sorted (relevance by default), with cursor pagination.' })
  async suggestions(
    @Args('status', { type: () => String, nullable: true, description: 'pending, dismissed, withdrawn or accepted' }) status: string | null,
    @Args('attr', { type: () => String, nullable: true, description: 'only suggestions including this attribute' }) attr: string | null,
    @Args('maintainer', { type: () => String, nullable: true, description: 'GitHub handle' }) maintainer: string | null,
    @Args('minConfidence', { type: () => Float, nullable: true }) minConfidence: number | null,
    @Args('channel', { type: () => String, nullable: true, description: 'with an affected or unknown version in this channel' }) channel: string | null,
    @Args('stableOnly', { type: () => Boolean, nullable: true, description: 'affects a release channel (nixos-YY.MM, …)' }) stableOnly: boolean | null,
    @Args('minSeverity', { type: () => String, nullable: true, description: 'low, medium, high or critical (CVSS band)' }) minSeverity: string | null,
    @Args('cveYear', { type: () => Int, nullable: true }) cveYear: number | null,
    @Args('text', { type: () => String, nullable: true, description: 'words of the CVE title/description, or part of a package attribute' }) text: string | null,
    @Args('sort', { type: () => String, nullable: true, description: 'relevance (default), date (newest first) or severity (highest first)' }) sort: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SuggestionConnection> {
    const order = (sort ?? 'relevance') as QueueSort;
    if (!QUEUE_SORTS.includes(order)) throw new AuthError('BAD_USER_INPUT', `sort: "${sort}" is not one of ${QUEUE_SORTS.join(', ')}`);
    try {
      const { rows, hasNext, total, totalCapped } = await this.queries.list(
        {
          status: status ?? undefined, attr: attr ?? undefined, maintainer: maintainer ?? undefined, minConfidence: minConfidence ?? undefined,
          channel: channel ?? undefined, stableOnly: stableOnly ?? undefined, minSeverity: minSeverity ?? undefined, cveYear: cveYear ?? undefined, text: text ?? undefined,
        },
        clamp(first, 200),
        after,
        order,
      );
      const edges = rows.map((node) => ({ node, cursor: SuggestionQueryRepository.cursor(node, order) }));
      return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null, totalCount: total, totalCountCapped: totalCapped };
    } catch (err) {
      if (err instanceof SuggestionQueryError) throw new AuthError('BAD_USER_INPUT', err.message);
      throw err;
    }
  }

  @Query(() => [MappingRuleModel], { description: "The security team's curated mapping rules (built-in rules are in the code)." })
  mappingRules(): Promise<MappingRuleModel[]> {
    return this.queries.mappingRules();
  }
}

/** `Cve.suggestion`: the CVE page shows its suggestion without a second query. */
@Resolver(() => Cve)
export class CveSuggestionResolver {
  constructor(private readonly queries: SuggestionQueryRepository) {}

  @ResolveField(() => Suggestion, { nullable: true, complexity: 10 })
  suggestion(@Parent() cve: Cve): Promise<Suggestion | null> {
    return this.queries.byCve(cve.id);
  }
}
