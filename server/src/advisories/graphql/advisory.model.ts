import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PackageLink } from '../../linkage/graphql/suggestion.model';

@ObjectType({ description: 'A package an advisory names, with the versions each channel ships and their verdicts.' })
export class AdvisoryPackageModel {
  @Field({ description: 'The attribute users know it by.' }) attr: string;
  @Field(() => [String]) attrs: string[];
  @Field({ description: 'suggestion (from the matcher) or manual (added by the team)' }) source: string;
  @Field(() => [PackageLink]) links: PackageLink[];
}

@ObjectType()
export class AdvisoryChannelModel {
  @Field() channel: string;
  @Field({ description: 'affected, fixed, not-affected or unknown' }) status: string;
}

@ObjectType()
export class AdvisoryMaintainerModel {
  @Field(() => Int) githubId: number;
  @Field({ description: 'The handle when it was added; re-resolved from githubId at publish.' }) login: string;
  @Field({ description: 'package (maintains one of the packages) or manual' }) source: string;
  @Field({ description: 'Mentioned (@handle) in the GitHub issue.' }) ping: boolean;
}

@ObjectType()
export class CommentModel {
  @Field(() => ID) id: string;
  @Field() author: string;
  @Field() body: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType({ description: 'A vulnerability advisory: a draft, or published as a GitHub issue, or archived when that issue was closed.' })
export class Advisory {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'NIXPKGS-YYYY-NNNN, assigned at publish.' }) publicId: string | null;
  @Field({ description: 'draft, published or archived' }) state: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => String, { nullable: true, description: 'none, low, medium, high or critical; null: from CVSS' }) severityOverride: string | null;
  @Field(() => [String]) references: string[];
  @Field() notes: string;
  @Field(() => Int, { description: 'Send it back with every edit: an edit made on an older version is refused (CONFLICT).' }) version: number;
  @Field(() => String, { nullable: true }) repository: string | null;
  @Field(() => Int, { nullable: true }) issueNumber: number | null;
  @Field(() => String, { nullable: true }) issueUrl: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) archivedAt: Date | null;
  @Field() createdBy: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class AdvisoryEdge {
  @Field(() => Advisory) node: Advisory;
  @Field() cursor: string;
}

@ObjectType()
export class AdvisoryConnection {
  @Field(() => [AdvisoryEdge]) edges: AdvisoryEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType()
export class SkippedSuggestion {
  @Field(() => ID) id: string;
  @Field() message: string;
}

@ObjectType({ description: 'A bulk triage action: what changed, and what was skipped and why.' })
export class TriageResult {
  @Field(() => [ID]) changed: string[];
  @Field(() => [SkippedSuggestion]) skipped: SkippedSuggestion[];
}

@ObjectType()
export class UndoResultModel {
  @Field({ description: 'The action that was undone, e.g. suggestion.dismissed.bulk.' }) action: string;
  @Field() subjectType: string;
  @Field() subjectId: string;
}

@ObjectType({ description: 'One entry of the activity log.' })
export class ActivityEntryModel {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) at: Date;
  @Field({ description: 'GitHub handle, token:<id>, github:<handle> for webhook effects, or nixsec.' }) actor: string;
  @Field() action: string;
  @Field() subjectType: string;
  @Field() subjectId: string;
  @Field(() => String, { nullable: true, description: 'State before, as JSON.' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'State after, as JSON.' }) after: string | null;
  @Field(() => String, { description: 'Other details, as JSON.' }) details: string;
}

@ObjectType()
export class PackageSearchResult {
  @Field() attr: string;
  @Field(() => [String]) channels: string[];
  @Field(() => [String]) versions: string[];
  @Field(() => String, { nullable: true }) description: string | null;
}

@InputType({ description: 'Fields to change; absent fields stay as they are.' })
export class AdvisoryInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'none, low, medium, high, critical; "" clears the override' }) severityOverride?: string | null;
  @Field(() => [String], { nullable: true }) references?: string[] | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
