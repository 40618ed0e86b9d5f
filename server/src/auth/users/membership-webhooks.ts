import { Injectable, OnModuleInit } from '@nestjs/common';
import { GithubWebhookRegistry } from '../../github/webhooks/github-webhook.registry';
import { GithubWebhookEvent } from '../../github/webhooks/github-webhook.types';
import { AuthSettings } from '../auth-settings';
import { UserService } from './user.service';

interface MembershipPayload {
  member?: { id: number; login: string };
  team?: { slug?: string };
  organization?: { login: string };
}

interface OrganizationPayload {
  membership?: { user?: { id: number; login: string } };
}

/**
 * `membership` (added to / removed from a team) and `organization` (member added / removed)
 * webhooks make the user's roles stale, so their next request re-checks the team instead of
 * waiting for NIXSEC_ROLE_TTL_MINUTES. Only a hint: the check itself still asks GitHub.
 */
@Injectable()
export class MembershipWebhooks implements OnModuleInit {
  constructor(
    private readonly webhooks: GithubWebhookRegistry,
    private readonly users: UserService,
    private readonly settings: AuthSettings,
  ) {}

  onModuleInit(): void {
    this.webhooks.onEvent('membership', (event) => this.onMembership(event), 'auth.roles');
    this.webhooks.onEvent('organization', (event) => this.onOrganization(event), 'auth.roles');
  }

  private async onMembership(event: GithubWebhookEvent): Promise<void> {
    const { member, team, organization } = event.payload as MembershipPayload;
    const { org, slug } = this.settings.team;
    if (!member || organization?.login.toLowerCase() !== org.toLowerCase() || team?.slug?.toLowerCase() !== slug.toLowerCase()) return;
    await this.users.markRolesStale(member.id);
  }

  private async onOrganization(event: GithubWebhookEvent): Promise<void> {
    const user = (event.payload as OrganizationPayload).membership?.user;
    if (user && event.payload.organization?.login.toLowerCase() === this.settings.team.org.toLowerCase()) await this.users.markRolesStale(user.id);
  }
}
