import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppConfig } from '../config/app-config';

/**
 * Rejects operations whose estimated cost exceeds GRAPHQL_MAX_COMPLEXITY before any resolver runs.
 * Fields cost 1 by default; list fields declare their own cost via `complexity` in @Field options.
 */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const maxComplexity = this.config.get('GRAPHQL_MAX_COMPLEXITY');
    const schema = this.schemaHost.schema;
    return {
      async didResolveOperation({ request, document }) {
        const complexity = getComplexity({
          schema,
          operationName: request.operationName,
          query: document,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
        if (complexity > maxComplexity) {
          throw new GraphQLError(
            `Query is too complex: ${complexity} > ${maxComplexity}. Ask for fewer fields or smaller pages.`,
            { extensions: { code: 'QUERY_TOO_COMPLEX', complexity, maxComplexity } },
          );
        }
      },
    };
  }
}
