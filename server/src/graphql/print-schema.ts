import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/** The SDL checked in as server/schema.graphql: sorted, so diffs show only real changes. */
export function printAppSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
