import { PackageIndex, type PackageRecord } from './package-index';

// Rows of test/fixtures/nixpkgs/universe.tsv.gz (attr, pname, version, homepage, description as
// there). universe.tsv.gz declares no CPEs, so the `cpe` values are made up for nixsec in the form
// Nixpkgs' meta.identifiers.cpe uses; so are the tests.* / nixosTests.* attributes (the table has
// none: its rows are packages).
function pkg(attr: string, pname: string, version: string, homepage: string, description: string | null = null, extra: Partial<PackageRecord> = {}): PackageRecord {
  return {
    attr, pname, description, homepages: homepage ? [homepage] : [], cpe: null, knownVulnerabilities: [], maintainers: [],
    versions: [{ channel: 'nixos-unstable', version }], ...extra,
  };
}

const ROWS: PackageRecord[] = [
  pkg('curl', 'curl', '8.14.1', 'https://curl.se/', 'Command line tool for transferring files with URL syntax', {
    cpe: 'cpe:2.3:a:haxx:curl:8.14.1:*:*:*:*:*:*:*',
  }),
  pkg('curlMinimal', 'curl', '8.14.1', 'https://curl.se/'),
  pkg('curl-impersonate', 'curl-impersonate', '1.2.0', 'https://github.com/lexiforest/curl-impersonate'),
  pkg('haskellPackages.curl', 'curl', '1.3.8', 'https://hackage.haskell.org/package/curl', 'Haskell binding to libcurl'),
  pkg('rPackages.curl', 'r-curl', '6.4.0', 'https://cran.r-project.org/web/packages/curl/'),
  pkg('php83Extensions.curl', 'php-curl', '8.3.25', 'https://www.php.net/', 'PHP upstream extension: curl'),
  pkg('libjpeg', 'libjpeg-turbo', '3.1.1', 'https://libjpeg-turbo.org/', 'Faster (using SIMD) libjpeg implementation'),
  pkg('openssl', 'openssl', '3.5.1', 'https://www.openssl.org/'),
  pkg('openssl_1_1', 'openssl', '1.1.1w', 'https://www.openssl.org/'),
  pkg('flex', 'flex', '2.6.4', 'https://github.com/westes/flex', 'Fast lexical analyser generator'),
  pkg('flex_2_5_35', 'flex', '2.5.35', 'https://flex.sourceforge.net/', 'Fast lexical analyser generator'),
  pkg('xorg.xorgserver', 'xorg-server', '21.1.18', '', null, { cpe: 'cpe:2.3:a:x.org:xorg-server:21.1.18:*:*:*:*:*:*:*' }),
  pkg('firefox-bin-unwrapped', 'firefox-bin-unwrapped', '143.0', 'https://www.mozilla.org/firefox/'),
  pkg('gcc13', 'gcc', '13.4.0', 'https://gcc.gnu.org/'),
  pkg('thunderbird-latest', 'thunderbird', '143.0', 'https://thunderbird.net/'),
  pkg('python313Packages.requests', 'python3.13-requests', '2.32.4', 'http://docs.python-requests.org/', 'HTTP library for Python'),
  pkg('linuxKernel.packages.linux_6_1.v4l2loopback', 'v4l2loopback', '0.15.1-6.1.153', 'https://github.com/umlaeute/v4l2loopback'),
  pkg('tests.cc-wrapper.default', 'cc-wrapper-test', '', ''),
  pkg('nixosTests.curl', 'vm-test-run-curl', '', ''),
];

