/**
 * Whether JSON text stops inside a value: an open string, object or array at its end. Such a last
 * line is what an interrupted nix-eval-jobs run leaves behind (it writes whole lines otherwise).
 */
export function endsInsideJsonValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
  }
  return inString || depth > 0;
}
