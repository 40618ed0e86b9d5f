import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../config/app-config';
import { loadConfig } from '../../config/load-config';
import { githubAuthFromConfig } from './github-client.config';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

function secretFile(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-github-')), name);
  fs.writeFileSync(file, content, { mode: 0o600 });
  return file;
}

const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('GitHub configuration', () => {
  it('defaults to api.github.com without credentials', () => {
    const config = new AppConfig(loadConfig({}));
    expect(config.get('GITHUB_API_URL')).toBe('https://api.github.com');
    expect(githubAuthFromConfig(config)).toEqual({ kind: 'none' });
  });

  it('reads the token, the app key and the webhook secret from *_FILE', () => {
    const token = new AppConfig(
      loadConfig({
        GITHUB_TOKEN_FILE: secretFile('token', 'ghp_exampleToken123\n'),
        GITHUB_WEBHOOK_SECRET_FILE: secretFile('webhook', 'whsec-0123456789\n'),
      }),
    );
    expect(githubAuthFromConfig(token)).toEqual({ kind: 'token', token: 'ghp_exampleToken123' });
    expect(token.get('GITHUB_WEBHOOK_SECRET')).toBe('whsec-0123456789');

    const app = new AppConfig(
      loadConfig({
        GITHUB_API_URL: 'https://ghe.example.org/api/v3',
        GITHUB_APP_ID: '123456',
        GITHUB_APP_PRIVATE_KEY_FILE: secretFile('app.pem', privateKey),
        GITHUB_APP_INSTALLATION_ID: '7890123',
      }),
    );
    expect(githubAuthFromConfig(app)).toEqual({
      kind: 'app',
      appId: 123456,
      privateKey: privateKey.replace(/\n$/, ''),
      installationId: 7890123,
    });
    expect(app.get('GITHUB_API_URL')).toBe('https://ghe.example.org/api/v3');
  });

  it('explains incomplete or conflicting credentials in one line, without secret values', () => {
    expect(errorOf({ GITHUB_APP_ID: '123456' })).toBe(
      'Invalid configuration: GITHUB_APP_ID="123456": a GitHub App also needs GITHUB_APP_PRIVATE_KEY_FILE and GITHUB_APP_INSTALLATION_ID',
    );
    expect(
      errorOf({
        GITHUB_TOKEN: 'ghp_hunter2',
        GITHUB_APP_ID: '1',
        GITHUB_APP_PRIVATE_KEY: privateKey,
        GITHUB_APP_INSTALLATION_ID: '2',
      }),
    ).toBe(
      'Invalid configuration: GITHUB_TOKEN=<secret>: set either GITHUB_TOKEN(_FILE) or the GitHub App settings ' +
        '(GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_APP_INSTALLATION_ID), not both',
    );
    expect(errorOf({ GITHUB_APP_PRIVATE_KEY_FILE: secretFile('key', 'hunter2') })).toBe(
      'Invalid configuration: GITHUB_APP_PRIVATE_KEY=<secret>: expected the PEM private key downloaded from the GitHub App settings',
    );
    expect(errorOf({ GITHUB_TOKEN: 'ghp_two words' })).toMatch(/^Invalid configuration: GITHUB_TOKEN=<secret>: expected a GitHub token/);
    expect(errorOf({ GITHUB_WEBHOOK_SECRET: 'short' })).toBe(
      'Invalid configuration: GITHUB_WEBHOOK_SECRET=<secret>: expected the webhook secret entered in the GitHub webhook settings (8 characters or more)',
    );
    expect(errorOf({ GITHUB_API_URL: 'api.github.com' })).toMatch(/^Invalid configuration: GITHUB_API_URL="api.github.com": expected the GitHub REST API base URL/);
  });
});
