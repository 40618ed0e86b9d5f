import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Is a name an ordinary English word? ("reader", "cobalt", "vault" — as opposed to "clamav", "nginx"). */
export interface CommonWords {
  has(word: string): boolean;
}

export const NO_COMMON_WORDS: CommonWords = { has: () => false };

let loaded: Promise<CommonWords> | null = null;

/**
 * The English word list of the `word-list` package (274k words). A product name that is also an
 * English word ("Cobalt", "Ignition", "Connect") says little on its own, so matching one to a
 * package of that name needs the vendor confirmed; distinctive names ("suricata") do not.
 */
export function loadCommonWords(): Promise<CommonWords> {
  loaded ??= (async () => {
    // The package is ESM-only; its word file sits beside its entry point, so resolve instead of importing.
    const file = path.join(path.dirname(require.resolve('word-list')), 'words.txt');
    const words = new Set((await readFile(file, 'utf8')).split('\n'));
    return { has: (word: string) => words.has(word) };
  })();
  return loaded;
}
