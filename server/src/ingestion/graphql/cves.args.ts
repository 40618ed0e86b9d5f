import { ArgsType, Field, Int } from '@nestjs/graphql';

@ArgsType()
export class CvesArgs {
  @Field(() => String, { nullable: true, description: 'Full-text search, web-search syntax ("heap overflow" -windows).' })
  search?: string;

  @Field(() => String, { nullable: true, description: 'PUBLISHED or REJECTED' })
  state?: string;

  @Field(() => Int, { nullable: true, description: 'CVE year, e.g. 2024' })
  year?: number;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, at most 200.' })
  first: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;
}
