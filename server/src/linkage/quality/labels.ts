import { readFile } from 'node:fs/promises';

/** One labelled pair: this CVE should be linked to this package (`expected` null: to no package). */
export interface Label {
  cveId: string;
  expected: string | null;
  note: string;
}

/** Reads `cve_id <TAB> expected <TAB> note` (header line optional; `NONE` = must match nothing). */
export async function readLabels(file: string): Promise<Label[]> {
  const labels: Label[] = [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#') || (index === 0 && line.startsWith('cve_id'))) return;
    const [cveId, expected, note = ''] = line.split('\t');
    if (!/^CVE-\d{4}-\d{4,}$/.test(cveId ?? '') || !expected) {
      throw new Error(`${file}:${index + 1}: expected "CVE-YYYY-NNNN<TAB>package-or-NONE<TAB>note", got "${line.slice(0, 80)}"`);
    }
    labels.push({ cveId, expected: expected.trim() === 'NONE' ? null : expected.trim(), note: note.trim() });
  });
  return labels;
}
