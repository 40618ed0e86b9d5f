import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Notification', { description: 'An in-app notification: a new suggestion, a published advisory, or its fix reaching a channel, touching a package you maintain or follow.' })
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field({ description: 'suggestion.new, advisory.published or advisory.fix-landed (a linked pull request reached one of its channels)' }) kind: string;
  @Field({ description: 'suggestion or advisory' }) subjectType: string;
  @Field({ description: "The suggestion's or advisory's id." }) subjectId: string;
  @Field() message: string;
  @Field({ description: 'Path in the web app: /suggestions?cve=CVE-… or /advisories/NIXPKGS-…' }) link: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt: Date | null;
}

@ObjectType()
export class NotificationEdge {
  @Field(() => NotificationModel) node: NotificationModel;
  @Field() cursor: string;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationEdge]) edges: NotificationEdge[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('NotificationSubscription', { description: 'A package attribute or channel you follow: you are notified of its new suggestions and published advisories.' })
export class NotificationSubscriptionModel {
  @Field({ description: 'package or channel' }) targetType: string;
  @Field({ description: 'A package attribute (openssl, python3Packages.requests) or a channel name (nixos-unstable).' }) target: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('NotificationPreferences', { description: 'Which notifications you get (all on until you change them).' })
export class NotificationPreferencesModel {
  @Field({ description: 'About packages you maintain.' }) maintainedPackages: boolean;
  @Field({ description: 'About packages and channels you follow.' }) subscriptions: boolean;
  @Field({ description: 'An e-mail (daily by default) listing your unread notifications that no digest listed yet; off until you switch it on.' }) emailDigest: boolean;
  @Field(() => String, { nullable: true, description: 'Where the digest goes; only you can read it.' }) email: string | null;
  @Field({ description: 'Whether this server sends e-mail digests at all (SMTP configured); when false, hide the digest settings.' }) emailDigestAvailable: boolean;
}
