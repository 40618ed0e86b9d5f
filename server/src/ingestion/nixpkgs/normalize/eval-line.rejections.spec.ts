import { EvalLineRejectedError, type EvalLineReason } from '../normalized-derivation';
import { normalizeEvalLine, parseEvalLine } from './eval-line.normalizer';

/** MADE UP for these tests: the smallest derivation line the normaliser accepts. */
function madeUpLine(): any {
  return {
    attr: 'example.x86_64-linux',
    attrPath: ['example', 'x86_64-linux'],
    name: 'example-1.0',
    drvPath: '/nix/store/00000000000000000000000000000000-example-1.0.drv',
    system: 'x86_64-linux',
    outputs: { out: '/nix/store/11111111111111111111111111111111-example-1.0' },
  };
}

const changed = (change: (line: any) => void): any => {
  const line = madeUpLine();
  change(line);
  return line;
};

function rejection(run: () => unknown): EvalLineRejectedError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvalLineRejectedError) return error;
    throw error;
  }
  throw new Error('expected the line to be rejected');
}

const KIB = 1024;
const inputDrvs = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`/nix/store/${String(i).padStart(32, '0')}-dep.drv`, ['out']]));

describe('normalizeEvalLine refuses made-up bad lines, naming the line', () => {
  it('accepts the made-up baseline', () => {
    expect(normalizeEvalLine(madeUpLine(), 1, {})).toMatchObject({ kind: 'derivation', derivation: { packageAttr: 'example', pname: 'example' } });
  });

  it.each<[string, unknown, EvalLineReason, RegExp]>([
    ['null', null, 'wrong-schema', /got null/],
    ['an array', [madeUpLine()], 'wrong-schema', /got an array/],
    ['a string', 'example', 'wrong-schema', /got a string/],
    ['no attr', changed((l) => delete l.attr), 'wrong-schema', /attr is missing/],
    ['a numeric attr', changed((l) => (l.attr = 7)), 'wrong-schema', /attr is a number/],
    ['attrPath not a list', changed((l) => (l.attrPath = 'example.x86_64-linux')), 'wrong-schema', /attrPath is a string/],
    ['attrPath with a number', changed((l) => (l.attrPath = ['example', 1])), 'wrong-schema', /attrPath is a list with a non-string entry/],
    ['no drvPath, no error', changed((l) => delete l.drvPath), 'wrong-schema', /drvPath is missing on a line without error/],
    ['no name, no error', changed((l) => delete l.name), 'wrong-schema', /name is missing on a line without error/],
    ['no system', changed((l) => delete l.system), 'wrong-schema', /system is missing/],
    ['no outputs', changed((l) => delete l.outputs), 'wrong-schema', /outputs is missing/],
    ['an output path that is a number', changed((l) => (l.outputs.dev = 3)), 'wrong-schema', /outputs\.dev is a number/],
    ['inputDrvs as a list', changed((l) => (l.inputDrvs = ['/nix/store/x.drv'])), 'wrong-schema', /inputDrvs is an array/],
    ['an error that is not text', { attr: 'example', error: { message: 'x' } }, 'wrong-schema', /error is an object/],
    ['a longDescription over 64 KiB', changed((l) => (l.meta = { longDescription: 'x'.repeat(64 * KIB + 1) })), 'oversized', /meta\.longDescription holds a string of 65537 bytes, over the 65536-byte limit/],
    ['64 KiB of multi-byte text', changed((l) => (l.meta = { description: 'é'.repeat(32 * KIB + 1) })), 'oversized', /meta\.description holds a string of 65538 bytes/],
    ['a huge string in a list', changed((l) => (l.meta = { homepage: ['a', 'x'.repeat(64 * KIB + 1)] })), 'oversized', /meta\.homepage\[1\] holds/],
    ['a huge key', changed((l) => (l.meta = { ['k'.repeat(64 * KIB + 1)]: 1 })), 'oversized', /a key in meta holds a string of 65537 bytes/],
    ['a huge error message', { attr: 'example', error: 'e'.repeat(64 * KIB + 1) }, 'oversized', /error holds a string/],
    ['10,001 inputDrvs', changed((l) => (l.inputDrvs = inputDrvs(10_001))), 'oversized', /inputDrvs has 10001 entries, more than 10000/],
  ])('%s', (_case, raw, reason, message) => {
    const error = rejection(() => normalizeEvalLine(raw, 42, {}));
    expect(error.reason).toBe(reason);
    expect(error.lineNumber).toBe(42);
    expect(error.message).toMatch(/^line 42: /);
    expect(error.message).toMatch(message);
  });

  it('accepts exactly 64 KiB and exactly 10,000 inputDrvs', () => {
    const line = changed((l) => {
      l.meta = { longDescription: 'x'.repeat(64 * KIB) };
      l.inputDrvs = inputDrvs(10_000);
    });
    const result = normalizeEvalLine(line, 1, {});
    expect(result.kind === 'derivation' && result.derivation.inputDrvs).toHaveLength(10_000);
  });

  it('survives a deeply nested line', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(normalizeEvalLine(changed((l) => (l.meta = { deep })), 1, {}).kind).toBe('derivation');
  });

  it('accepts unknown fields, and an error line with nothing but attr and error', () => {
    expect(normalizeEvalLine(changed((l) => (l.cacheStatus = 'notBuilt')), 1, {}).kind).toBe('derivation');
    expect(normalizeEvalLine({ attr: 'a."b.c"', error: 'boom' }, 1, {})).toEqual({ kind: 'error', error: { attr: 'a."b.c"', attrPath: ['a', 'b.c'], error: 'boom' } });
  });
});

describe('parseEvalLine tells malformed JSON from a cut-off last line', () => {
  const whole = JSON.stringify(madeUpLine());
  const cut = whole.slice(0, whole.indexOf('drvPath') + 20); // stops inside a string

  it.each<[string, string, boolean, EvalLineReason, RegExp]>([
    ['not JSON', 'error: cannot open file', false, 'malformed-json', /^line 7: not valid JSON \(.+\); nix-eval-jobs writes one JSON object a line/],
    ['not JSON, last', 'error: cannot open file', true, 'malformed-json', /^line 7: not valid JSON/],
    ['an extra brace, last', `${whole}}`, true, 'malformed-json', /^line 7: not valid JSON/],
    ['an empty line', '', false, 'malformed-json', /^line 7: not valid JSON/],
    ['cut off, not last', cut, false, 'malformed-json', /^line 7: not valid JSON/],
    ['cut off inside a string, last', cut, true, 'truncated', /^line 7: the last line stops in the middle of a JSON value/],
    ['cut off after a comma, last', whole.slice(0, whole.indexOf(',"drvPath') + 1), true, 'truncated', /cut off/],
    ['cut off after an escaped quote, last', '{"attr":"a\\"', true, 'truncated', /cut off/],
  ])('%s', (_case, text, last, reason, message) => {
    const error = rejection(() => parseEvalLine(text, 7, { last }));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
  });

  it('normalises a whole line, last or not', () => {
    expect(parseEvalLine(whole, 7, { last: true }).kind).toBe('derivation');
    expect(parseEvalLine(whole, 7).kind).toBe('derivation');
  });
});
