import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/load-config';
import { parseAdminIds } from './policy';

export interface GithubOAuthSettings {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  userProfileUrl: string;
  /** Absolute when PUBLIC_URL is set; otherwise relative, resolved against the request's host. */
  callbackUrl: string;
}

/** Auth settings derived once from AppConfig, with the reasons behind what is on or off. */
@Injectable()
export class AuthSettings {
  readonly oauth: GithubOAuthSettings | null;
  /** Why demo login is off, or null when it is on. */
  readonly demoDisabledReason: string | null;
  readonly team: { org: string; slug: string };
  readonly adminGithubIds: ReadonlySet<number>;
  readonly roleTtlMs: number;
  readonly secureCookies: boolean;
  readonly apiUrl: string;
  readonly rateLimitPerIp: number;
  readonly rateLimitPerToken: number;

  constructor(config: AppConfig) {
    const clientId = config.get('GITHUB_CLIENT_ID');
    const clientSecret = config.get('GITHUB_CLIENT_SECRET');
    const githubUrl = config.get('GITHUB_URL').replace(/\/+$/, '');
    this.apiUrl = config.get('GITHUB_API_URL').replace(/\/+$/, '');
    const publicUrl = config.get('PUBLIC_URL')?.replace(/\/+$/, '');
    if (Boolean(clientId) !== Boolean(clientSecret)) {
      // Half a configuration would silently leave demo login on: refuse to start instead.
      throw new ConfigError(
        `Invalid configuration: ${clientId ? 'GITHUB_CLIENT_ID is set without GITHUB_CLIENT_SECRET' : 'GITHUB_CLIENT_SECRET is set without GITHUB_CLIENT_ID'}: ` +
          'set both (the secret may be GITHUB_CLIENT_SECRET_FILE) to enable GitHub login, or neither',
      );
    }
    this.oauth =
      clientId && clientSecret
        ? {
            clientId,
            clientSecret,
            authorizationUrl: `${githubUrl}/login/oauth/authorize`,
            tokenUrl: `${githubUrl}/login/oauth/access_token`,
            userProfileUrl: `${this.apiUrl}/user`,
            callbackUrl: `${publicUrl ?? ''}/auth/github/callback`,
          }
        : null;
    this.demoDisabledReason = config.isProduction
      ? 'Demo login is disabled: NODE_ENV is production.'
      : this.oauth
        ? 'Demo login is disabled: GitHub login is configured (GITHUB_CLIENT_ID); log in with GitHub.'
        : null;
    const [org, slug] = config.get('NIXSEC_SECURITY_TEAM').split('/');
    this.team = { org, slug };
    this.adminGithubIds = parseAdminIds(config.get('NIXSEC_ADMIN_GITHUB_IDS'));
    this.roleTtlMs = config.get('NIXSEC_ROLE_TTL_MINUTES') * 60_000;
    this.secureCookies = publicUrl?.startsWith('https:') ?? false;
    this.rateLimitPerIp = config.get('NIXSEC_RATE_LIMIT_PER_IP');
    this.rateLimitPerToken = config.get('NIXSEC_RATE_LIMIT_PER_TOKEN');
  }

  get demoEnabled(): boolean {
    return this.demoDisabledReason === null;
  }
}