describe('PackageIndex', () => {
  const index = new PackageIndex(ROWS);
  const attrs = (list: readonly { attr: string }[]) => list.map((p) => p.attr).sort();

  it('leaves tests out: they are not packages users install', () => {
    expect(index.size).toBe(ROWS.length - 2);
    expect(index.byAttr('tests.cc-wrapper.default')).toEqual([]);
    expect(index.byAttr('nixosTests.curl')).toEqual([]);
    expect(attrs(index.byName('curl'))).not.toContain('nixosTests.curl');
  });

  it('finds every package of a project by its name, language-set bindings included', () => {
    expect(attrs(index.byName('curl'))).toEqual(['curl', 'curlMinimal', 'haskellPackages.curl', 'php83Extensions.curl', 'rPackages.curl']);
    expect(attrs(index.byName('curl-impersonate'))).toEqual(['curl-impersonate']);
    expect(attrs(index.byName('requests'))).toEqual(['python313Packages.requests']);
  });

  it('finds a package by its squashed name', () => {
    expect(attrs(index.byName('libjpegturbo'))).toEqual(['libjpeg']);
    expect(attrs(index.byName('libjpeg-turbo'))).toEqual(['libjpeg']);
    expect(attrs(index.byName('xorgserver'))).toEqual(['xorg.xorgserver']);
  });

  it('finds version-in-name attributes by the project name and by their own', () => {
    expect(attrs(index.byName('openssl'))).toEqual(['openssl', 'openssl_1_1']);
    expect(attrs(index.byName('openssl-1-1'))).toEqual(['openssl_1_1']);
    expect(attrs(index.byName('openssl11'))).toEqual(['openssl_1_1']);
    expect(attrs(index.byName('flex'))).toEqual(['flex', 'flex_2_5_35']);
    expect(attrs(index.byName('gcc'))).toEqual(['gcc13']);
    expect(attrs(index.byName('gcc13'))).toEqual(['gcc13']);
    expect(attrs(index.byName('thunderbird'))).toEqual(['thunderbird-latest']);
    expect(attrs(index.byName('firefox'))).toEqual(['firefox-bin-unwrapped']);
  });

  it('answers nothing for unknown names', () => {
    expect(index.byName('log4j')).toEqual([]);
    expect(index.byRepository('github.com/apache/logging-log4j2')).toEqual([]);
    expect(index.byDeclaredCpe('apache:log4j')).toEqual([]);
  });

  it('finds a package by the forge repository of its homepage', () => {
    expect(attrs(index.byRepository('github.com/westes/flex'))).toEqual(['flex']);
    expect(attrs(index.byRepository('github.com/umlaeute/v4l2loopback'))).toEqual(['linuxKernel.packages.linux_6_1.v4l2loopback']);
    // a homepage on no forge gives no repository
    expect(index.byName('curl').find((p) => p.attr === 'curl')!.repoKeys).toEqual([]);
  });

  it('finds a package by its declared CPE vendor:product, squashed', () => {
    expect(attrs(index.byDeclaredCpe('haxx:curl'))).toEqual(['curl']);
    expect(attrs(index.byDeclaredCpe('xorg:xorgserver'))).toEqual(['xorg.xorgserver']);
  });

  it('records ecosystem, project and group of each package', () => {
    const one = (attr: string) => index.byAttr(attr)[0];
    expect(one('curl')).toMatchObject({ ecosystem: 'native', projectKey: 'curl', groupKey: 'native:curl' });
    expect(one('haskellPackages.curl')).toMatchObject({ ecosystem: 'haskell', projectKey: 'curl', groupKey: 'haskell:curl' });
    expect(one('rPackages.curl')).toMatchObject({ ecosystem: 'r', projectKey: 'curl', groupKey: 'r:curl' });
    expect(one('php83Extensions.curl')).toMatchObject({ ecosystem: 'php', projectKey: 'curl', groupKey: 'php:curl' });
    expect(one('python313Packages.requests')).toMatchObject({ ecosystem: 'python', groupKey: 'python:requests' });
    expect(one('libjpeg')).toMatchObject({ projectKey: 'libjpeg-turbo', groupKey: 'native:libjpegturbo' });
    expect(one('firefox-bin-unwrapped')).toMatchObject({ projectKey: 'firefox', groupKey: 'native:firefox' });
    expect(one('linuxKernel.packages.linux_6_1.v4l2loopback')).toMatchObject({ ecosystem: 'linux-module', groupKey: 'linux-module:v4l2loopback' });
    expect(one('curl')).toMatchObject({ cpeKey: 'haxx:curl', homepageNames: ['curl'] });
    expect(one('flex')).toMatchObject({ cpeKey: null, repoKeys: ['github.com/westes/flex'] });
  });

  it('keeps the text vendor evidence is looked for in: homepage and description, lower case, not its own names', () => {
    const haystack = index.byAttr('haskellPackages.curl')[0].haystack;
    for (const word of ['hackage', 'haskell', 'binding', 'libcurl']) expect(haystack).toContain(word);
    expect(haystack).not.toContain('haskellpackages');
    expect(haystack).toBe(haystack.toLowerCase());
  });
});

describe('PackageIndex.update: what a new evaluation changed, without a rebuild', () => {
  it('replaces a changed package, drops a removed one and adds a new one, in every lookup', () => {
    const index = new PackageIndex([
      pkg('xz', 'xz', '5.8.1', 'https://tukaani.org/xz/'),
      pkg('flex', 'flex', '2.6.4', 'https://github.com/westes/flex'),
    ]);
    index.update(['xz', 'flex', 'curl'], [pkg('xz', 'xz', '5.6.1', 'https://github.com/tukaani-project/xz'), pkg('curl', 'curl', '8.14.1', 'https://curl.se/')]);
    expect(index.byName('xz').map((p) => p.versions[0].version)).toEqual(['5.6.1']);
    expect(index.byRepository('github.com/tukaani-project/xz').map((p) => p.attr)).toEqual(['xz']);
    expect(index.byName('flex')).toEqual([]);
    expect(index.byRepository('github.com/westes/flex')).toEqual([]);
    expect(index.byName('curl').map((p) => p.attr)).toEqual(['curl']);
    expect(index.size).toBe(2);
  });
});
