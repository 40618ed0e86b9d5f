import { Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { GithubClient } from './github-client';
import { GithubAuth } from './github.types';

/** Which credentials the configuration names (config.schema.ts ensures an app is complete). */
export function githubAuthFromConfig(config: AppConfig): GithubAuth {
  const appId = config.get('GITHUB_APP_ID');
  const privateKey = config.get('GITHUB_APP_PRIVATE_KEY');
  const installationId = config.get('GITHUB_APP_INSTALLATION_ID');
  if (appId && privateKey && installationId) {
    // A key passed in an environment variable often has its newlines escaped as "\n".
    return { kind: 'app', appId, privateKey: privateKey.replace(/\\n/g, '\n'), installationId };
  }
  const token = config.get('GITHUB_TOKEN');
  return token ? { kind: 'token', token } : { kind: 'none' };
}

/** The application's client: GITHUB_API_URL, the configured credentials, warnings to the log. */
export function githubClientFromConfig(config: AppConfig): GithubClient {
  const logger = new Logger(GithubClient.name);
  return new GithubClient({
    baseUrl: config.get('GITHUB_API_URL'),
    auth: githubAuthFromConfig(config),
    log: (line) => logger.warn(line),
  });
}
