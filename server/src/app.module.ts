import { DynamicModule, Module, Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AdvisoriesModule } from './advisories/advisories.module';
import { AuthModule } from './auth/auth.module';
import { BootChainModule } from './boot-chain/boot-chain.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { GithubModule } from './github/github.module';
import { AppGraphQLModule } from './graphql/app-graphql.module';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { JobsModule } from './jobs/jobs.module';
import { LinkageModule } from './linkage/linkage.module';
import { LoggingModule } from './logging/logging.module';
import { PrTrackingModule } from './pr-tracking/pr-tracking.module';
import { WebAppModule } from './web-app/web-app.module';

/** What a process does: `serve` answers HTTP (and may run jobs), `worker` only runs jobs. */
export type AppMode = 'serve' | 'worker';

const FEATURE_MODULES = [
  IngestionModule,
  LinkageModule,
  AdvisoriesModule,
  PrTrackingModule,
  BootChainModule,
  AuthModule,
  GithubModule,
];

@Module({})
export class AppModule {
  /** `extraModules` lets tests add a module (e.g. one registering a test job) to the real app. */
  static forRoot(
    config: AppConfig,
    mode: AppMode,
    extraModules: Array<Type<unknown> | DynamicModule> = [],
  ): DynamicModule {
    const http = mode === 'serve' ? [AppGraphQLModule, HealthModule, WebAppModule.forRoot(config)] : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        JobsModule,
        ScheduleModule.forRoot(),
        ...FEATURE_MODULES,
        ...http,
        ...extraModules,
      ],
    };
  }
}
