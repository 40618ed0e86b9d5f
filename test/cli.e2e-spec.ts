import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../server/src/testing/test-database';
import { freePort } from './support/free-port';

const MAIN = path.join(__dirname, '..', 'server', 'dist', 'main.js');

function nixsec(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}


describe('nixsec CLI', () => {
  it('--help lists the sub-commands', () => {
    const { stdout, status } = nixsec(['--help']);
    expect(status).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'schema']) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('a bad configuration value stops start-up with one line naming the variable, exit code 2', () => {
    const { stderr, status } = nixsec(['migrate'], { PORT: '70000' });
    expect(status).toBe(2);
    expect(stderr.trim()).toBe('Invalid configuration: PORT="70000": expected an integer between 1 and 65535');
  });

  it('migrate applies every migration to an empty database, and a second run changes nothing', async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      const first = nixsec(['migrate'], { DATABASE_URL: db.url });
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/^Applied migrations: JobRuns\d+/m);
      const second = nixsec(['migrate'], { DATABASE_URL: db.url });
      expect(second.status).toBe(0);
      expect(second.stderr).not.toMatch(/Applied migrations/);
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('SELECT count(*)::int AS n FROM typeorm_migrations');
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await db.drop();
    }
  });

  it('serve without DATABASE_URL starts an embedded PostgreSQL under NIXSEC_DATA_DIR and answers /readyz', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nixsec-serve-'));
    fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must enter it
    const [port, pgPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), NIXSEC_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [MAIN, 'serve'], {
      env: { ...env, NIXSEC_EMBEDDED_PG_PORT: String(pgPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      // First start: embedded PostgreSQL, migrations, then the demo CVEs, package set and linking.
      const deadline = Date.now() + 240_000;
      while (!stderr.includes('nixsec is running')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(stderr).toContain(`Web UI    http://localhost:${port}/`);
      expect(stderr).toContain(`embedded PostgreSQL, data in ${path.join(dataDir, 'postgres')}`);
      expect(stderr).toContain('Stop it with Ctrl+C.');
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ready: true, database: 'ok', migrationsPending: 0 });
      expect(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(stderr).toMatch(/Loaded demo data: [1-9]\d* real CVE records from test\/fixtures\/cve/);
      const graphql = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cve(id: "CVE-2024-3094") { title } suggestion(cveId: "CVE-2024-9680") { packages { displayAttr } } bootChainTargets { report { seedAnchored reproducedOutputs outputs weakestLink { name verdict } } } }' }),
      });
      const { data } = await graphql.json();
      expect(data.cve.title).toMatch(/^Xz: malicious code/);
      // The demo package set is the real one, so the demo CVEs come with real suggestions.
      expect(stderr).toMatch(/Demo evaluation \d+: 129815 packages/);
      expect(data.suggestion.packages.map((p: { displayAttr: string }) => p.displayAttr)).toContain('firefox');
      // And a recorded boot chain: two builders agreed on 3 of its 8 outputs; the wrong pinned source hash shows.
      expect(stderr).toMatch(/Demo boot chain \d+: recorded builds of the test chain/);
      expect(data.bootChainTargets).toEqual([
        { report: { seedAnchored: true, reproducedOutputs: 3, outputs: 8, weakestLink: { name: 'musl-source-1.2.5', verdict: 'fod_mismatch' } } },
      ]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    // Stopping must stop PostgreSQL too: the port is free again.
    await expect(
      new Promise((resolve, reject) => {
        const s = net.createServer().once('error', reject).listen(pgPort, '127.0.0.1', () => s.close(resolve));
      }),
    ).resolves.toBeUndefined();
  }, 300_000);
});
