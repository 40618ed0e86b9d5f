// Shared by the linkage phases: the production modules from server/dist (CommonJS), and a light
// time breakdown of Linker work (reading + normalising CVEs, matching, writing, package index),
// taken by wrapping the exported functions the linker calls — the code that runs is unchanged.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (...p) => require(path.join(root, 'server', 'dist', ...p));
export const { Client, Pool } = require(require.resolve('pg', { paths: [path.join(root, 'server')] }));
export const { Linker } = dist('linkage', 'linker.js');
const matcher = dist('linkage', 'matcher', 'matcher.js');
const writer = dist('linkage', 'store', 'suggestion-writer.js');
const { CveRecordsReader } = dist('ingestion', 'cve', 'cve-records.reader.js');
const { CurrentPackagesReader } = dist('ingestion', 'evaluations', 'current-packages.reader.js');

/** Pool as the CLI opens it (server/src/cli/with-pool.ts). */
export const openPool = (url) => new Pool({ connectionString: url, max: 4 });

const now = () => Number(process.hrtime.bigint()) / 1e9;

/** Seconds spent in each part of the linker since installed (summed over calls). */
export function installBreakdown() {
  const t = {
    readCves: 0, readCvesCalls: 0, match: 0, matchCalls: 0, write: 0, writeCalls: 0, readPackages: 0, vendorProducts: 0, changedAttrs: 0,
    context: 0, followEvaluations: 0, staleIds: 0,
  };
  const wrapAsync = (target, name, key, counter) => {
    const original = target[name];
    target[name] = async function (...args) {
      const s = now();
      try {
        return await original.apply(this, args);
      } finally {
        t[key] += now() - s;
        if (counter) t[counter] += 1;
      }
    };
  };
  wrapAsync(CveRecordsReader.prototype, 'read', 'readCves', 'readCvesCalls');
  wrapAsync(CurrentPackagesReader.prototype, 'read', 'readPackages');
  wrapAsync(CurrentPackagesReader.prototype, 'changedAttrs', 'changedAttrs');
  wrapAsync(CveRecordsReader.prototype, 'vendorProducts', 'vendorProducts');
  wrapAsync(Linker.prototype, 'context', 'context');
  wrapAsync(Linker.prototype, 'followEvaluations', 'followEvaluations');
  wrapAsync(Linker.prototype, 'staleIds', 'staleIds');
  wrapAsync(writer, 'writeLinks', 'write', 'writeCalls');
  const matchCve = matcher.matchCve;
  matcher.matchCve = (...args) => {
    const s = now();
    try {
      return matchCve(...args);
    } finally {
      t.match += now() - s;
      t.matchCalls += 1;
    }
  };
  return t;
}

/** A progress callback for Linker.run that prints a line to stderr every few seconds. */
export function progressLog(label, everyMs = 5000) {
  const started = Date.now();
  let last = 0;
  return (p) => {
    if (Date.now() - last < everyMs && p.done !== p.total) return;
    last = Date.now();
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`${label} ${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''} after ${seconds.toFixed(0)}s (${Math.round(p.done / Math.max(seconds, 0.001))}/s)\n`);
  };
}

/** Times every query any pg client runs, by its statement (first words): a "which query" profile. */
export function instrumentQueries() {
  const queries = new Map();
  const record = (label, started) => {
    const q = queries.get(label) ?? { label, calls: 0, seconds: 0 };
    q.calls += 1;
    q.seconds += now() - started;
    queries.set(label, q);
  };
  const original = Client.prototype.query;
  Client.prototype.query = function (config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof config?.submit === 'function') {
      // COPY streams (they carry a text too) and cursors: timed until the stream ends or fails.
      const started = now();
      const label = String(text ?? 'submittable').replace(/\s+/g, ' ').trim().slice(0, 90);
      let recorded = false;
      const done = () => {
        if (recorded) return;
        recorded = true;
        record(label, started);
      };
      config.once?.('finish', done);
      config.once?.('end', done);
      config.once?.('error', done);
      return original.call(this, config, values, callback);
    }
    if (typeof text !== 'string') return original.call(this, config, values, callback);
    const label = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const started = now();
    const cb = typeof values === 'function' ? values : callback;
    if (typeof cb === 'function') {
      const wrapped = (err, res) => {
        record(label, started);
        cb(err, res);
      };
      return typeof values === 'function' ? original.call(this, config, wrapped) : original.call(this, config, values, wrapped);
    }
    const result = original.call(this, config, values);
    return result.finally(() => record(label, started));
  };
  return () => [...queries.values()].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
}
