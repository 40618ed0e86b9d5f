import { readFile } from 'node:fs/promises';

/** One labelled pair: this CVE should be linked to this package (`expected` null: to no package). */
export interface Label {
  cveId: string;
  expected: string | null;
  note: string;
  /** Optional 4th column: the version verdict expected for the package as the channels ship it. */
  verdict?: 'affected' | 'not-affected' | 'unknown';
}

/**
 * Reads `cve_id <TAB> expected <TAB> note [<TAB> verdict]` (header line optional; `NONE` = must match
 * nothing; verdict: affected, not-affected or unknown, when the label says what the version verdict should be).
 */
export async function readLabels(file: string): Promise<Label[]> {
  const labels: Label[] = [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#') || (index === 0 && line.startsWith('cve_id'))) return;
    const [cveId, expected, note = '', verdict = ''] = line.split('\t');
    if (!/^CVE-\d{4}-\d{4,}$/.test(cveId ?? '') || !expected) {
      throw new Error(`${file}:${index + 1}: expected "CVE-YYYY-NNNN<TAB>package-or-NONE<TAB>note", got "${line.slice(0, 80)}"`);
    }
    const label: Label = { cveId, expected: expected.trim() === 'NONE' ? null : expected.trim(), note: note.trim() };
    if (verdict.trim() !== '') {
      if (!['affected', 'not-affected', 'unknown'].includes(verdict.trim())) {
        throw new Error(`${file}:${index + 1}: verdict "${verdict.trim()}" must be affected, not-affected or unknown`);
      }
      label.verdict = verdict.trim() as Label['verdict'];
    }
    labels.push(label);
  });
  return labels;
}
