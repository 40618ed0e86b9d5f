import { loadCommonWords } from '../matcher/common-words';
import type { LinkableCve } from '../matcher/linkable-cve';
import { BUILT_IN_RULES, MappingRules } from '../matcher/mapping-rules';
import type { MatcherContext } from '../matcher/matcher';
import { PackageIndex } from '../matcher/package-index';
import { ProductVendors } from '../matcher/product-vendors';
import { readCveFiles } from './cve-files';
import { readUniversePackages } from './universe-packages';

export interface OfflineCorpus {
  context: MatcherContext;
  cves: LinkableCve[];
  errors: { file: string; message: string }[];
}

/**
 * CVE records from a directory and a package-set table, matched without a database: how
 * `linkage eval`/`linkage stats` judge the matcher on files (and how the dev-set test runs).
 */
export async function loadOfflineCorpus(cveDir: string, packagesFile: string, channel = 'nixos-unstable'): Promise<OfflineCorpus> {
  const errors: OfflineCorpus['errors'] = [];
  const cves: LinkableCve[] = [];
  for await (const cve of readCveFiles(cveDir, (file, error) => errors.push({ file, message: error.message }))) cves.push(cve);
  const productVendors = new ProductVendors();
  for (const cve of cves) for (const entry of cve.affected) productVendors.add(entry.vendor, entry.product);
  const index = new PackageIndex(await readUniversePackages(packagesFile, channel));
  return { context: { index, rules: new MappingRules(BUILT_IN_RULES), productVendors, commonWords: await loadCommonWords() }, cves, errors };
}
