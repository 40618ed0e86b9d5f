import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { writeActivity } from '../../activity/activity-log';
import { advisoryId, toAdvisory } from '../../advisories/graphql/advisories.resolver';
import { Advisory } from '../../advisories/graphql/advisory.model';
import { AdvisoryQueryRepository } from '../../advisories/graphql/advisory-query.repository';
import { actorOf, Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { AdvisoryFixStatus } from '../advisory-fixes/advisory-fix-status';
import { PrTrackingError } from '../pr-tracking.error';
import { PrTrackingService } from '../pr-tracking.service';

/** Manual PR ↔ advisory links by the security team (activity-logged); an unlink is kept so mentions never bring it back. */
@Resolver(() => Advisory)
export class AdvisoryLinksResolver {
  constructor(
    private readonly service: PrTrackingService,
    private readonly fixer: AdvisoryFixStatus,
    private readonly advisories: AdvisoryQueryRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => Advisory, { description: 'Links a tracked pull request to an advisory as one of its fixes (also one no rule found, e.g. a backport without -x).' })
  @RequireRole('security-team')
  linkPullRequest(@CurrentPrincipal() p: Principal, @Args('advisoryId', { type: () => ID }) id: string, @Args('pr', { type: () => Int }) pr: number): Promise<Advisory> {
    return this.change(p, id, pr, 'link');
  }

  @Mutation(() => Advisory, { description: 'Removes a pull request from the fixes of an advisory; it is not linked again by later mentions.' })
  @RequireRole('security-team')
  unlinkPullRequest(@CurrentPrincipal() p: Principal, @Args('advisoryId', { type: () => ID }) id: string, @Args('pr', { type: () => Int }) pr: number): Promise<Advisory> {
    return this.change(p, id, pr, 'unlink');
  }

  private async change(principal: Principal, id: string, pr: number, kind: 'link' | 'unlink'): Promise<Advisory> {
    const advisory = await this.advisories.byId(advisoryId(id));
    if (!advisory) throw new PrTrackingError('NOT_FOUND', `There is no advisory ${id}: list them with the advisories query.`);
    if (!(await this.service.pullRequest(pr))) {
      throw new PrTrackingError('NOT_FOUND', `Pull request ${this.service.repository}#${pr} is not tracked yet: it is picked up at its next update on GitHub or the next sync.`);
    }
    const actor = actorOf(principal);
    await withTransaction(pgPool(this.dataSource), async (client) => {
      const changed = kind === 'link'
        ? await this.fixer.links.link(client, this.service.repository, pr, advisory.id, `linked by ${actor}`)
        : await this.fixer.links.dismiss(client, this.service.repository, pr, advisory.id, `unlinked by ${actor}`);
      if (changed) {
        await writeActivity(client, { actor, action: kind === 'link' ? 'advisory.pr-linked' : 'advisory.pr-unlinked', subjectType: 'advisory', subjectId: String(advisory.id), details: { pr, repository: this.service.repository } });
      }
    });
    return toAdvisory(advisory);
  }
}
