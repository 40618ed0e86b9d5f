import { BUILT_IN_RULES, MappingRules, type MappingRule } from './mapping-rules';

// Vendor/product pairs as real records write them (NVD CPEs, CNA affected entries). The curated
// rules (id ≠ null) are made up for nixsec, the way the security team would enter them.

const curated = (id: number, fields: Omit<MappingRule, 'id'>): MappingRule => ({ id, ...fields });

describe('MappingRules.find', () => {
  const rules = new MappingRules(BUILT_IN_RULES);
  const found = (vendor: string | null, product: string) => rules.find(vendor, product).map((r) => [r.vendor, r.product, r.action, r.packages]);

  it.each<[vendor: string | null, product: string, packages: string[]]>([
    // NVD CPE names
    ['linux', 'linux_kernel', ['linux']],
    ['apache', 'http_server', ['apache-httpd']],
    ['google', 'chrome', ['chromium', 'google-chrome']],
    ['python', 'cpython', ['python3', 'python']],
    ['rust-lang', 'rust', ['rustc']],
    ['isc', 'bind', ['bind']],
    ['hashicorp', 'vault', ['vault']],
    // the kernel CNA writes vendor and product "Linux", or product "Kernel"
    ['Linux', 'Linux', ['linux']],
    ['Linux', 'Kernel', ['linux']],
    // spelling: case and separators do not matter
    ['X.Org', 'X Server', ['xorg-server']],
    ['xorg', 'xserver', ['xorg-server']],
    ['Mozilla', 'Firefox ESR', ['firefox-esr']],
    ['Tukaani', 'XZ', ['xz']],
  ])('%s %s maps to %j', (vendor, product, packages) => {
    expect([...new Set(rules.find(vendor, product).filter((r) => r.action === 'map').flatMap((r) => r.packages))]).toEqual(packages);
  });

  it('a rule for any vendor applies with or without one, after the vendor-specific rule', () => {
    expect(found('haxx', 'libcurl')).toEqual([
      ['haxx', 'libcurl', 'map', ['curl']],
      [null, 'libcurl', 'map', ['curl']],
    ]);
    expect(found(null, 'libcurl')).toEqual([[null, 'libcurl', 'map', ['curl']]]);
    expect(found('someone-else', 'node.js')).toEqual([[null, 'node.js', 'map', ['nodejs']]]);
    expect(found(null, 'XZ Utils')).toEqual([[null, 'xz_utils', 'map', ['xz']]]);
  });

  it('a vendor-specific rule does not apply to another vendor, or to no vendor', () => {
    expect(found('flex_project', 'flex')).toEqual([]);
    expect(found(null, 'flex')).toEqual([]);
    expect(found('microsoft', 'chrome')).toEqual([]);
  });

  it('never rules: Apache Flex is not GNU flex; Log4j and distributions are no package', () => {
    expect(found('apache', 'flex')).toEqual([['apache', 'flex', 'never', ['flex']]]);
    expect(found('apache', 'log4j')).toEqual([['apache', 'log4j', 'never', []]]);
    for (const [vendor, product] of [['redhat', 'enterprise_linux'], ['debian', 'debian_linux'], ['canonical', 'ubuntu_linux'], ['fedoraproject', 'fedora'], ['microsoft', 'windows'], ['apple', 'macos']]) {
      expect(rules.find(vendor, product)).toMatchObject([{ action: 'never', packages: [] }]);
    }
  });

  it('an unknown product has no rules', () => {
    expect(rules.find('curl', 'curl')).toEqual([]);
  });

  it('curated rules given first come first, before the built-in rule of the same product', () => {
    const mapFlex = curated(7, { vendor: 'apache', product: 'flex', action: 'map', packages: ['apache-flex-sdk'], note: 'the SDK is packaged' });
    const withCurated = new MappingRules([mapFlex, ...BUILT_IN_RULES]);
    expect(withCurated.find('Apache', 'Flex').map((r) => [r.id, r.action])).toEqual([[7, 'map'], [null, 'never']]);
  });
});

describe('BUILT_IN_RULES', () => {
  it('every rule is built in, explained, and a map rule names packages', () => {
    for (const rule of BUILT_IN_RULES) {
      expect(rule.id).toBeNull();
      expect(rule.note).not.toBe('');
      if (rule.action === 'map') expect(rule.packages.length).toBeGreaterThan(0);
    }
  });

  it('no product is both mapped and never-matched for the same vendor', () => {
    const rules = new MappingRules(BUILT_IN_RULES);
    for (const rule of BUILT_IN_RULES) {
      const actions = new Set(rules.find(rule.vendor, rule.product).filter((r) => r.vendor === rule.vendor).map((r) => r.action));
      expect([rule.vendor, rule.product, actions.size]).toEqual([rule.vendor, rule.product, 1]);
    }
  });
});
