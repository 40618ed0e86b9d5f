import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Why a package was matched: which statement of the CVE, which rule, how strongly.' })
export class MatchReason {
  @Field({ description: 'The CVE statement, e.g. CNA affected product "curl" (vendor "curl").' }) signal: string;
  @Field({ description: 'curated, alias, declared-cpe, repository, name, description or reference' }) rule: string;
  @Field() detail: string;
  @Field(() => Float) confidence: number;
}

@ObjectType({ description: 'One attribute in one channel, with the version verdict and why.' })
export class PackageLink {
  @Field() attr: string;
  @Field() channel: string;
  @Field() version: string;
  @Field({ description: 'affected, not-affected or unknown' }) verdict: string;
  @Field({ description: 'The version comparison that decided, e.g. "8.4.0 < 8.4.0 (lessThan) — …".' }) reason: string;
  @Field(() => String, { nullable: true, description: 'The range or version entry that decided, as the record writes it.' }) rule: string | null;
}

@ObjectType({ description: 'One package of a suggestion: its attributes across systems, channels, aliases and language-version sets.' })
export class SuggestedPackage {
  @Field() groupKey: string;
  @Field({ description: 'The attribute users know it by.' }) displayAttr: string;
  @Field({ description: 'native, python, haskell, linux-module, …' }) ecosystem: string;
  @Field(() => Float) confidence: number;
  @Field({ description: 'affected if any member version is, not-affected if all are, else unknown' }) verdict: string;
  @Field(() => String, { nullable: true, description: 'Why the match may be wrong (shared product name, vendor not confirmed).' }) doubt: string | null;
  @Field({ description: 'Every member already lists the CVE in meta.knownVulnerabilities.' }) knownVulnerability: boolean;
  @Field(() => [String]) attrs: string[];
  @Field(() => [String], { description: 'GitHub handles.' }) maintainers: string[];
  @Field(() => [MatchReason]) reasons: MatchReason[];
  @Field(() => [PackageLink]) links: PackageLink[];
  @Field(() => [String], { description: 'Channels with at least one affected or unknown version.' }) channels: string[];
}

@ObjectType({ description: 'A candidate that was considered and not suggested.' })
export class ConsideredCandidate {
  @Field() displayAttr: string;
  @Field(() => Float) confidence: number;
  @Field() detail: string;
}

@ObjectType({ description: 'The one automatic suggestion for a CVE: which packages it likely affects, and why.' })
export class Suggestion {
  @Field(() => ID) id: string;
  @Field() cveId: string;
  @Field({ description: 'pending, dismissed, withdrawn, or accepted (its CVE is in the advisory advisoryId)' }) status: string;
  @Field(() => ID, { nullable: true, description: 'The advisory (draft or published) an accepted suggestion went into.' }) advisoryId: string | null;
  @Field(() => Int, { description: 'Changes with every triage decision.' }) version: number;
  @Field(() => Float, { nullable: true, description: "The CVE's highest CVSS base score." }) cvss: number | null;
  @Field(() => String, { nullable: true, description: 'hardware-only, exclusively-hosted-service, known-vulnerability, not-affected, …' })
  dismissalReason: string | null;
  @Field(() => String, { nullable: true }) dismissalDetail: string | null;
  @Field(() => String, { nullable: true, description: '"nixsec" for automatic decisions.' }) dismissedBy: string | null;
  @Field(() => Float) confidence: number;
  @Field(() => Float, { description: 'Queue order: confidence, severity, channels affected and how many derivations use the package.' }) score: number;
  @Field(() => Int) groupCount: number;
  @Field(() => [String], { description: 'Notes on the suggestion as a whole.' }) notes: string[];
  @Field(() => [ConsideredCandidate]) considered: ConsideredCandidate[];
  @Field(() => Int) algorithmVersion: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
  @Field(() => [SuggestedPackage]) packages: SuggestedPackage[];
}

@ObjectType()
export class SuggestionEdge {
  @Field(() => Suggestion) node: Suggestion;
  @Field() cursor: string;
}

@ObjectType()
export class SuggestionConnection {
  @Field(() => [SuggestionEdge]) edges: SuggestionEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field(() => Int, { description: 'Suggestions matching the filter, counted up to 10,000 (1,000 with a text filter); see totalCountCapped.' }) totalCount: number;
  @Field({ description: 'More suggestions match than totalCount says (it stopped counting at its cap).' }) totalCountCapped: boolean;
}

@ObjectType({ description: "A curated rule of the security team: a CVE vendor:product is (or is never) these packages." })
export class MappingRuleModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'null: any vendor' }) vendor: string | null;
  @Field() product: string;
  @Field({ description: 'map or never' }) action: string;
  @Field(() => [String]) packages: string[];
  @Field() note: string;
  @Field() createdBy: string;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}
