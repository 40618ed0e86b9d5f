import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { PackageRecord } from '../matcher/package-index';

/**
 * Reads a package-set table (`attr pname version description homepage maintainers`, tab-separated,
 * optionally gzipped — the shape of `universe.tsv.gz`) as packages of one channel. Lets the matcher
 * be evaluated and benchmarked on the real package set without importing an evaluation first.
 */
export async function readUniversePackages(file: string, channel: string): Promise<PackageRecord[]> {
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const records: PackageRecord[] = [];
  let header: string[] | null = null;
  for await (const line of lines) {
    const fields = line.split('\t');
    if (!header) {
      header = fields;
      if (header[0] !== 'attr' || !header.includes('pname')) {
        throw new Error(`${file}: the first line must be a header starting with "attr" and naming "pname"; got "${line.slice(0, 80)}"`);
      }
      continue;
    }
    const column = (name: string) => fields[header!.indexOf(name)] ?? '';
    const homepage = column('homepage');
    records.push({
      attr: column('attr'),
      pname: column('pname'),
      description: column('description') || null,
      homepages: homepage ? homepage.split(' ').filter(Boolean) : [],
      cpe: column('cpe') || null,
      knownVulnerabilities: [],
      maintainers: column('maintainers').split(',').filter(Boolean),
      versions: [{ channel, version: column('version') }],
    });
  }
  return records;
}
