// One `nixsec ingest eval` of a jsonl file, through the production code in server/dist.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { Pool } = require(require.resolve('pg', { paths: [path.join(root, 'server')] }));
const { EvaluationImporter } = require(path.join(root, 'server', 'dist', 'ingestion', 'evaluations', 'evaluation-importer.js'));
const { readEvalLines } = require(path.join(root, 'server', 'dist', 'ingestion', 'evaluations', 'eval-lines.reader.js'));
const { parseChannelName } = require(path.join(root, 'server', 'dist', 'ingestion', 'channels', 'channel-name.js'));

export default async function (url, channel, revision, file) {
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    const summary = await new EvaluationImporter(pool).import(parseChannelName(channel), revision, readEvalLines(file), { source: 'bench' });
    return { counts: summary.counts, dependants: summary.dependants ?? null };
  } finally {
    await pool.end();
  }
}
