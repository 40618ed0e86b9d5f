import type { LinkableAffected, LinkableCve } from './linkable-cve';
import { packageVersionVerdict } from './package-version-verdict';

const cve = (affected: LinkableCve['affected']): LinkableCve => ({
  id: 'CVE-2024-9143', state: 'PUBLISHED', title: null, description: null, tags: [], affected, cpeMatches: [], referenceUrls: [], cvss: null,
});
const range = (version: string, lessThan: string, ordinal = 0) => ({ ordinal, version, lessThan, lessThanOrEqual: null, status: 'affected' as const, versionType: 'semver', changes: [] });
const entry = (product: string, defaultStatus: LinkableAffected['defaultStatus'], versions: LinkableAffected['versions']): LinkableAffected => ({
  container: 'CNA', ordinal: 0, vendor: product, product, packageName: null, collectionUrl: null, repo: null, platforms: [], cpes: [], modules: [], defaultStatus, versions,
});

describe('packageVersionVerdict', () => {
  const openssl = cve([
    entry('OpenSSL', 'unaffected', [range('3.0.0', '3.0.16'), range('1.1.1', '1.1.1zb', 1)]),
    entry('libother', 'affected', []),
  ]);

  it('places the version against the statements about the product named like the package', () => {
    expect(packageVersionVerdict(openssl, { attr: 'openssl_3', pname: 'openssl' }, '3.0.15').verdict).toBe('affected');
    expect(packageVersionVerdict(openssl, { attr: 'openssl_3', pname: 'openssl' }, '3.0.16').verdict).toBe('not-affected');
    expect(packageVersionVerdict(openssl, { attr: 'openssl_1_1', pname: 'openssl' }, '1.1.1zb').verdict).toBe('not-affected');
    expect(packageVersionVerdict(openssl, { attr: 'openssl_1_1', pname: 'openssl' }, '1.1.1w').verdict).toBe('affected');
  });

  it('with no product named like the package, any statement saying affected keeps it affected', () => {
    expect(packageVersionVerdict(openssl, { attr: 'libressl', pname: 'libressl' }, '3.9.2').verdict).toBe('affected');
  });
});
