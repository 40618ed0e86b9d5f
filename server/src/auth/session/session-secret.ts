import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../../config/app-config';
import { ConfigError } from '../../config/load-config';

export const SESSION_SECRET_FILE_NAME = 'session-secret';

/**
 * The key that signs session cookies. SESSION_SECRET(_FILE) when set; required in production, where
 * a secret that changes on restart would log everyone out and several processes must agree. In
 * development one is generated once and kept in NIXSEC_DATA_DIR (so `npm start` keeps you logged
 * in across restarts); tests get a fresh one per process.
 */
export function resolveSessionSecret(config: AppConfig): string {
  const configured = config.get('SESSION_SECRET');
  if (configured) return configured;
  if (config.isProduction) {
    throw new ConfigError(
      'Invalid configuration: SESSION_SECRET is required when NODE_ENV=production: set SESSION_SECRET_FILE to a file holding ' +
        'at least 32 random characters (e.g. `openssl rand -hex 32`), the same for every nixsec process',
    );
  }
  if (config.get('NODE_ENV') === 'test') return randomBytes(32).toString('hex');
  const file = path.join(config.get('NIXSEC_DATA_DIR'), SESSION_SECRET_FILE_NAME);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx' fails when another process created it first; then both use that one.
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
