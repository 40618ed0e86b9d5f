import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ActivityLog } from '../../activity/activity-log';
import { satisfies } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { pgPool } from '../../database/pg-pool';
import { batchLoader } from '../../graphql/batch-loader';
import { PackageMaintainersReader } from '../../ingestion/evaluations/package-maintainers.reader';
import { CveQueryRepository } from '../../ingestion/graphql/cve-query.repository';
import { Cve } from '../../ingestion/graphql/cve.model';
import { AdvisoryError } from '../advisory.error';
import type { AdvisoryRow } from '../drafts/advisory.store';
import { ActivityEntryModel, Advisory, AdvisoryChannelModel, AdvisoryConnection, AdvisoryMaintainerModel, AdvisoryPackageModel, CommentModel, PackageSearchResult } from './advisory.model';
import { AdvisoryQueryRepository, CommentRow } from './advisory-query.repository';

const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);
const PUBLIC_STATES = ['published', 'archived'];

export const toAdvisory = (row: AdvisoryRow): Advisory => ({ ...row, id: String(row.id) });

/** Drafts are for the security team and maintainers; published and archived advisories are public. */
function visibleStates(principal: Principal | undefined): string[] {
  return principal && satisfies(principal.roles, 'maintainer') ? ['draft', ...PUBLIC_STATES] : PUBLIC_STATES;
}

export function activityModel(r: { id: string; at: Date; actor: string; action: string; subjectType: string; subjectId: string; details: Record<string, unknown> }): ActivityEntryModel {
  const { before, after, undo: _undo, ...rest } = r.details;
  return {
    ...r,
    before: before === undefined ? null : JSON.stringify(before),
    after: after === undefined ? null : JSON.stringify(after),
    details: JSON.stringify(rest),
  };
}

@Resolver(() => Advisory)
export class AdvisoriesResolver {
  private readonly activityLogStore: ActivityLog;
  private readonly packagesReader: PackageMaintainersReader;
  private readonly loaders = new WeakMap<object, Record<string, (id: number) => Promise<unknown>>>();
  private readonly cveLoaders = new WeakMap<object, (id: string) => Promise<Cve | null>>();

  constructor(
    dataSource: DataSource,
    private readonly queries: AdvisoryQueryRepository,
    private readonly cveQueries: CveQueryRepository,
  ) {
    this.activityLogStore = new ActivityLog(pgPool(dataSource));
    this.packagesReader = new PackageMaintainersReader(pgPool(dataSource));
  }

  @Query(() => Advisory, { nullable: true, description: 'An advisory by id or public id (NIXPKGS-YYYY-NNNN). Drafts need the maintainer role or higher.' })
  async advisory(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('id', { type: () => ID, nullable: true }) id: string | null,
    @Args('publicId', { type: () => String, nullable: true }) publicId: string | null,
  ): Promise<Advisory | null> {
    if (!id === !publicId) throw new AdvisoryError('BAD_USER_INPUT', 'Give either id or publicId.');
    const row = id ? await this.queries.byId(advisoryId(id)) : await this.queries.byPublicId(publicId!);
    return row && visibleStates(principal).includes(row.state) ? toAdvisory(row) : null;
  }

