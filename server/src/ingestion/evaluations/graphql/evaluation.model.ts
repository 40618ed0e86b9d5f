import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'One evaluation of a channel at a Nixpkgs commit.' })
export class Evaluation {
  @Field(() => ID) id: number;
  @Field() channel: string;
  @Field({ description: 'Nixpkgs commit' }) revision: string;
  @Field({ description: 'waiting, running, completed, failed or crashed' }) status: string;
  @Field() source: string;
  @Field(() => Int) attempts: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;
  @Field(() => GraphQLJSON, { description: 'lines, added, changed, unchanged, removed, evalErrors, quarantined, newDerivations, newMeta' })
  counts: Record<string, number>;
  @Field(() => String, { nullable: true }) logTail: string | null;
  @Field(() => String, { nullable: true }) error: string | null;
}

@ObjectType({ description: 'An attribute nix-eval-jobs could not evaluate, with its error.' })
export class EvaluationErrorEntry {
  @Field() attr: string;
  @Field() error: string;
}

@ObjectType()
export class Channel {
  @Field() name: string;
  @Field({ description: "'unstable' or a release such as 24.11" }) release: string;
  @Field({ description: 'nixos, nixos-small, nixpkgs or nixpkgs-darwin' }) variant: string;
  @Field({ description: 'unstable, stable, beta, deprecated or end-of-life' }) state: string;
  @Field() tracked: boolean;
  @Field(() => String, { nullable: true }) headRevision: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) headUpdatedAt: Date | null;
}

@ObjectType()
export class PackageMaintainer {
  @Field(() => Int, { nullable: true, description: 'GitHub user id: the stable key (handles change).' }) githubId: number | null;
  @Field(() => String, { nullable: true }) github: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
}

@ObjectType({ description: 'The derivation of a package for one system.' })
export class PackageDerivation {
  @Field() system: string;
  @Field() drvPath: string;
  @Field() attr: string;
}

@ObjectType({ description: 'A package attribute of a channel, grouped over systems.' })
export class Package {
  @Field({ description: 'Attribute path without the system, e.g. python3Packages.requests' }) attr: string;
  @Field() channel: string;
  @Field() name: string;
  @Field() pname: string;
  @Field() version: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [String]) homepages: string[];
  @Field(() => [String]) licenses: string[];
  @Field(() => [String]) knownVulnerabilities: string[];
  @Field() broken: boolean;
  @Field() insecure: boolean;
  @Field() unfree: boolean;
  @Field(() => String, { nullable: true, description: 'meta.identifiers.cpe' }) cpe: string | null;
  @Field(() => String, { nullable: true, description: 'Link to the definition on GitHub at the evaluated commit.' })
  positionUrl: string | null;
  @Field(() => [PackageMaintainer]) maintainers: PackageMaintainer[];
  @Field(() => [PackageDerivation]) derivations: PackageDerivation[];
}

@ObjectType()
export class PackageEdge {
  @Field() cursor: string;
  @Field(() => Package) node: Package;
}

@ObjectType()
export class PackageConnection {
  @Field(() => [PackageEdge]) edges: PackageEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType()
export class Maintainer {
  @Field(() => Int, { nullable: true }) githubId: number | null;
  @Field(() => String, { nullable: true }) github: string | null;
  @Field(() => String, { nullable: true }) name: string | null;
}

@ObjectType()
export class VersionChange {
  @Field() attr: string;
  @Field() from: string;
  @Field() to: string;
}

@ObjectType({ description: 'What changed between two evaluations, per attribute (e.g. openssl.x86_64-linux).' })
export class EvaluationDiff {
  @Field(() => [String]) added: string[];
  @Field(() => [String]) removed: string[];
  @Field(() => [VersionChange]) versionChanged: VersionChange[];
}
