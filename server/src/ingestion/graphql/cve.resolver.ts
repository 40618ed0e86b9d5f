import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Cve, CveAffected, CveConnection, CveCpeMatch, CveMetric, CveProblemType, CveReference } from './cve.model';
import { CveQueryRepository } from './cve-query.repository';
import { CvesArgs } from './cves.args';

const pageSize = (first: number) => Math.min(Math.max(first, 1), 200);

@Resolver(() => Cve)
export class CveResolver {
  constructor(private readonly queries: CveQueryRepository) {}

  @Query(() => Cve, { nullable: true, description: 'One CVE by id, e.g. CVE-2024-3094.' })
  cve(@Args('id') id: string): Promise<Cve | null> {
    return this.queries.get(id);
  }

  @Query(() => CveConnection, { description: 'CVEs, newest first; `search` is full-text over titles and descriptions.' })
  async cves(@Args() args: CvesArgs): Promise<CveConnection> {
    const first = pageSize(args.first);
    const { rows, hasNext } = await this.queries.list(args.filter ?? {}, first, args.after ?? null);
    const edges = rows.map((node) => ({ node, cursor: CveQueryRepository.cursor(node) }));
    return { edges, pageInfo: { hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @ResolveField(() => [CveAffected], { complexity: 10 })
  affected(@Parent() cve: Cve): Promise<CveAffected[]> {
    return this.queries.affected(cve.id);
  }

  @ResolveField(() => [CveReference], { complexity: 5 })
  references(@Parent() cve: Cve): Promise<CveReference[]> {
    return this.queries.references(cve.id);
  }

  @ResolveField(() => [CveProblemType], { complexity: 2 })
  problemTypes(@Parent() cve: Cve): Promise<CveProblemType[]> {
    return this.queries.problemTypes(cve.id);
  }

  @ResolveField(() => [CveMetric], { complexity: 2 })
  metrics(@Parent() cve: Cve): Promise<CveMetric[]> {
    return this.queries.metrics(cve.id);
  }

  @ResolveField(() => [CveCpeMatch], { complexity: 10 })
  cpeMatches(@Parent() cve: Cve): Promise<CveCpeMatch[]> {
    return this.queries.cpeMatches(cve.id);
  }
}

