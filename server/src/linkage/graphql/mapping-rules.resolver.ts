import { Args, Field, ID, InputType, Mutation, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AuthError } from '../../auth/auth.error';
import { actorOf, Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { pgPool } from '../../database/pg-pool';
import { LinkageJobs } from '../jobs/linkage.jobs';
import { MappingRuleError, MappingRuleStore, StoredMappingRule } from '../store/mapping-rule.store';
import { MappingRuleModel } from './suggestion.model';

@InputType({ description: 'A curated mapping rule: the CVE vendor:product is (map) or is never (never) these packages.' })
export class MappingRuleInput {
  @Field(() => String, { nullable: true, description: 'CVE/CPE vendor; null for any vendor' }) vendor: string | null;
  @Field({ description: 'CVE product or CPE product, as the records write it' }) product: string;
  @Field({ description: 'map or never' }) action: string;
  @Field(() => [String], { description: 'package names (pname) or attributes; empty with never = no package at all' }) packages: string[];
  @Field({ description: 'why: shown in every explanation the rule produces' }) note: string;
}

const toModel = (rule: StoredMappingRule): MappingRuleModel => ({ ...rule, id: String(rule.id) });

/**
 * The security team edits curated rules through the API; every change is activity-logged by the
 * store, and a linkage run is queued, which re-links the CVEs the change concerns.
 */
@Resolver()
@RequireRole('security-team')
export class MappingRulesResolver {
  private readonly store: MappingRuleStore;

  constructor(
    dataSource: DataSource,
    private readonly jobs: LinkageJobs,
  ) {
    this.store = new MappingRuleStore(pgPool(dataSource));
  }

  @Mutation(() => MappingRuleModel)
  createMappingRule(@CurrentPrincipal() principal: Principal, @Args('input') input: MappingRuleInput): Promise<MappingRuleModel> {
    return this.change(() => this.store.create(asInput(input), actorOf(principal)));
  }

  @Mutation(() => MappingRuleModel)
  updateMappingRule(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: MappingRuleInput,
  ): Promise<MappingRuleModel> {
    return this.change(() => this.store.update(ruleId(id), asInput(input), actorOf(principal)));
  }

  @Mutation(() => Boolean, { description: 'Removes a rule; true when done.' })
  async deleteMappingRule(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.change(async () => {
      await this.store.remove(ruleId(id), actorOf(principal));
      return null;
    });
    return true;
  }

  private async change<T extends StoredMappingRule | null>(fn: () => Promise<T>): Promise<T extends null ? null : MappingRuleModel> {
    try {
      const rule = await fn();
      await this.jobs.enqueue();
      return (rule ? toModel(rule) : null) as T extends null ? null : MappingRuleModel;
    } catch (err) {
      if (err instanceof MappingRuleError) throw new AuthError('BAD_USER_INPUT', err.message);
      throw err;
    }
  }
}

function ruleId(id: string): number {
  if (!/^\d{1,9}$/.test(id)) throw new AuthError('BAD_USER_INPUT', `"${id}" is not a mapping rule id: list them with the mappingRules query.`);
  return Number(id);
}

function asInput(input: MappingRuleInput) {
  return { vendor: input.vendor, product: input.product, action: input.action as 'map' | 'never', packages: input.packages, note: input.note };
}
