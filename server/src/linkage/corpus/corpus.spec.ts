import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { LinkableCve } from '../matcher/linkable-cve';
import { readCveFiles } from './cve-files';
import { readUniversePackages } from './universe-packages';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

async function collect(root: string) {
  const cves: LinkableCve[] = [];
  const errors: [string, string][] = [];
  for await (const cve of readCveFiles(root, (file, error) => errors.push([path.relative(root, file), error.message]))) cves.push(cve);
  return { cves, errors };
}

describe('readUniversePackages', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nixsec-universe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The first two rows are copied from universe.tsv.gz; the cpe column and the two-homepage row are made up for nixsec.
  const TABLE = [
    'attr\tpname\tversion\tdescription\thomepage\tmaintainers\tcpe',
    'xz\txz\t5.8.1\tGeneral-purpose data compression software, successor of LZMA\thttps://tukaani.org/xz/\tsvanderburg\tcpe:2.3:a:tukaani:xz:5.8.1:*:*:*:*:*:*:*',
    'rPackages.curl\tr-curl\t6.4.0\t\thttps://cran.r-project.org/web/packages/curl/\t\t',
    'made-up-two-homepages\tmade-up\t1.0\tHAND-MADE\thttps://example.invalid/ https://github.com/example/made-up\ta,b\t',
  ].join('\n');

  it('reads a table as packages of one channel, plain or gzipped alike', async () => {
    writeFileSync(path.join(dir, 'table.tsv'), `${TABLE}\n`);
    writeFileSync(path.join(dir, 'table.tsv.gz'), gzipSync(`${TABLE}\n`));
    const plain = await readUniversePackages(path.join(dir, 'table.tsv'), 'nixos-25.05');
    expect(plain).toEqual([
      {
        attr: 'xz', pname: 'xz', description: 'General-purpose data compression software, successor of LZMA', homepages: ['https://tukaani.org/xz/'],
        cpe: 'cpe:2.3:a:tukaani:xz:5.8.1:*:*:*:*:*:*:*', knownVulnerabilities: [], maintainers: ['svanderburg'], versions: [{ channel: 'nixos-25.05', version: '5.8.1' }],
      },
      {
        attr: 'rPackages.curl', pname: 'r-curl', description: null, homepages: ['https://cran.r-project.org/web/packages/curl/'],
        cpe: null, knownVulnerabilities: [], maintainers: [], versions: [{ channel: 'nixos-25.05', version: '6.4.0' }],
      },
      {
        attr: 'made-up-two-homepages', pname: 'made-up', description: 'HAND-MADE', homepages: ['https://example.invalid/', 'https://github.com/example/made-up'],
        cpe: null, knownVulnerabilities: [], maintainers: ['a', 'b'], versions: [{ channel: 'nixos-25.05', version: '1.0' }],
      },
    ]);
    expect(await readUniversePackages(path.join(dir, 'table.tsv.gz'), 'nixos-25.05')).toEqual(plain);
  });

  it('refuses a table without its header, naming the file and what it found', async () => {
    const file = path.join(dir, 'headless.tsv');
    writeFileSync(file, 'xz\txz\t5.8.1\t\t\t\n');
    await expect(readUniversePackages(file, 'nixos-unstable')).rejects.toThrow(`${file}: the first line must be a header starting with "attr" and naming "pname"; got "xz\txz\t5.8.1`);
  });

  it('reads the real package set: 129,815 attributes of nixos-unstable around 2025-09-27', async () => {
    const packages = await readUniversePackages(path.join(FIXTURES, 'nixpkgs/universe.tsv.gz'), 'nixos-unstable');
    expect(packages).toHaveLength(129_815);
    const version = (attr: string) => packages.find((p) => p.attr === attr)?.versions;
    expect(version('hello')).toEqual([{ channel: 'nixos-unstable', version: '2.12.2' }]);
    expect(version('git')).toEqual([{ channel: 'nixos-unstable', version: '2.51.0' }]);
    expect(version('openssl')).toEqual([{ channel: 'nixos-unstable', version: '3.5.1' }]);
    expect(version('firefox')).toEqual([{ channel: 'nixos-unstable', version: '143.0' }]);
    expect(packages.find((p) => p.attr === 'git')?.maintainers).toContain('philiptaron');
  }, 60_000);
});

describe('readCveFiles', () => {
  it('reads every CVE JSON 5 record of a tree (the fixture records and those in vulnrichment/)', async () => {
    const { cves, errors } = await collect(path.join(FIXTURES, 'cve'));
    expect(errors).toEqual([]);
    expect(cves.map((c) => c.id)).toEqual([
      'CVE-2016-1897', 'CVE-2018-14618', 'CVE-2021-26917', 'CVE-2021-44228', 'CVE-2022-25929', 'CVE-2023-22466', 'CVE-2023-38545',
      'CVE-2023-46805', 'CVE-2023-5129', 'CVE-2024-1086', 'CVE-2024-10924', 'CVE-2024-3094', 'CVE-2024-32002', 'CVE-2024-9143',
      'CVE-2024-9680', 'CVE-2025-21631', 'CVE-2023-39319', 'CVE-2024-48918', 'CVE-2024-9040',
    ]);
  });

  it('gives each record its state, its affected entries with their container, and its CNA/ADP tags', async () => {
    const { cves } = await collect(path.join(FIXTURES, 'cve'));
    const byId = new Map(cves.map((c) => [c.id, c]));
    expect(byId.get('CVE-2023-5129')!.state).toBe('REJECTED');
    expect(byId.get('CVE-2021-26917')!.tags).toEqual(['disputed']);
    expect(byId.get('CVE-2023-38545')!.tags).toEqual([]);
    expect(byId.get('CVE-2024-9680')!.affected.map((a) => a.container)).toEqual([...Array(6).fill('CNA'), ...Array(6).fill('ADP CISA-ADP')]);
    expect(byId.get('CVE-2024-3094')!.cvss).toBe(10);
  });

  it('reports a record it cannot read and goes on with the rest', async () => {
    // Made up for nixsec: one broken file and one that is no CVE record, next to a real one.
    const root = mkdtempSync(path.join(tmpdir(), 'nixsec-cves-'));
    try {
      mkdirSync(path.join(root, '2024/3xxx'), { recursive: true });
      writeFileSync(path.join(root, '2024/3xxx/CVE-2024-0001.json'), '{"dataType": "CVE_RECORD",');
      writeFileSync(path.join(root, '2024/3xxx/CVE-2024-0002.json'), '{"hello": "world"}');
      writeFileSync(path.join(root, '2024/3xxx/CVE-2024-3094.json'), readFileSync(path.join(FIXTURES, 'cve/CVE-2024-3094.json')));
      const { cves, errors } = await collect(root);
      expect(cves.map((c) => c.id)).toEqual(['CVE-2024-3094']);
      expect(errors.map(([file]) => file)).toEqual(['2024/3xxx/CVE-2024-0001.json', '2024/3xxx/CVE-2024-0002.json']);
      expect(errors[1][1]).toContain('CVE_RECORD');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

