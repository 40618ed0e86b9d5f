import { readFile } from 'node:fs/promises';

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
    const { default: file } = (await import('word-list')) as { default: string };
    const words = new Set((await readFile(file, 'utf8')).split('\n'));
    return { has: (word: string) => words.has(word) };
  })();
  return loaded;
}
