import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { writeActivity } from '../../activity/activity-log';
import { actorOf, Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { pgPool } from '../../database/pg-pool';
import { BootChainError } from '../boot-chain.error';
import { BootChainService } from '../boot-chain.service';
import { BuildDispatcher } from '../dispatch/build-dispatcher';
import { BUILDER_KINDS, BuilderKind } from '../store/builder.store';
import { ChainNode } from '../verdicts/chain-reports';
import {
  BootChainBuild,
  BootChainBuilder,
  BootChainDispatch,
  BootChainNode,
  BootChainTarget,
  BootChainTrustReport,
  RegisteredBootChainBuilder,
} from './boot-chain.model';
import { BootChainBuilderInput, DiscoverBootChainInput } from './boot-chain.inputs';

/** Reading is public (reproducibility is public knowledge); changing anything needs a role. */
@Resolver(() => BootChainTarget)
export class BootChainResolver {
  /** Per request and target: the nodes with verdicts, read once when both `chain` and `report` are asked for. */
  private readonly nodeLoads = new WeakMap<object, Map<number, Promise<ChainNode[]>>>();

  constructor(
    private readonly service: BootChainService,
    private readonly dispatcher: BuildDispatcher,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => [BootChainTarget], { description: 'Discovered chains, newest first.' })
  bootChainTargets(): Promise<BootChainTarget[]> {
    return this.service.chains.targets();
  }

  @Query(() => BootChainTarget, { nullable: true })
  bootChainTarget(@Args('id', { type: () => Int }) id: number): Promise<BootChainTarget | null> {
    return this.service.chains.target(id);
  }

  @Query(() => BootChainTrustReport, { description: 'The trust report of the newest chain discovered for revision (or a prefix of it), system and attribute.' })
  bootChainReport(
    @Args('revision') revision: string,
    @Args('system', { defaultValue: 'x86_64-linux' }) system: string,
    @Args('attr', { defaultValue: 'minimal-bootstrap.tests.full' }) attr: string,
  ): Promise<BootChainTrustReport> {
    return this.service.reportFor(revision, system, attr);
  }

  @Query(() => [BootChainBuilder])
  bootChainBuilders(): Promise<BootChainBuilder[]> {
    return this.service.builders.list();
  }

  @ResolveField(() => [BootChainNode], { complexity: 20, description: 'Every derivation with its outputs, verdicts and attestations, seeds first.' })
  async chain(@Parent() target: BootChainTarget, @Context() ctx: object): Promise<BootChainNode[]> {
    const nodes = await this.nodesOf(ctx, target.id);
    return nodes.map((n) => ({
      ...n,
      outputs: n.outputVerdicts.map((o) => ({ name: o.name, path: o.path, expectedHash: o.expectedHash, verdict: o.verdict, attestations: o.attestations })),
    }));
  }

  @ResolveField(() => BootChainTrustReport, { complexity: 10 })
  async report(@Parent() target: BootChainTarget, @Context() ctx: object): Promise<BootChainTrustReport> {
    return this.service.reports.reportOf(target, await this.nodesOf(ctx, target.id));
  }

  private nodesOf(ctx: object, targetId: number): Promise<ChainNode[]> {
    let loads = this.nodeLoads.get(ctx);
    if (!loads) this.nodeLoads.set(ctx, (loads = new Map()));
    let load = loads.get(targetId);
    if (!load) loads.set(targetId, (load = this.service.nodes(targetId)));
    return load;
  }

  @ResolveField(() => [BootChainBuild], { complexity: 10, description: 'Builds nixsec dispatched for this chain.' })
  builds(@Parent() target: BootChainTarget): Promise<BootChainBuild[]> {
    return this.service.builds.forTarget(target.id);
  }

  @Mutation(() => BootChainTarget, { description: 'Instantiates the target in a Nixpkgs checkout on the server and stores its derivation graph.' })
  @RequireRole('security-team')
  async discoverBootChain(@CurrentPrincipal() p: Principal, @Args('input') input: DiscoverBootChainInput): Promise<BootChainTarget> {
    const discovered = await this.service.discover({ nixpkgs: input.nixpkgs, revision: input.revision ?? undefined, system: input.system, attr: input.attr });
    await this.log(p, 'boot-chain.discovered', String(discovered.targetId), { revision: discovered.revision, attr: input.attr, system: input.system, derivations: discovered.derivations });
    return this.service.target(discovered.targetId);
  }

  @Mutation(() => RegisteredBootChainBuilder, { description: 'Registers a builder (or updates the one with this name).' })
  @RequireRole('admin')
  async registerBootChainBuilder(@CurrentPrincipal() p: Principal, @Args('input') input: BootChainBuilderInput): Promise<RegisteredBootChainBuilder> {
    if (!BUILDER_KINDS.includes(input.kind as BuilderKind)) throw new BootChainError('BAD_REQUEST', `kind must be one of ${BUILDER_KINDS.join(', ')}`);
    const result = await this.service.registerBuilder(
      {
        name: input.name,
        kind: input.kind as BuilderKind,
        // Left out: keep; null: clear (or keep, for the fields that cannot be empty).
        operator: input.operator,
        host: input.host ?? undefined,
        nixVersion: input.nixVersion,
        publicKey: input.publicKey,
        storeUri: input.storeUri,
        sshKeyFile: input.sshKeyFile,
        url: input.url,
        maxConcurrent: input.maxConcurrent ?? undefined,
        timeoutSeconds: input.timeoutSeconds ?? undefined,
        systems: input.systems ?? undefined,
        enabled: input.enabled ?? undefined,
      },
      input.newToken,
    );
    await this.log(p, 'boot-chain.builder-registered', String(result.builder.id), { name: input.name, kind: input.kind, newToken: input.newToken });
    return result;
  }

  @Mutation(() => BootChainDispatch, { description: 'Builds the chain on these builders in dependency order (binary caches are imported). Outputs a builder already attested are reused unless rebuild.' })
  @RequireRole('security-team')
  async startBootChainBuilds(
    @CurrentPrincipal() p: Principal,
    @Args('targetId', { type: () => Int }) targetId: number,
    @Args('builderIds', { type: () => [Int] }) builderIds: number[],
    @Args('rebuild', { defaultValue: false }) rebuild: boolean,
  ): Promise<BootChainDispatch> {
    const result = await this.dispatcher.start(targetId, builderIds, rebuild);
    await this.log(p, 'boot-chain.builds-started', String(targetId), { builderIds, rebuild, ...result });
    return result;
  }

  @Mutation(() => Int, { description: 'Cancels the unfinished builds of the chain (on one builder, or all); returns how many.' })
  @RequireRole('security-team')
  async cancelBootChainBuilds(
    @CurrentPrincipal() p: Principal,
    @Args('targetId', { type: () => Int }) targetId: number,
    @Args('builderId', { type: () => Int, nullable: true }) builderId: number | null,
  ): Promise<number> {
    const cancelled = await this.dispatcher.cancel(targetId, builderId);
    await this.log(p, 'boot-chain.builds-cancelled', String(targetId), { builderId, cancelled });
    return cancelled;
  }

  private async log(p: Principal, action: string, subjectId: string, details: Record<string, unknown>): Promise<void> {
    await writeActivity(pgPool(this.dataSource), { actor: actorOf(p), action, subjectType: 'boot-chain', subjectId, details });
  }
}
