import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthError } from '../auth.error';
import { CurrentPrincipal, RequireRole } from '../require-role.decorator';
import type { Principal } from '../principal';
import type { ApiTokenRow } from '../tokens/api-token.store';
import { ApiTokenService } from '../tokens/api-token.service';
import { ApiTokenModel, ApiTokenScope, CreatedApiToken, CurrentUser } from './auth.model';

function toModel(row: ApiTokenRow): ApiTokenModel {
  return {
    id: String(row.id),
    name: row.name,
    scope: row.scope as ApiTokenScope,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

@Resolver()
export class AuthResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Query(() => CurrentUser, { nullable: true, description: 'Who is calling; null when not logged in.' })
  me(@CurrentPrincipal() principal: Principal | undefined): CurrentUser | null {
    if (!principal) return null;
    const { user } = principal;
    return {
      id: String(user.id),
      login: user.login,
      githubId: user.githubId,
      name: user.name,
      avatarUrl: user.avatarUrl,
      roles: principal.roles,
      demo: user.demo,
      tokenScope: (principal.token?.scope as ApiTokenScope | undefined) ?? null,
    };
  }

  @Query(() => [ApiTokenModel], { description: 'Your API tokens, newest first (revoked and expired ones included).' })
  @RequireRole('authenticated')
  async apiTokens(@CurrentPrincipal() principal: Principal): Promise<ApiTokenModel[]> {
    return (await this.tokens.list(principal.user.id)).map(toModel);
  }

  @Mutation(() => CreatedApiToken, { description: 'Creates an API token; the secret is in the answer and never shown again.' })
  @RequireRole('authenticated')
  async createApiToken(
    @CurrentPrincipal() principal: Principal,
    @Args('name') name: string,
    @Args('scope', { type: () => ApiTokenScope }) scope: ApiTokenScope,
    @Args('expiresInDays', { type: () => Int, defaultValue: 90, description: '1 to 366' }) expiresInDays: number,
  ): Promise<CreatedApiToken> {
    const { token, secret } = await this.tokens.create(principal, { name, scope, expiresInDays });
    return { token: toModel(token), secret };
  }

  @Mutation(() => ApiTokenModel, { description: 'Revokes one of your API tokens at once.' })
  @RequireRole('authenticated')
  async revokeApiToken(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ApiTokenModel> {
    if (!/^\d{1,9}$/.test(id)) throw new AuthError('BAD_USER_INPUT', `"${id}" is not an API token id: list yours with the apiTokens query.`);
    return toModel(await this.tokens.revoke(principal, Number(id)));
  }
}
