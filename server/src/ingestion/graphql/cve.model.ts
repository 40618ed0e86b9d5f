import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One affected product entry of a CNA/ADP container (or NVD).' })
export class CveAffected {
  @Field() source: string;
  @Field({ description: 'cna, adp or nvd' }) containerKind: string;
  @Field(() => String, { nullable: true }) providerShortName: string | null;
  @Field(() => String, { nullable: true }) vendor: string | null;
  @Field(() => String, { nullable: true }) product: string | null;
  @Field(() => String, { nullable: true }) packageName: string | null;
  @Field(() => String, { nullable: true }) collectionUrl: string | null;
  @Field(() => String, { nullable: true }) repo: string | null;
  @Field(() => [String]) platforms: string[];
  @Field(() => [String]) cpes: string[];
  @Field(() => String, { nullable: true }) defaultStatus: string | null;
  @Field(() => [CveAffectedVersion]) versions: CveAffectedVersion[];
}

@ObjectType()
export class CveAffectedVersion {
  @Field() version: string;
  @Field(() => String, { nullable: true }) lessThan: string | null;
  @Field(() => String, { nullable: true }) lessThanOrEqual: string | null;
  @Field() status: string;
  @Field(() => String, { nullable: true }) versionType: string | null;
}

@ObjectType()
export class CveReference {
  @Field() source: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => [String]) tags: string[];
}

@ObjectType()
export class CveProblemType {
  @Field() source: string;
  @Field(() => String, { nullable: true }) cweId: string | null;
  @Field() description: string;
}

@ObjectType({ description: 'A CVSS score computed from its vector by a CVSS library.' })
export class CveMetric {
  @Field() source: string;
  @Field() cvssVersion: string;
  @Field() vector: string;
  @Field(() => Float) baseScore: number;
  @Field() severity: string;
  @Field(() => String, { nullable: true }) scoredBy: string | null;
}

@ObjectType({ description: 'One cpeMatch of the NVD configurations.' })
export class CveCpeMatch {
  @Field(() => Int) configuration: number;
  @Field(() => Int) node: number;
  @Field() operator: string;
  @Field() negate: boolean;
  @Field() criteria: string;
  @Field() vulnerable: boolean;
  @Field(() => String, { nullable: true }) versionStartIncluding: string | null;
  @Field(() => String, { nullable: true }) versionStartExcluding: string | null;
  @Field(() => String, { nullable: true }) versionEndIncluding: string | null;
  @Field(() => String, { nullable: true }) versionEndExcluding: string | null;
}

@ObjectType()
export class Cve {
  @Field(() => ID) id: string;
  @Field({ description: 'PUBLISHED or REJECTED' }) state: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) assignerShortName: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) dateReserved: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) datePublished: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) dateUpdated: Date | null;
  @Field(() => String, { nullable: true, description: 'NVD analysis status, when NVD knows the CVE.' })
  nvdStatus: string | null;
  @Field(() => [String], { description: 'Sources that state this CVE: cve-list, nvd.' }) sources: string[];
  @Field(() => Float, { nullable: true, description: 'Highest CVSS base score of any source.' })
  maxBaseScore: number | null;
}

@ObjectType()
export class CveEdge {
  @Field() cursor: string;
  @Field(() => Cve) node: Cve;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType()
export class CveConnection {
  @Field(() => [CveEdge]) edges: CveEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
