import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeCveRecord } from '../../ingestion/cve/normalize/cve-record.normalizer';
import { isDistributor, ProductVendors, vendorTokens } from './product-vendors';

// Vendor and product names as real CVE records write them; the pairs fed to ProductVendors by hand
// are made up for nixsec unless they come from the fixtures.

describe('isDistributor', () => {
  it.each(['Red Hat', 'redhat', 'Debian', 'Canonical', 'SUSE', 'openSUSE', 'fedoraproject', 'Gentoo', 'CISA-ADP'])('%s ships other people\'s software', (vendor) => {
    expect(isDistributor(vendor)).toBe(true);
  });

  it.each(['Mozilla', 'curl', 'Apache Software Foundation', 'Linux', 'Red Hat Software Collections Team'])('%s is no distributor', (vendor) => {
    expect(isDistributor(vendor)).toBe(false);
  });
});

describe('vendorTokens: what of a vendor name is looked for in a package', () => {
  it.each<[string, string[]]>([
    ['Mozilla', ['mozilla']],
    ['Apache Software Foundation', ['apache', 'apachesoftwarefoundation']],
    ['tukaani-project', ['tukaani', 'tukaaniproject']],
    ['The GNOME Project', ['gnome', 'thegnomeproject']],
    ['flask-caching_project', ['flask', 'caching', 'flaskcachingproject']],
    // too short to mean anything
    ['HP', []],
    ['IO', []],
  ])('%s → %j', (vendor, tokens) => {
    expect(vendorTokens(vendor)).toEqual(tokens);
  });
});

describe('ProductVendors', () => {
  it('knows which other vendors publish a product of the same name', () => {
    const vendors = new ProductVendors();
    vendors.add('Apache Software Foundation', 'Apache Flex');
    vendors.add('apache', 'flex');
    vendors.add('westes', 'flex');
    expect(vendors.otherVendors('flex', 'westes')).toEqual(['apache']);
    expect(vendors.otherVendors('Flex', 'Apache')).toEqual(['westes']);
    expect(vendors.otherVendors('flex', null).sort()).toEqual(['apache', 'westes']);
    // "Apache Flex" is another product name
    expect(vendors.otherVendors('apache_flex', 'someone')).toEqual(['apachesoftwarefoundation']);
    expect(vendors.size).toBe(2);
  });

  it('a vendor written two ways is one vendor (one name contains the other)', () => {
    const vendors = new ProductVendors();
    vendors.add('mozilla', 'firefox');
    vendors.add('Mozilla Foundation', 'Firefox');
    expect(vendors.otherVendors('firefox', 'Mozilla')).toEqual([]);
    expect(vendors.otherVendors('firefox', 'mozilla_foundation')).toEqual([]);
  });

  it('ignores placeholders and distributors: they say nothing about who wrote a product', () => {
    const vendors = new ProductVendors();
    vendors.add('n/a', 'smoothie');
    vendors.add('[UNKNOWN]', 'curl');
    vendors.add('Red Hat', 'xz');
    vendors.add('tukaani', 'n/a');
    vendors.add(null, 'curl');
    expect(vendors.size).toBe(0);
    expect(vendors.otherVendors('xz', 'tukaani')).toEqual([]);
  });

  it('built from the fixture records: CVE-2024-9680 names Mozilla for Firefox and Thunderbird', () => {
    const vendors = new ProductVendors();
    const record = normalizeCveRecord(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/cve/CVE-2024-9680.json'), 'utf8')), 'CVE-2024-9680.json');
    for (const container of record.containers) for (const entry of container.affected) vendors.add(entry.vendor, entry.product);
    expect(vendors.otherVendors('Thunderbird', 'Mozilla')).toEqual([]);
    expect(vendors.otherVendors('thunderbird', 'Thunderbird Labs')).toEqual(['mozilla']);
  });
});
