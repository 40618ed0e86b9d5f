import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.NIXSEC_RUN_JOBS).toBe(true);
  });

  it('names the variable and what is allowed for a bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      new ConfigError('Invalid configuration: PORT="abc": expected an integer between 1 and 65535'),
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL="loud": Invalid enum value\. Expected 'fatal' \| 'error'/);
    expect(() => loadConfig({ NIXSEC_RUN_JOBS: 'maybe' })).toThrow(/NIXSEC_RUN_JOBS="maybe": expected one of true, false/);
  });

  it('reads secrets from *_FILE and never echoes a secret value in errors', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-config-'));
    const file = path.join(dir, 'db-url');
    fs.writeFileSync(file, 'postgres://u:hunter2@db/nixsec\n');
    expect(loadConfig({ DATABASE_URL_FILE: file }).DATABASE_URL).toBe('postgres://u:hunter2@db/nixsec');

    fs.writeFileSync(file, 'mysql://u:hunter2@db/nixsec');
    let message = '';
    try {
      loadConfig({ DATABASE_URL_FILE: file });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe('Invalid configuration: DATABASE_URL=<secret>: expected a postgres:// or postgresql:// connection URL');
    expect(message).not.toContain('hunter2');
  });

  it('refuses a secret given both directly and as a file, and an unreadable file', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_URL_FILE: '/nonexistent' })).toThrow(
      /DATABASE_URL and DATABASE_URL_FILE are both set/,
    );
    expect(() => loadConfig({ DATABASE_URL_FILE: '/nonexistent/secret' })).toThrow(
      'DATABASE_URL_FILE=/nonexistent/secret: cannot read the file (ENOENT)',
    );
  });
});
