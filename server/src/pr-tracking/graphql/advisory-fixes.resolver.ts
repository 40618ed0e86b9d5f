import { Field, GraphQLISODateTime, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Advisory } from '../../advisories/graphql/advisory.model';
import { AdvisoriesReader } from '../advisory-fixes/advisories-reader';
import { AdvisoryFixStatus } from '../advisory-fixes/advisory-fix-status';
import { channelFixStatus } from '../advisory-fixes/channel-fix-status';
import { EvaluationEvidenceReader } from '../advisory-fixes/evaluation-evidence';
import { PrTrackingService } from '../pr-tracking.service';

@ObjectType({ description: 'A pull request linked to an advisory (it mentions one of its CVEs, its id or its issue) and a branch it has reached.' })
export class AdvisoryFix {
  @Field(() => Int) pr: number;
  @Field() branch: string;
  @Field(() => GraphQLISODateTime) firstSeen: Date;
}

@ObjectType({ description: "An advisory channel's fix status from the PRs linked to the advisory and where they have landed." })
export class ChannelFixStatus {
  @Field() channel: string;
  @Field({ description: "fixed (a linked PR is in the channel, or its latest evaluation ships a version outside the affected range), fix-pending (a PR is on a branch flowing into it) or not-fixed" }) state: string;
  @Field(() => Int, { nullable: true, description: 'fixed: the earliest PR seen in the channel; fix-pending: the one furthest along.' }) pr: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When that PR was first seen on the channel (fixed) or on `via` (fix-pending).' }) since: Date | null;
  @Field(() => String, { nullable: true, description: 'fix-pending: the branch the fix is on now.' }) via: string | null;
  @Field(() => String, { nullable: true, description: 'fixed: pull-request (a linked PR reached the channel) or evaluation (its latest evaluation ships a version no CVE of the advisory affects).' })
  evidence: string | null;
  @Field(() => Int, { nullable: true, description: 'evidence evaluation: the evaluation (its finish time is `since`).' }) evaluation: number | null;
  @Field(() => String, { nullable: true, description: 'evidence evaluation: the package attribute named as evidence.' }) attr: string | null;
  @Field(() => String, { nullable: true, description: 'evidence evaluation: its version in that evaluation.' }) version: string | null;
}

/** `Advisory.fixes` and `Advisory.fixStatus`, contributed by PR tracking to the advisories module's type. */
@Resolver(() => Advisory)
export class AdvisoryFixesResolver {
  constructor(
    private readonly service: PrTrackingService,
    private readonly fixer: AdvisoryFixStatus,
    private readonly advisories: AdvisoriesReader,
    private readonly evaluations: EvaluationEvidenceReader,
  ) {}

  @ResolveField(() => [AdvisoryFix], { description: 'Where the pull requests fixing it have landed, in the order they were seen.' })
  async fixes(@Parent() advisory: Advisory): Promise<AdvisoryFix[]> {
    const rows = await this.fixer.links.fixes(this.service.repository, [Number(advisory.id)]);
    return rows.map(({ pr, branch, firstSeen }) => ({ pr, branch, firstSeen }));
  }

  @ResolveField(() => [ChannelFixStatus], {
    complexity: 5,
    description: "Per channel of the advisory: fixed, fix pending or not fixed, by the linked PRs' landings and the branch graph, and by the package versions of each channel's latest evaluation.",
  })
  async fixStatus(@Parent() advisory: Advisory): Promise<ChannelFixStatus[]> {
    const id = Number(advisory.id);
    const [channels, landings] = [await this.advisories.channelNames(id), await this.fixer.links.fixes(this.service.repository, [id])];
    const evaluations = await this.evaluations.forAdvisory(id, channels);
    return channelFixStatus(this.service.graph, channels, landings, evaluations).map(({ evaluationId, ...fix }) => ({ ...fix, evaluation: evaluationId }));
  }
}
