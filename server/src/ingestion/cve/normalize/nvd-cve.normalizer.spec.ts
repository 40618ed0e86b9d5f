import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { RecordRejectedError, type RecordRejectionReason } from '../normalized-cve';
import { normalizeNvdCve, normalizeNvdCveWithWarnings } from './nvd-cve.normalizer';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/nvd');
const readJson = (file: string): any => {
  const bytes = fs.readFileSync(path.join(FIXTURES, file));
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
};
/** The `cve` objects of a fixture: API responses and the gz feed wrap them in vulnerabilities[], feed/*.json in {cve}. */
const cveObjects = (file: string): any[] => {
  const json = readJson(file);
  return Array.isArray(json.vulnerabilities) ? json.vulnerabilities.map((v: any) => v.cve) : [json.cve];
};
const single = (id: string) => normalizeNvdCve(cveObjects(`single/${id}.json`)[0], `single/${id}.json`);

const allFixtureFiles = ['single', 'vunnel', 'feed'].flatMap((dir) =>
  fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => /\.json(\.gz)?$/.test(f)).map((f) => `${dir}/${f}`),
);

describe('normalizeNvdCve on the real fixtures', () => {
  it.each(allFixtureFiles)('%s: every cve normalises without warnings', (file) => {
    for (const raw of cveObjects(file)) {
      const { cve, warnings } = normalizeNvdCveWithWarnings(raw, file);
      expect(cve).toMatchObject({ id: raw.id, source: 'nvd', nvdStatus: raw.vulnStatus, dateReserved: null, title: null });
      expect(cve.containers).toHaveLength(1);
      expect(cve.containers[0]).toMatchObject({ ordinal: 0, kind: 'nvd', providerShortName: 'nvd', providerOrgId: null, affected: [] });
      expect(warnings).toEqual([]);
    }
  });

  it('CVE-2024-3094: metadata, zone-less timestamps read as UTC, English description, metrics per source', () => {
    const cve = single('CVE-2024-3094');
    expect(cve).toMatchObject({
      state: 'PUBLISHED',
      nvdStatus: 'Modified',
      assignerShortName: 'secalert@redhat.com',
      assignerOrgId: null,
      datePublished: new Date('2024-03-29T17:15:21.150Z'),
      dateUpdated: new Date('2026-06-17T07:43:17.830Z'),
    });
    expect(cve.description).toMatch(/^Malicious code was discovered in the upstream tarballs of xz/);
    const [nvd] = cve.containers;
    expect(nvd.descriptions.map((d) => d.lang)).toEqual(['en', 'es']);
    // ssvcV203 is not CVSS and is left out.
    expect(nvd.metrics).toEqual([
      { cvssVersion: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10, severity: 'CRITICAL', scoredBy: 'secalert@redhat.com', type: 'Secondary' },
      { cvssVersion: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10, severity: 'CRITICAL', scoredBy: 'nvd@nist.gov', type: 'Primary' },
    ]);
    expect(nvd.problemTypes).toEqual([{ cweId: 'CWE-506', description: 'CWE-506', lang: 'en' }]);
    expect(nvd.references).toHaveLength(59);
    expect(nvd.references[0]).toEqual({ url: 'https://access.redhat.com/security/cve/CVE-2024-3094', name: null, tags: ['Vendor Advisory'] });
    expect(nvd.cpeMatches.map((m) => m.criteria)).toEqual(['cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', 'cpe:2.3:a:tukaani:xz:5.6.1:*:*:*:*:*:*:*']);
  });

  it('reads timestamps that do carry a Z (CVE-2023-5341) the same way', () => {
    expect(single('CVE-2023-5341')).toMatchObject({
      datePublished: new Date('2023-11-19T10:15:49.433Z'),
      dateUpdated: new Date('2023-11-20T00:02:51.467Z'),
    });
  });

  it('CVE-2023-4863: six configurations flatten to 14 cpeMatch rows with their indices', () => {
    const rows = single('CVE-2023-4863').containers[0].cpeMatches;
    expect(rows).toHaveLength(14);
    expect(rows.map((r) => `${r.configuration}.${r.node}`)).toEqual(
      ['0.0', '1.0', '1.0', '1.0', '2.0', '2.0', '2.0', '3.0', '3.0', '3.0', '3.0', '3.0', '4.0', '5.0'],
    );
    expect(rows[9]).toEqual({
      configuration: 3,
      node: 0,
      operator: 'OR',
      negate: false,
      criteria: 'cpe:2.3:a:mozilla:firefox_esr:*:*:*:*:*:*:*:*',
      matchCriteriaId: 'D288632E-E2D5-4319-BE74-882D71D699C2',
      vulnerable: true,
      versionStartIncluding: '115.0',
      versionStartExcluding: null,
      versionEndIncluding: null,
      versionEndExcluding: '115.2.1',
    });
  });

  it('CVE-2020-13595: an AND configuration keeps the vulnerable software and its non-vulnerable platform as nodes 0 and 1', () => {
    const rows = single('CVE-2020-13595').containers[0].cpeMatches;
    expect(rows.map((r) => [r.configuration, r.node, r.criteria, r.vulnerable, r.versionStartIncluding, r.versionEndIncluding])).toEqual([
      [0, 0, 'cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*', true, '4.0.0', '4.2'],
      [0, 1, 'cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*', false, null, null],
    ]);
  });

  it('scores CVSS 2.0 and 3.0 metrics (CVE-2016-1585)', () => {
    const metrics = single('CVE-2016-1585').containers[0].metrics;
    expect(metrics.map((m) => [m.cvssVersion, m.vector, m.baseScore, m.severity, m.scoredBy])).toEqual([
      ['2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'HIGH', 'nvd@nist.gov'],
      ['3.0', 'CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:L', 3.9, 'LOW', 'security@ubuntu.com'],
      ...metrics.filter((m) => m.cvssVersion === '3.1').map((m) => ['3.1', m.vector, m.baseScore, m.severity, m.scoredBy]),
    ]);
  });

  it('keeps one row per weakness text although NVD repeats it per source (CVE-2022-2956)', () => {
    expect(single('CVE-2022-2956').containers[0].problemTypes).toEqual([{ cweId: 'CWE-79', description: 'CWE-79', lang: 'en' }]);
    expect(single('CVE-2016-1585').containers[0].problemTypes).toEqual([{ cweId: null, description: 'NVD-CWE-noinfo', lang: 'en' }]);
  });

  it('normalises a record without a metrics object (feed/CVE-2010-0748)', () => {
    const [cve] = cveObjects('feed/CVE-2010-0748.json');
    expect(normalizeNvdCve(cve, 'feed/CVE-2010-0748.json').containers[0]).toMatchObject({ metrics: [], references: [] });
  });
});

/** MADE UP for these tests (not a real NVD record), shaped like a rejected NVD API 2.0 cve. */
function madeUpCve(): any {
  return {
    id: 'CVE-2099-0002',
    sourceIdentifier: '00000000-1111-2222-3333-444444444444',
    published: '2099-01-01T10:00:00.000',
    lastModified: '2099-01-02T10:00:00.000',
    vulnStatus: 'Rejected',
    descriptions: [{ lang: 'en', value: 'Rejected reason: made up for a test.' }],
    metrics: {},
    references: [],
  };
}
const changed = (change: (cve: any) => void): any => {
  const cve = madeUpCve();
  change(cve);
  return cve;
};
const KEY = 'made-up/CVE-2099-0002';

describe('normalizeNvdCve on made-up records', () => {
  it('a Rejected status makes the state REJECTED; a UUID source is an org id', () => {
    expect(normalizeNvdCve(madeUpCve(), KEY)).toMatchObject({
      state: 'REJECTED',
      nvdStatus: 'Rejected',
      description: 'Rejected reason: made up for a test.',
      assignerOrgId: '00000000-1111-2222-3333-444444444444',
      assignerShortName: null,
      datePublished: new Date('2099-01-01T10:00:00.000Z'),
    });
  });

  it.each<[string, unknown, RecordRejectionReason, RegExp]>([
    ['null', null, 'wrong-schema', /no JSON object/],
    ['a whole API response', { vulnerabilities: [{ cve: madeUpCve() }] }, 'wrong-schema', /pass the inner cve object/],
    ['a {cve} feed item', { cve: madeUpCve() }, 'wrong-schema', /pass the inner cve object/],
    ['no id', changed((c) => delete c.id), 'missing-id', /id is missing/],
    ['a malformed id', changed((c) => (c.id = 'CVE-2099-2')), 'bad-id', /"CVE-2099-2" is not a CVE id/],
    ['an unparsable published', changed((c) => (c.published = '2099-13-01T00:00:00.000')), 'bad-date', /published "2099-13-01T00:00:00.000" is not a date-time/],
    ['an unparsable lastModified', changed((c) => (c.lastModified = 'soon')), 'bad-date', /lastModified "soon"/],
    ['a description over 1 MiB', changed((c) => (c.descriptions[0].value = 'x'.repeat(1024 * 1024 + 1))), 'oversized', /descriptions\[0\].value is a string of 1048577 bytes/],
    ['10,001 references', changed((c) => (c.references = Array(10_001).fill({ url: 'https://example.invalid' }))), 'oversized', /references has 10001 entries/],
  ])('refuses %s', (_name, raw, reason, detail) => {
    let error: unknown;
    try {
      normalizeNvdCve(raw, KEY);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecordRejectedError);
    const rejection = error as RecordRejectedError;
    expect(rejection.reason).toBe(reason);
    expect(rejection.message.startsWith(`${KEY}: `)).toBe(true);
    expect(rejection.message).toMatch(detail);
  });

  it('drops an invalid vector and a cpeMatch without criteria with warnings, keeps the rest', () => {
    const raw = changed((c) => {
      c.vulnStatus = 'Analyzed';
      c.metrics = {
        cvssMetricV40: [{ source: 'made-up@example.invalid', type: 'Secondary', cvssData: { vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' } }],
        cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { vectorString: 'CVSS:3.1/AV:N' } }],
      };
      c.configurations = [{ nodes: [{ operator: 'OR', negate: false, cpeMatch: [{ vulnerable: true }, { vulnerable: true, criteria: 'cpe:2.3:a:example:example:1.0:*:*:*:*:*:*:*' }] }] }];
    });
    const { cve, warnings } = normalizeNvdCveWithWarnings(raw, KEY);
    expect(cve.state).toBe('PUBLISHED');
    expect(cve.containers[0].metrics).toEqual([
      { cvssVersion: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', baseScore: 9.3, severity: 'CRITICAL', scoredBy: 'made-up@example.invalid', type: 'Secondary' },
    ]);
    expect(cve.containers[0].cpeMatches.map((m) => m.criteria)).toEqual(['cpe:2.3:a:example:example:1.0:*:*:*:*:*:*:*']);
    expect(warnings.map((w) => w.path)).toEqual(['metrics.cvssMetricV31[0].cvssData', 'configurations[0].nodes[0].cpeMatch[0]']);
  });
});
