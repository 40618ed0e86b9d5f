import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '../../auth/principal';
import { CurrentPrincipal, RequireRole } from '../../auth/require-role.decorator';
import { NotificationConnection, NotificationPreferencesModel, NotificationSubscriptionModel } from './notification.model';
import { NotificationService } from './notification.service';

const clamp = (n: number, max: number) => Math.min(Math.max(n, 1), max);

/** The caller's own notifications, subscriptions and preferences; any logged-in user. */
@Resolver()
@RequireRole('authenticated')
export class NotificationsResolver {
  constructor(private readonly service: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  async notifications(
    @CurrentPrincipal() p: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
  ): Promise<NotificationConnection> {
    const { rows, hasNext } = await this.service.list(p.user.githubId, clamp(first, 100), after ?? null, unreadOnly ?? false);
    const edges = rows.map((node) => ({ node, cursor: node.id }));
    return { edges, hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null };
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@CurrentPrincipal() p: Principal): Promise<number> {
    return this.service.unreadCount(p.user.githubId);
  }

  @Mutation(() => Int, { description: 'Marks these notifications of yours read; returns how many were unread.' })
  markNotificationsRead(@CurrentPrincipal() p: Principal, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.service.markRead(p.user.githubId, ids);
  }

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns how many were unread.' })
  markAllNotificationsRead(@CurrentPrincipal() p: Principal): Promise<number> {
    return this.service.markAllRead(p.user.githubId);
  }

  @Query(() => [NotificationSubscriptionModel], { description: 'The packages and channels you follow.' })
  subscriptions(@CurrentPrincipal() p: Principal): Promise<NotificationSubscriptionModel[]> {
    return this.service.subscriptions(p.user.githubId);
  }

  @Mutation(() => NotificationSubscriptionModel, { description: 'Follows a package attribute a tracked channel ships, or a tracked channel. Idempotent.' })
  subscribe(@CurrentPrincipal() p: Principal, @Args('targetType', { description: 'package or channel' }) targetType: string, @Args('target') target: string): Promise<NotificationSubscriptionModel> {
    return this.service.subscribe(p.user.githubId, targetType, target);
  }

  @Mutation(() => Boolean, { description: 'Stops following; false when you did not follow it.' })
  unsubscribe(@CurrentPrincipal() p: Principal, @Args('targetType') targetType: string, @Args('target') target: string): Promise<boolean> {
    return this.service.unsubscribe(p.user.githubId, targetType, target);
  }

  @Query(() => NotificationPreferencesModel)
  notificationPreferences(@CurrentPrincipal() p: Principal): Promise<NotificationPreferencesModel> {
    return this.service.preferences(p.user.githubId);
  }

  @Mutation(() => NotificationPreferencesModel, { description: 'Changes your given preferences; absent ones stay as they are.' })
  setNotificationPreferences(
    @CurrentPrincipal() p: Principal,
    @Args('maintainedPackages', { type: () => Boolean, nullable: true }) maintainedPackages: boolean | null,
    @Args('subscriptions', { type: () => Boolean, nullable: true }) subscriptions: boolean | null,
    @Args('emailDigest', { type: () => Boolean, nullable: true, description: 'Needs emailDigestAvailable and an address.' }) emailDigest: boolean | null,
    @Args('email', { type: () => String, nullable: true, description: 'Where your digest goes; "" removes it (with the digest off).' }) email: string | null | undefined,
  ): Promise<NotificationPreferencesModel> {
    return this.service.setPreferences(p.user.githubId, {
      maintainedPackages: maintainedPackages ?? undefined,
      subscriptions: subscriptions ?? undefined,
      emailDigest: emailDigest ?? undefined,
      email: email === null ? undefined : email,
    });
  }
}
