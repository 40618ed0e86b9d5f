import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readLabels } from './labels';

const DEV_SET = path.resolve(__dirname, '../../../../test/fixtures/linkage/labels-dev.tsv');

describe('readLabels on the labelled development set', () => {
  it('reads every pair, NONE as "no package", the header skipped', async () => {
    const labels = await readLabels(DEV_SET);
    expect(labels).toHaveLength(16);
    expect(labels[0]).toEqual({ cveId: 'CVE-2016-1897', expected: 'ffmpeg', note: 'CNA record has vendor/product n/a; only the description names FFmpeg 2.x' });
    expect(labels.filter((l) => l.cveId === 'CVE-2024-9680').map((l) => l.expected)).toEqual(['firefox', 'thunderbird']);
    expect(labels.find((l) => l.cveId === 'CVE-2021-44228')).toMatchObject({ expected: null });
    expect(labels.filter((l) => l.expected === null)).toHaveLength(6);
    expect(new Set(labels.map((l) => l.cveId)).size).toBe(15);
  });
});

describe('readLabels on made-up files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'nixsec-labels-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  };

  it('header optional; comments, blank lines and a missing note are fine; fields are trimmed', async () => {
    const labels = await readLabels(file('ok.tsv', '# made up for nixsec\nCVE-2024-3094\txz \n\nCVE-2023-46805\tNONE\tIvanti appliance\n'));
    expect(labels).toEqual([
      { cveId: 'CVE-2024-3094', expected: 'xz', note: '' },
      { cveId: 'CVE-2023-46805', expected: null, note: 'Ivanti appliance' },
    ]);
  });

  it('CRLF line ends are read like LF', async () => {
    const labels = await readLabels(file('crlf.tsv', 'cve_id\texpected\tnote\r\nCVE-2024-3094\txz\tbackdoor\r\n'));
    expect(labels).toEqual([{ cveId: 'CVE-2024-3094', expected: 'xz', note: 'backdoor' }]);
  });

  it.each([
    ['a line without the expected column', 'cve_id\texpected\tnote\nCVE-2024-3094\txz\tok\nCVE-2024-9143\n', 3, 'CVE-2024-9143'],
    ['an id that is no CVE id', 'CVE-2024-3094\txz\nGHSA-rxwq-x6h5-x525\txz\n', 2, 'GHSA-rxwq-x6h5-x525'],
    ['spaces instead of tabs', 'CVE-2024-3094 xz backdoor\n', 1, 'CVE-2024-3094 xz backdoor'],
    ['an empty expected column', '\n\nCVE-2024-3094\t\tnote\n', 3, 'CVE-2024-3094'],
  ])('%s: the error names the file, the line and what it got', async (_case, text, line, got) => {
    const name = file(`bad-${line}-${got.length}.tsv`, text);
    await expect(readLabels(name)).rejects.toThrow(`${name}:${line}: expected "CVE-YYYY-NNNN<TAB>package-or-NONE<TAB>note", got "${got}`);
  });

  it('a missing file is an error naming it', async () => {
    await expect(readLabels(path.join(dir, 'missing.tsv'))).rejects.toThrow('missing.tsv');
  });
});
