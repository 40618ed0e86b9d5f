import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuthError } from '../../auth/auth.error';
import { RequireRole } from '../../auth/require-role.decorator';
import { WebhookDeliveryRepository } from '../webhooks/webhook-delivery.repository';
import { WebhookDeliveriesArgs, WebhookDeliveryConnection } from './webhook-delivery.model';

const pageSize = (first: number) => Math.min(Math.max(first, 1), 200);

/** What GitHub sent and how nixsec answered: for admins checking the webhook set-up. */
@Resolver()
export class WebhookDeliveriesResolver {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  @Query(() => WebhookDeliveryConnection, {
    description: 'Requests to POST /webhooks/github, newest first, kept for NIXSEC_WEBHOOK_RETENTION_DAYS (admin only).',
  })
  @RequireRole('admin')
  async webhookDeliveries(@Args() args: WebhookDeliveriesArgs): Promise<WebhookDeliveryConnection> {
    const after = args.after ?? null;
    if (after !== null && !/^[1-9]\d{0,18}$/.test(after)) {
      throw new AuthError('BAD_USER_INPUT', `after: "${after.slice(0, 40)}" is not a cursor: pass the endCursor of the previous page.`);
    }
    const { rows, hasNext } = await this.deliveries.page(pageSize(args.first), after, args.event ?? null);
    const edges = rows.map((node) => ({ node, cursor: node.id }));
    return { edges, pageInfo: { hasNextPage: hasNext, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
