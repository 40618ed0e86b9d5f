import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { pgPool } from '../../../server/src/database/pg-pool';
import { FakeGithubServer, startFakeGithubServer } from '../../../server/src/github/__tests__/fake-github-server';
import { EvaluationImporter } from '../../../server/src/ingestion/evaluations/evaluation-importer';
import { Linker } from '../../../server/src/linkage/linker';
import { startTestApp, TestApp } from '../../../server/src/testing/test-app';
import { copyFixtures, ingester } from '../../ingestion/support';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');
export const ADVISORY_REPOSITORY = 'NixOS/nixpkgs';
const SERVER_TOKEN = 'ghp_browser-advisories-server-token';

const readLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
async function* iterate(lines: string[]) {
  yield* lines;
}

export interface AdvisoryApp {
  t: TestApp;
  github: FakeGithubServer;
  close(): Promise<void>;
}

/**
 * The real app in demo mode (no GitHub OAuth) whose GitHub API client (GITHUB_API_URL +
 * GITHUB_TOKEN) points at the fake GitHub, so publishing creates an issue there; seeded with the
 * CVE fixtures, one nixos-unstable evaluation and one linker run (the advisories e2e data set).
 */
export async function startAdvisoryApp(): Promise<AdvisoryApp> {
  const github = await startFakeGithubServer({ tokens: { [SERVER_TOKEN]: { login: 'nixsec-bot' } } });
  github.addRepo(ADVISORY_REPOSITORY);
  github.addUser({ login: 'thillux', id: 2171995 });
  const t = await startTestApp({ env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: SERVER_TOKEN } });
  const pool = pgPool(t.app.get(DataSource));
  const cveDir = copyFixtures();
  try {
    await ingester(t).ingest(cveDir);
  } finally {
    fs.rmSync(cveDir, { recursive: true, force: true });
  }
  const lines = [...readLines(path.join(FIXTURES, 'linkage', 'db', 'nixos-unstable.jsonl')), ...readLines(path.join(FIXTURES, 'nixpkgs', 'eval-sample.jsonl'))];
  await new EvaluationImporter(pool).import({ name: 'nixos-unstable', release: 'unstable', variant: 'nixos' }, 'b'.repeat(40), iterate(lines), { source: 'browser test' });
  await new Linker(pool).run();
  return {
    t,
    github,
    async close() {
      await t.close();
      await github.close();
    },
  };
}
