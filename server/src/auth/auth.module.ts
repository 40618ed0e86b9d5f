import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { GithubModule } from '../github/github.module';
import { AuthController } from './auth.controller';
import { AuthErrorFilter } from './auth.error';
import { AuthSettings } from './auth-settings';
import { AuthenticationMiddleware } from './authentication.middleware';
import { CsrfGuard } from './csrf.guard';
import { AuthGraphQLPlugin } from './graphql/auth-graphql.plugin';
import { AuthResolver } from './graphql/auth.resolver';
import { RateLimiter } from './rate-limiter';
import { HttpSession } from './session/http-session';
import { ApiTokenService } from './tokens/api-token.service';
import { GithubClientTeamMembership, TEAM_MEMBERSHIP } from './users/team-membership';
import { MembershipWebhooks } from './users/membership-webhooks';
import { UserService } from './users/user.service';

/**
 * GitHub login, sessions, roles, API tokens (issue 6). Other modules protect their resolvers and
 * controllers with `@RequireRole(...)` and read the caller with `@CurrentPrincipal()`; both work
 * from `req.principal`, which AuthenticationMiddleware sets on every API request.
 */
@Module({
  imports: [GithubModule],
  controllers: [AuthController],
  providers: [
    AuthSettings,
    HttpSession,
    RateLimiter,
    UserService,
    ApiTokenService,
    AuthResolver,
    AuthGraphQLPlugin,
    AuthenticationMiddleware,
    MembershipWebhooks,
    { provide: TEAM_MEMBERSHIP, inject: [AppConfig], useFactory: (config: AppConfig) => new GithubClientTeamMembership(config) },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_FILTER, useClass: AuthErrorFilter },
  ],
  exports: [UserService, ApiTokenService, AuthSettings],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthenticationMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
