import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ApiTokenScope {
  read = 'read',
  triage = 'triage',
  admin = 'admin',
}

registerEnumType(ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What an API token may do: read (queries only, no roles), triage (up to security-team), admin (all of its owner\'s roles).',
});

@ObjectType({ description: 'The logged-in caller.' })
export class CurrentUser {
  @Field(() => ID) id: string;
  @Field() login: string;
  @Field(() => Int, { description: 'GitHub user id (negative for the local demo users).' }) githubId: number;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) avatarUrl: string | null;
  @Field(() => [String], { description: 'Roles this request acts with, lowest first: maintainer, security-team, admin. Checks are hierarchical.' })
  roles: string[];
  @Field({ description: 'A local demo user (demo mode), not a GitHub account.' }) demo: boolean;
  @Field(() => ApiTokenScope, { nullable: true, description: 'Set when the request is authenticated by an API token.' })
  tokenScope: ApiTokenScope | null;
}

@ObjectType('ApiToken', { description: 'An API token of yours. Its secret is shown only once, when it is created.' })
export class ApiTokenModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ApiTokenScope) scope: ApiTokenScope;
  @Field() createdAt: Date;
  @Field() expiresAt: Date;
  @Field(() => Date, { nullable: true, description: 'Recorded at most once a minute.' }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field(() => ApiTokenModel) token: ApiTokenModel;
  @Field({ description: 'The secret (nixsec_…), shown only this once: send it as "Authorization: Bearer <secret>".' })
  secret: string;
}
