import { AppConfig } from '../config/app-config';
import { ConfigError, loadConfig } from '../config/load-config';
import { AuthSettings } from './auth-settings';

const settingsOf = (env: Record<string, string>) => new AuthSettings(new AppConfig(loadConfig(env)));

describe('AuthSettings', () => {
  it('offers demo login only without GitHub OAuth and outside production', () => {
    expect(settingsOf({}).demoEnabled).toBe(true);
    expect(settingsOf({ GITHUB_CLIENT_ID: 'Iv1.a', GITHUB_CLIENT_SECRET: 'b' }).demoDisabledReason).toMatch(/GitHub login is configured/);
    expect(settingsOf({ NODE_ENV: 'production' }).demoDisabledReason).toMatch(/NODE_ENV is production/);
  });

  it('refuses half an OAuth configuration rather than leaving demo login on', () => {
    expect(() => settingsOf({ GITHUB_CLIENT_ID: 'Iv1.a' })).toThrow(ConfigError);
    expect(() => settingsOf({ GITHUB_CLIENT_SECRET: 'b' })).toThrow(/GITHUB_CLIENT_SECRET is set without GITHUB_CLIENT_ID/);
  });

  it('derives the GitHub endpoints, the callback, the team, admins and cookie security', () => {
    const s = settingsOf({
      GITHUB_CLIENT_ID: 'Iv1.a',
      GITHUB_CLIENT_SECRET: 'b',
      GITHUB_URL: 'https://ghe.example.org/',
      GITHUB_API_URL: 'https://ghe.example.org/api/v3',
      PUBLIC_URL: 'https://nixsec.example.org/',
      NIXSEC_SECURITY_TEAM: 'acme/sec-team',
      NIXSEC_ADMIN_GITHUB_IDS: '1, 22',
      NIXSEC_ROLE_TTL_MINUTES: '3',
    });
    expect(s.oauth).toMatchObject({
      authorizationUrl: 'https://ghe.example.org/login/oauth/authorize',
      tokenUrl: 'https://ghe.example.org/login/oauth/access_token',
      userProfileUrl: 'https://ghe.example.org/api/v3/user',
      callbackUrl: 'https://nixsec.example.org/auth/github/callback',
    });
    expect(s.team).toEqual({ org: 'acme', slug: 'sec-team' });
    expect([...s.adminGithubIds]).toEqual([1, 22]);
    expect(s.roleTtlMs).toBe(180_000);
    expect(s.secureCookies).toBe(true);
    expect(settingsOf({ GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b' }).oauth?.callbackUrl).toBe('/auth/github/callback');
  });

  it('names the variable when a value is malformed', () => {
    expect(() => loadConfig({ NIXSEC_SECURITY_TEAM: 'security' })).toThrow(/NIXSEC_SECURITY_TEAM="security": expected ORG\/TEAM-SLUG/);
    expect(() => loadConfig({ NIXSEC_ADMIN_GITHUB_IDS: 'alice' })).toThrow(/NIXSEC_ADMIN_GITHUB_IDS="alice": expected comma-separated GitHub user ids/);
  });
});
