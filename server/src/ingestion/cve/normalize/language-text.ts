import { objectsIn, stringOrNull } from '../../raw-json';

export interface LanguageText {
  lang: string;
  value: string;
}

/** `[{lang, value}]` lists (descriptions, rejectedReasons); entries without a string value are skipped. */
export function languageTexts(list: unknown, valueKey = 'value'): LanguageText[] {
  return objectsIn(list).flatMap((entry) => {
    const value = stringOrNull(entry[valueKey]);
    return value === null ? [] : [{ lang: stringOrNull(entry.lang) ?? '', value }];
  });
}

// Records tag English as "en" or "en-US" (any BCP 47 region); VulDB adds a German text after it.
const ENGLISH = /^en(-[a-z0-9]+)*$/i;

/** The English text if there is one, else the first; null for an empty list. */
export function englishOrFirst(texts: LanguageText[]): string | null {
  return (texts.find((text) => ENGLISH.test(text.lang)) ?? texts[0])?.value ?? null;
}
