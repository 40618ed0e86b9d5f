import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import depthLimit from 'graphql-depth-limit';
import { AppConfig } from '../config/app-config';
import { ComplexityPlugin } from './complexity.plugin';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        introspection: true,
        // Apollo refuses requests a plain HTML form or <img> could send; nixsec's own CSRF token
        // check for cookie-authenticated mutations (auth/graphql/auth-graphql.plugin.ts) comes on top.
        csrfPrevention: true,
        includeStacktraceInErrorResponses: !config.isProduction,
        validationRules: [depthLimit(config.get('GRAPHQL_MAX_DEPTH'))],
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
      }),
    }),
  ],
  providers: [ComplexityPlugin],
})
export class AppGraphQLModule {}
