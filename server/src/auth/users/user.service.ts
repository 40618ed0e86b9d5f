import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityLog } from '../../activity/activity-log';
import { pgPool } from '../../database/pg-pool';
import { withTransaction } from '../../database/transaction';
import { AuthSettings } from '../auth-settings';
import { DemoRole, roleChanges, rolesFor } from '../policy';
import type { AuthUser } from '../principal';
import { MaintainerReader } from './maintainer.reader';
import { fetchTeamMembership, TEAM_MEMBERSHIP, TeamMembership } from './team-membership';
import { GithubIdentity, UserRow, UserStore } from './user.store';

/** After a failed membership check, ask GitHub again this soon rather than on every request. */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** A security-team role GitHub has not confirmed for this long is dropped (fail closed). */
const UNCONFIRMED_TEAM_ROLE_LIMIT_MS = 60 * 60_000;

export const DEMO_USERS: Record<DemoRole, GithubIdentity> = {
  'security-team': { githubId: -1, login: 'demo-security', name: 'Demo security-team member (local demo, not a GitHub account)', avatarUrl: null },
  maintainer: { githubId: -2, login: 'demo-maintainer', name: 'Demo maintainer (local demo, not a GitHub account)', avatarUrl: null },
};

type CheckReason = 'login' | 'refresh';

/**
 * Users and their roles: created at login, roles recomputed at login and again whenever they are
 * older than NIXSEC_ROLE_TTL_MINUTES (on the user's next request), so a change in the GitHub team
 * or in the maintained packages takes effect without logging in again. Every change of a user's
 * roles is written to the activity log in the same transaction.
 */
@Injectable()
export class UserService {
  private readonly logger = new Logger(UserService.name);
  private readonly pool: Pool;
  private readonly store: UserStore;
  private readonly maintainers: MaintainerReader;
  private readonly activity: ActivityLog;
  /** One refresh per user at a time in this process; concurrent requests wait for it. */
  private readonly refreshing = new Map<number, Promise<UserRow>>();

  constructor(
    dataSource: DataSource,
    private readonly settings: AuthSettings,
    @Inject(TEAM_MEMBERSHIP) private readonly teams: TeamMembership,
  ) {
    this.pool = pgPool(dataSource);
    this.store = new UserStore(this.pool);
    this.maintainers = new MaintainerReader(this.pool);
    this.activity = new ActivityLog(this.pool);
  }

  /** After GitHub OAuth: the team is checked with the user's own token (scope read:org), which always works at login. */
  async loginWithGithub(identity: GithubIdentity, accessToken: string): Promise<AuthUser> {
    const row = await this.store.upsertFromGithub(identity);
    const { org, slug } = this.settings.team;
    let teamMember: boolean | null;
    try {
      teamMember = (await fetchTeamMembership(this.settings.apiUrl, accessToken, org, slug, identity.login)) === 'member';
    } catch (err) {
      this.logger.warn(`team membership of ${identity.login} unknown at login: ${(err as Error).message}`);
      teamMember = null;
    }
    return this.toAuthUser(await this.check(row, teamMember, 'login'));
  }

  async loginDemo(role: DemoRole): Promise<AuthUser> {
    const row = await this.store.upsertDemo(DEMO_USERS[role], role);
    return this.toAuthUser(await this.check(row, false, 'login'));
  }

  /** The user behind a session or token, roles refreshed when stale; null when they no longer exist or may not log in. */
  async forRequest(userId: number): Promise<AuthUser | null> {
    let row = await this.store.byId(userId);
    if (!row) return null;
    if (row.demoRole && !this.settings.demoEnabled) return null;
    if (!row.rolesCheckedAt || Date.now() - row.rolesCheckedAt.getTime() >= this.settings.roleTtlMs) {
      row = await this.refresh(row);
    }
    return this.toAuthUser(row);
  }

  /** After a membership webhook: the user's next request asks GitHub again, whatever the TTL. */
  markRolesStale(githubId: number): Promise<void> {
    return this.store.markStale(githubId);
  }

  private refresh(row: UserRow): Promise<UserRow> {
    const running = this.refreshing.get(row.id);
    if (running) return running;
    const job = (async () => {
      if (row.demoRole) return this.check(row, false, 'refresh');
      const { org, slug } = this.settings.team;
      try {
        // null: the server has no GitHub credentials, so the answer given at login stands.
        return await this.check(row, await this.teams.isMember(org, slug, row.login), 'refresh');
      } catch (err) {
        this.logger.warn(`team membership of ${row.login} could not be refreshed: ${(err as Error).message}`);
        const unconfirmedFor = Date.now() - (row.teamCheckedAt?.getTime() ?? 0);
        return this.check(row, unconfirmedFor > UNCONFIRMED_TEAM_ROLE_LIMIT_MS ? false : null, 'refresh', true);
      }
    })().finally(() => this.refreshing.delete(row.id));
    this.refreshing.set(row.id, job);
    return job;
  }

  /** Recomputes roles from the facts (team answer, maintained packages, admin ids) and stores them. */
  private async check(row: UserRow, teamAnswer: boolean | null, reason: CheckReason, failed = false): Promise<UserRow> {
    const now = new Date();
    const teamMember = teamAnswer ?? row.teamMember;
    const maintainer = row.demoRole ? false : await this.maintainers.maintainsTrackedPackage(row.githubId);
    const roles = rolesFor({ githubId: row.githubId, demoRole: row.demoRole, teamMember, maintainer }, this.settings);
    const checkedAt = failed ? new Date(now.getTime() - this.settings.roleTtlMs + RETRY_AFTER_FAILURE_MS) : now;
    await withTransaction(this.pool, async (client) => {
      const before = await this.store.saveRoleCheck(client, row.id, {
        teamMember,
        teamCheckedAt: teamAnswer === null || failed ? null : now,
        maintainer,
        roles,
        checkedAt,
      });
      const { added, removed } = roleChanges(before, roles);
      if (added.length || removed.length) {
        await this.activity.record(client, {
          actor: 'nixsec',
          action: 'user.roles-changed',
          subjectType: 'user',
          subjectId: String(row.githubId),
          details: { login: row.login, added, removed, roles, reason },
        });
      }
    });
    return { ...row, teamMember, maintainer, roles, rolesCheckedAt: checkedAt };
  }

  private toAuthUser(row: UserRow): AuthUser {
    return {
      id: row.id,
      githubId: row.githubId,
      login: row.login,
      name: row.name,
      avatarUrl: row.avatarUrl,
      demo: row.demoRole !== null,
      roles: row.roles,
    };
  }
}
