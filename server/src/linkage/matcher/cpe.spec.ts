import * as fs from 'node:fs';
import * as path from 'node:path';
import { Cpe23, CpeValue, normalizeCpeName, parseCpe22, parseCpe23 } from './cpe';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const RULE = 'made up for nixsec, expected value worked out from NISTIR 7695';

const ANY: CpeValue = { kind: 'any' };
const NA: CpeValue = { kind: 'na' };
const v = (value: string): CpeValue => ({ kind: 'value', value });

function cpe(part: Cpe23['part'], attributes: Partial<Omit<Cpe23, 'part'>>): Cpe23 {
  return {
    part,
    vendor: ANY, product: ANY, version: ANY, update: ANY, edition: ANY,
    language: ANY, swEdition: ANY, targetSw: ANY, targetHw: ANY, other: ANY,
    ...attributes,
  };
}

describe('parseCpe23 on CPE names from the CVE and NVD fixtures', () => {
  it.each<[uri: string, fixture: string, expected: Cpe23]>([
    ['cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*', 'cve/CVE-2025-21631.json',
      cpe('o', { vendor: v('linux'), product: v('linux_kernel') })],
    // NA version: the kernel entry that has no version at all.
    ['cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*', 'nvd/feed/CVE-2010-0748.json',
      cpe('o', { vendor: v('linux'), product: v('linux_kernel'), version: NA })],
    ['cpe:2.3:a:themeisle:wp_maintenance_mode_\\&_coming_soon:*:*:*:*:*:wordpress:*:*', 'nvd/vunnel/single-entry.json',
      cpe('a', { vendor: v('themeisle'), product: v('wp_maintenance_mode_&_coming_soon'), targetSw: v('wordpress') })],
    ['cpe:2.3:o:canonical:ubuntu_linux:18.04:*:*:*:lts:*:*:*', 'nvd/feed/CVE-2019-11041.json',
      cpe('o', { vendor: v('canonical'), product: v('ubuntu_linux'), version: v('18.04'), swEdition: v('lts') })],
    ['cpe:2.3:o:canonical:ubuntu_linux:12.04:*:*:*:-:*:*:*', 'nvd/feed/CVE-2019-10160.json',
      cpe('o', { vendor: v('canonical'), product: v('ubuntu_linux'), version: v('12.04'), swEdition: NA })],
    ['cpe:2.3:a:netapp:clustered_data_ontap:9.8:-:*:*:*:*:*:*', 'nvd/vunnel/full-page.json',
      cpe('a', { vendor: v('netapp'), product: v('clustered_data_ontap'), version: v('9.8'), update: NA })],
    ['cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*', 'nvd/single/CVE-2020-13595.json',
      cpe('h', { vendor: v('espressif'), product: v('esp32'), version: NA })],
    ['cpe:2.3:o:xen:xen:*:*:*:*:*:*:x86:*', 'nvd/single/CVE-2022-33745.json',
      cpe('o', { vendor: v('xen'), product: v('xen'), targetHw: v('x86') })],
    // Unescaped '.' and '-' inside names, as NVD writes them.
    ['cpe:2.3:a:x.org:libxpm:*:*:*:*:*:*:*:*', 'nvd/single/CVE-2022-46285.json',
      cpe('a', { vendor: v('x.org'), product: v('libxpm') })],
    ['cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', 'nvd/single/CVE-2020-13595.json',
      cpe('a', { vendor: v('espressif'), product: v('esp-idf') })],
  ])('%s (%s)', (uri, fixture, expected) => {
    expect(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8')).toContain(JSON.stringify(uri));
    expect(parseCpe23(uri)).toEqual(expected);
  });

  it('parses every CPE 2.3 string and CPE 2.2 URI in the fixtures', () => {
    const names = new Set<string>();
    for (const file of jsonFiles(path.join(FIXTURES, 'cve')).concat(jsonFiles(path.join(FIXTURES, 'nvd')))) {
      collectCpeStrings(JSON.parse(fs.readFileSync(file, 'utf8')), names);
    }
    const unparsed = [...names].filter((name) => (name.startsWith('cpe:/') ? parseCpe22(name) : parseCpe23(name)) === null);
    expect(names.size).toBeGreaterThan(150);
    expect(unparsed).toEqual([]);
  });
});

describe('parseCpe23 on made-up strings', () => {
  it.each<[uri: string, expected: Cpe23, source: string]>([
    ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', cpe('a', { vendor: v('haxx'), product: v('curl') }), 'shape of NVD curl entries'],
    ['cpe:2.3:a:haxx:curl:8.4.0:*:*:*:*:*:*:*', cpe('a', { vendor: v('haxx'), product: v('curl'), version: v('8.4.0') }), RULE],
    // Escaped ANY and NA characters are literal values, not ANY or NA.
    ['cpe:2.3:a:acme:widget:\\*:\\-:*:*:*:*:*:*',
      cpe('a', { vendor: v('acme'), product: v('widget'), version: v('*'), update: v('-') }), RULE],
    ['cpe:2.3:a:acme:widget\\:pro:1\\.0:*:*:*:*:*:*:*', cpe('a', { vendor: v('acme'), product: v('widget:pro'), version: v('1.0') }), RULE],
    ['cpe:2.3:a:acme:back\\\\slash:*:*:*:*:*:*:*:*', cpe('a', { vendor: v('acme'), product: v('back\\slash') }), RULE],
    ['CPE:2.3:A:Acme:Widget:1.0RC1:*:*:*:*:*:*:*', cpe('a', { vendor: v('acme'), product: v('widget'), version: v('1.0rc1') }), RULE],
  ])('%s (%s)', (uri, expected) => {
    expect(parseCpe23(uri)).toEqual(expected);
  });

  it.each<[uri: string, why: string]>([
    ['cpe:/a:haxx:curl', 'a 2.2 URI'],
    ['cpe:2.2:a:haxx:curl:*:*:*:*:*:*:*:*', 'wrong spec version'],
    ['cpf:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'wrong prefix'],
    [' cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*', 'leading space'],
    ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*', 'twelve fields'],
    ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*:*', 'fourteen fields'],
    ['cpe:2.3:a:haxx:curl\\:*:*:*:*:*:*:*:*', 'an escaped colon leaves twelve fields'],
    ['cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:\\', 'dangling backslash'],
    ['cpe:2.3:a:haxx::*:*:*:*:*:*:*:*', 'empty product'],
    ['cpe:2.3:x:haxx:curl:*:*:*:*:*:*:*:*', 'unknown part'],
    ['cpe:2.3:*:haxx:curl:*:*:*:*:*:*:*:*', 'ANY part: not a name of a thing'],
    ['', 'empty'],
  ])('rejects %j (%s, made up)', (uri) => {
    expect(parseCpe23(uri)).toBeNull();
  });
});

describe('parseCpe22', () => {
  it.each<[uri: string, fixture: string, expected: Cpe23]>([
    ['cpe:/o:redhat:enterprise_linux:10', 'cve/CVE-2024-3094.json',
      cpe('o', { vendor: v('redhat'), product: v('enterprise_linux'), version: v('10') })],
    ['cpe:/a:redhat:jboss_enterprise_application_platform:8', 'cve/CVE-2024-3094.json',
      cpe('a', { vendor: v('redhat'), product: v('jboss_enterprise_application_platform'), version: v('8') })],
  ])('%s (%s)', (uri, fixture, expected) => {
    expect(fs.readFileSync(path.join(FIXTURES, fixture), 'utf8')).toContain(JSON.stringify(uri));
    expect(parseCpe22(uri)).toEqual(expected);
  });

  it.each<[uri: string, expected: Cpe23]>([
    ['cpe:/a:haxx', cpe('a', { vendor: v('haxx') })],
    ['cpe:/a:haxx:curl::-', cpe('a', { vendor: v('haxx'), product: v('curl'), update: NA })],
    ['cpe:/a:acme:widget%3apro:1.0', cpe('a', { vendor: v('acme'), product: v('widget:pro'), version: v('1.0') })],
    ['CPE:/O:RedHat:Enterprise_Linux:7', cpe('o', { vendor: v('redhat'), product: v('enterprise_linux'), version: v('7') })],
    ['cpe:/a:acme:widget:1.0:beta:pro:en-us',
      cpe('a', { vendor: v('acme'), product: v('widget'), version: v('1.0'), update: v('beta'), edition: v('pro'), language: v('en-us') })],
    // The packed edition of NISTIR 7695 §6.1.3.5: edition, sw_edition, target_sw, target_hw, other.
    ['cpe:/a:acme:widget:1.0::~~online~wordpress~-~',
      cpe('a', { vendor: v('acme'), product: v('widget'), version: v('1.0'), swEdition: v('online'), targetSw: v('wordpress'), targetHw: NA })],
  ])('%s (made up)', (uri, expected) => {
    expect(parseCpe22(uri)).toEqual(expected);
  });

  it.each<[uri: string, why: string]>([
    ['cpe:2.3:o:redhat:enterprise_linux:10:*:*:*:*:*:*:*', 'a 2.3 formatted string'],
    ['cpe:o:redhat:enterprise_linux:10', 'no slash'],
    ['cpe:/', 'no part'],
    ['cpe:/x:redhat:enterprise_linux', 'unknown part'],
    ['cpe:/o:redhat:enterprise_linux:10:ga:server:en:extra', 'eight components'],
    ['cpe:/a:acme:widget:1.0::~pro~online', 'packed edition with three of five fields'],
    ['cpe:/a:acme:widget%zz', 'bad percent escape'],
    ['cpe:/a:acme:widget%ff', 'percent escape that is not UTF-8'],
  ])('rejects %j (%s, made up)', (uri) => {
    expect(parseCpe22(uri)).toBeNull();
  });
});

describe('normalizeCpeName', () => {
  it.each<[name: string, normalized: string]>([
    ['wp_maintenance_mode_\\&_coming_soon', 'wp_maintenance_mode_&_coming_soon'],
    ['WP_Maintenance_Mode_&_Coming_Soon', 'wp_maintenance_mode_&_coming_soon'],
    ['node\\.js', 'node.js'],
    ['on\\-premises', 'on-premises'],
    ['back\\\\slash', 'back\\slash'],
    ['trailing\\', 'trailing\\'],
    ['', ''],
  ])('%j → %j', (name, normalized) => {
    expect(normalizeCpeName(name)).toBe(normalized);
  });
});

function jsonFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => path.join(directory, file));
}

function collectCpeStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.toLowerCase().startsWith('cpe:')) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectCpeStrings(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectCpeStrings(item, into);
  }
}