  @Query(() => AdvisoryConnection, { description: 'Advisories, most recently changed first. Anonymous callers see published and archived ones.' })
  async advisories(
    @CurrentPrincipal() principal: Principal | undefined,
    @Args('state', { type: () => String, nullable: true, description: 'draft, published or archived' }) state: string | null,
    @Args('cve', { type: () => String, nullable: true }) cve: string | null,
    @Args('attr', { type: () => String, nullable: true, description: 'a package attribute' }) attr: string | null,
    @Args('maintainerGithubId', { type: () => Int, nullable: true }) maintainerGithubId: number | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AdvisoryConnection> {
    const visible = visibleStates(principal);
    const states = state ? visible.filter((s) => s === state) : visible;
    const { rows, hasNext } = await this.queries.list(
      { states, cve: cve ?? undefined, attr: attr ?? undefined, maintainerGithubId: maintainerGithubId ?? undefined },
      clamp(first, 200),
      after,
    );
    const edges = rows.map((row) => ({ node: toAdvisory(row), cursor: AdvisoryQueryRepository.cursor(row) }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }

  @Query(() => [PackageSearchResult], { description: 'Package attributes that tracked channels ship now, by name prefix (to add one to an advisory).' })
  packageSearch(@Args('prefix') prefix: string, @Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<PackageSearchResult[]> {
    if (prefix.trim().length < 2) throw new AdvisoryError('BAD_USER_INPUT', 'Type at least two characters of the attribute.');
    return this.packagesReader.search(prefix.trim(), clamp(first, 100));
  }

  @Query(() => [ActivityEntryModel], { description: 'The activity log, newest first: globally, or of one suggestion or advisory. Maintainer role or higher.' })
  @RequireRole('maintainer')
  async activityLog(
    @Args('subjectType', { type: () => String, nullable: true }) subjectType: string | null,
    @Args('subjectId', { type: () => String, nullable: true }) subjectId: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('before', { type: () => ID, nullable: true, description: 'entries older than this id' }) before: string | null,
  ): Promise<ActivityEntryModel[]> {
    if (before != null && !/^\d+$/.test(before)) throw new AdvisoryError('BAD_USER_INPUT', `before: "${before}" is not an activity entry id.`);
    const rows = await this.activityLogStore.list({ subjectType: subjectType ?? undefined, subjectId: subjectId ?? undefined, before: before ?? undefined, first: clamp(first, 500) });
    return rows.map(activityModel);
  }

  @ResolveField(() => [Cve], { complexity: 5 })
  async cves(@Parent() a: Advisory, @Context() ctx: object): Promise<Cve[]> {
    const ids = ((await this.load(ctx, 'cveIds', a)) as string[]) ?? [];
    // One query for the CVEs of every advisory in the answer, not one per advisory.
    let loadCve = this.cveLoaders.get(ctx);
    if (!loadCve) {
      loadCve = batchLoader((keys: string[]) => this.cveQueries.getMany(keys));
      this.cveLoaders.set(ctx, loadCve);
    }
    const found = await Promise.all(ids.map(loadCve));
    return found.filter((c): c is Cve => !!c);
  }

  @ResolveField(() => [String]) async cveIds(@Parent() a: Advisory, @Context() ctx: object): Promise<string[]> {
    return ((await this.load(ctx, 'cveIds', a)) as string[]) ?? [];
  }

  @ResolveField(() => [AdvisoryPackageModel]) async packages(@Parent() a: Advisory, @Context() ctx: object): Promise<AdvisoryPackageModel[]> {
    return ((await this.load(ctx, 'packages', a)) as AdvisoryPackageModel[]) ?? [];
  }

  @ResolveField(() => [AdvisoryChannelModel]) async channels(@Parent() a: Advisory, @Context() ctx: object): Promise<AdvisoryChannelModel[]> {
    return ((await this.load(ctx, 'channels', a)) as AdvisoryChannelModel[]) ?? [];
  }

  @ResolveField(() => [AdvisoryMaintainerModel]) async maintainers(@Parent() a: Advisory, @Context() ctx: object): Promise<AdvisoryMaintainerModel[]> {
    return ((await this.load(ctx, 'maintainers', a)) as AdvisoryMaintainerModel[]) ?? [];
  }

  @ResolveField(() => [CommentModel]) async comments(@Parent() a: Advisory, @Context() ctx: object): Promise<CommentModel[]> {
    const rows = ((await this.load(ctx, 'comments', a)) as CommentRow[]) ?? [];
    return rows.map((c) => ({ ...c, id: String(c.id) }));
  }

  @ResolveField(() => [ActivityEntryModel], { complexity: 10 })
  async activity(@Parent() a: Advisory, @Args('first', { type: () => Int, defaultValue: 50 }) first: number): Promise<ActivityEntryModel[]> {
    return (await this.activityLogStore.list({ subjectType: 'advisory', subjectId: a.id, first: clamp(first, 500) })).map(activityModel);
  }

  private load(ctx: object, field: 'cveIds' | 'packages' | 'channels' | 'maintainers' | 'comments', a: Advisory): Promise<unknown> {
    let loaders = this.loaders.get(ctx);
    if (!loaders) {
      loaders = {
        cveIds: batchLoader((ids: number[]) => this.queries.cveIds(ids)),
        packages: batchLoader((ids: number[]) => this.queries.packages(ids)),
        channels: batchLoader((ids: number[]) => this.queries.channels(ids)),
        maintainers: batchLoader((ids: number[]) => this.queries.maintainers(ids)),
        comments: batchLoader((ids: number[]) => this.queries.comments('advisory', ids)),
      };
      this.loaders.set(ctx, loaders);
    }
    return loaders[field](Number(a.id));
  }
}

export function advisoryId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw new AdvisoryError('BAD_USER_INPUT', `"${id}" is not an advisory id: list them with the advisories query.`);
  return Number(id);
}
