import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CveFilter {
  @Field(() => String, { nullable: true, description: 'Full-text search, web-search syntax ("heap overflow" -windows).' })
  search?: string;

  @Field(() => String, { nullable: true, description: 'PUBLISHED or REJECTED' })
  state?: string;

  @Field(() => Int, { nullable: true, description: 'CVE year, e.g. 2024' })
  year?: number;
}

@ArgsType()
export class CvesArgs {
  @Field(() => CveFilter, { nullable: true })
  filter?: CveFilter;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, at most 200.' })
  first: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;
}
