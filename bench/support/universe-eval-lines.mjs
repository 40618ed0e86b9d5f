// GENERATED evaluation lines shaped like `nix-eval-jobs --meta` output, built from the real Nixpkgs
// package set in ../shared/data/nixpkgs/universe.tsv.gz (attr, pname, version, description,
// homepage, maintainer handles). drvPaths and output paths are made up (hashes of attr+version);
// githubIds are unknown in that data set, so maintainers carry handles only.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from './database.mjs';

export const UNIVERSE = path.resolve(ROOT, '..', 'shared', 'data', 'nixpkgs', 'universe.tsv.gz');

const hash32 = (s) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function universeRows() {
  if (!fs.existsSync(UNIVERSE)) throw new Error(`${UNIVERSE} is missing: the benchmark needs ../shared/data beside the project`);
  const [, ...lines] = gunzipSync(fs.readFileSync(UNIVERSE)).toString('utf8').split('\n');
  return lines.filter(Boolean).map((l) => {
    const [attr, pname, version, description, homepage, maintainers] = l.split('\t');
    return { attr, pname, version, description, homepage, maintainers: maintainers ? maintainers.split(',') : [] };
  });
}

/** The drvPath evalLine gives the row. */
export function drvPathOf(row, bump = false) {
  const version = bump ? `${row.version}.1` : row.version;
  const name = version ? `${row.pname}-${version}` : row.pname;
  return `/nix/store/${hash32(`${row.attr}@${version}`)}-${name}.drv`;
}

/**
 * GENERATED direct dependencies (the package set has none): `perPackage` inputs per row, drawn so
 * that a few rows are used by thousands and most by none, as in Nixpkgs (index = n × u⁴, u uniform
 * from a hash). Indices into `rows`; a row never depends on itself.
 */
export function generatedInputs(rows, perPackage = 5) {
  return rows.map((row, i) => {
    const inputs = new Set();
    for (let k = 0; k < perPackage; k++) {
      const u = parseInt(hash32(`${row.attr}#${k}`).slice(0, 8), 16) / 2 ** 32;
      const j = Math.floor(rows.length * u ** 4);
      if (j !== i) inputs.add(j);
    }
    return [...inputs];
  });
}

/** One JSON line per package for x86_64-linux; `bump` marks packages whose version changed; `inputDrvs`: drvPaths it depends on. */
export function evalLine(row, bump = false, inputDrvs = []) {
  const version = bump ? `${row.version}.1` : row.version;
  const name = version ? `${row.pname}-${version}` : row.pname;
  const drvPath = drvPathOf(row, bump);
  const h = drvPath.slice('/nix/store/'.length, '/nix/store/'.length + 32);
  return JSON.stringify({
    attr: `${row.attr}.x86_64-linux`,
    attrPath: [...row.attr.split('.'), 'x86_64-linux'],
    name,
    drvPath,
    system: 'x86_64-linux',
    outputs: { out: `/nix/store/${hash32(h)}-${name}` },
    inputDrvs: Object.fromEntries(inputDrvs.map((d) => [d, ['out']])),
    meta: {
      name,
      description: row.description || null,
      homepage: row.homepage || null,
      maintainers: row.maintainers.map((github) => ({ github, githubId: null, name: github })),
      license: [],
      broken: false,
      insecure: false,
      unfree: false,
      unsupported: false,
      available: true,
    },
  });
}
