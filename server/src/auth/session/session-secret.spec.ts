import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '../../config/app-config';
import { ConfigError, loadConfig } from '../../config/load-config';
import { resolveSessionSecret, SESSION_SECRET_FILE_NAME } from './session-secret';

const configOf = (env: Record<string, string>) => new AppConfig(loadConfig(env));

describe('resolveSessionSecret', () => {
  it('uses SESSION_SECRET, or SESSION_SECRET_FILE, when set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-secret-'));
    const file = path.join(dir, 'secret');
    fs.writeFileSync(file, `${'f'.repeat(40)}\n`);
    expect(resolveSessionSecret(configOf({ NODE_ENV: 'production', SESSION_SECRET_FILE: file }))).toBe('f'.repeat(40));
    expect(resolveSessionSecret(configOf({ SESSION_SECRET: 'a'.repeat(32) }))).toBe('a'.repeat(32));
  });

  it('is required in production, with a message saying how to set it', () => {
    expect(() => resolveSessionSecret(configOf({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => resolveSessionSecret(configOf({ NODE_ENV: 'production' }))).toThrow(/SESSION_SECRET is required when NODE_ENV=production: set SESSION_SECRET_FILE/);
  });

  it('refuses a short secret without echoing it', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'hunter2' })).toThrow('Invalid configuration: SESSION_SECRET=<secret>: expected at least 32 characters (e.g. `openssl rand -hex 32`)');
  });

  it('generates one in development, kept in NIXSEC_DATA_DIR (owner-only) and reused after a restart', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-data-'));
    const first = resolveSessionSecret(configOf({ NODE_ENV: 'development', NIXSEC_DATA_DIR: dataDir }));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, SESSION_SECRET_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecret(configOf({ NODE_ENV: 'development', NIXSEC_DATA_DIR: dataDir }))).toBe(first);
  });

  it('is random per process in tests (nothing written)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-data-'));
    const a = resolveSessionSecret(configOf({ NODE_ENV: 'test', NIXSEC_DATA_DIR: dataDir }));
    expect(resolveSessionSecret(configOf({ NODE_ENV: 'test', NIXSEC_DATA_DIR: dataDir }))).not.toBe(a);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
