import { createHash } from 'node:crypto';
import { readUniversePackages } from '../linkage/corpus/universe-packages';

const hash32 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * A package table (universe.tsv.gz: the real Nixpkgs package set with versions, descriptions,
 * homepages and maintainers) as `nix-eval-jobs --meta` lines for x86_64-linux, so it can be imported
 * like an evaluation. The drvPaths and output paths are GENERATED (hashes of attr and version):
 * the table has no derivations, and githubIds are unknown, so maintainers carry handles only.
 */
export async function* packageTableLines(file: string, batch = 1000): AsyncIterable<string[]> {
  let lines: string[] = [];
  for (const row of await readUniversePackages(file, 'table')) {
    const version = row.versions[0].version;
    const name = version ? `${row.pname}-${version}` : row.pname;
    const drvHash = hash32(`${row.attr}@${version}`);
    lines.push(
      JSON.stringify({
        attr: `${row.attr}.x86_64-linux`,
        attrPath: [...row.attr.split('.'), 'x86_64-linux'],
        name,
        drvPath: `/nix/store/${drvHash}-${name}.drv`,
        system: 'x86_64-linux',
        outputs: { out: `/nix/store/${hash32(drvHash)}-${name}` },
        inputDrvs: {},
        meta: {
          name,
          description: row.description,
          homepage: row.homepages[0] ?? null,
          maintainers: row.maintainers.map((github) => ({ github, githubId: null, name: github })),
          license: [],
          broken: false,
          insecure: false,
          unfree: false,
          unsupported: false,
          available: true,
        },
      }),
    );
    if (lines.length >= batch) {
      yield lines;
      lines = [];
    }
  }
  if (lines.length > 0) yield lines;
}
