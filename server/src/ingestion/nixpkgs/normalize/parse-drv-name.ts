export interface DrvName {
  name: string;
  version: string; // "" when the derivation name has none
}

/**
 * Nix's `builtins.parseDrvName` (DrvName::DrvName in src/libexpr/names.cc): the name is everything
 * before the first dash that is followed by a character other than a letter; the version is what
 * follows that dash. A trailing dash is part of the name, and a leading one gives an empty name.
 */
export function parseDrvName(drvName: string): DrvName {
  for (let i = 0; i + 1 < drvName.length; i++) {
    if (drvName[i] === '-' && !isAsciiLetter(drvName.charCodeAt(i + 1))) {
      return { name: drvName.slice(0, i), version: drvName.slice(i + 1) };
    }
  }
  return { name: drvName, version: '' };
}

// Nix tests one byte with C isalpha: only ASCII letters count, so a dash before a non-ASCII
// character ("foo-é") splits, as the UTF-8 lead byte is not a letter.
function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}
