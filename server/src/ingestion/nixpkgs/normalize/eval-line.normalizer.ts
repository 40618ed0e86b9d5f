import {
  EvalLineRejectedError,
  type EvalLineReason,
  type EvaluationErrorLine,
  type NormalizedDerivation,
} from '../normalized-derivation';
import { packageAttrOf, splitAttr } from './attr-path';
import { checkEvalLineSize } from './eval-line-limits';
import { endsInsideJsonValue } from './json-cut-off';
import { normalizeMeta } from './meta.normalizer';
import { parseDrvName } from './parse-drv-name';
import { describeJson, isJsonObject, type JsonObject } from './raw-json';

export interface EvalLineOptions {
  /** The checkout that was evaluated; meta.position files below it are made relative to it. */
  nixpkgsRoot?: string;
}

export interface ParseEvalLineOptions extends EvalLineOptions {
  /** The line is the last of its file: a line cut off there is 'truncated', not 'malformed-json'. */
  last?: boolean;
}

export type NormalizedEvalLine =
  | { kind: 'derivation'; derivation: NormalizedDerivation }
  | { kind: 'error'; error: EvaluationErrorLine };

/** One line of `nix-eval-jobs --meta` output, as text. Throws EvalLineRejectedError. */
export function parseEvalLine(text: string, lineNumber: number, options: ParseEvalLineOptions = {}): NormalizedEvalLine {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    if (options.last && endsInsideJsonValue(text)) {
      throw new EvalLineRejectedError(
        'truncated',
        lineNumber,
        'the last line stops in the middle of a JSON value; the evaluation output was cut off — rerun nix-eval-jobs, or keep the lines before it as a partial evaluation',
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new EvalLineRejectedError(
      'malformed-json',
      lineNumber,
      `not valid JSON (${reason}); nix-eval-jobs writes one JSON object a line — check that nothing else (stderr, a progress bar) was written into the file`,
    );
  }
  return normalizeEvalLine(raw, lineNumber, options);
}

/**
 * One parsed line of `nix-eval-jobs --meta` output: a derivation, or an attribute that failed to
 * evaluate (the line has `error`). Throws EvalLineRejectedError for a line that is neither.
 */
export function normalizeEvalLine(raw: unknown, lineNumber: number, options: EvalLineOptions = {}): NormalizedEvalLine {
  const reject = (reason: EvalLineReason, detail: string) => new EvalLineRejectedError(reason, lineNumber, detail);
  if (!isJsonObject(raw)) {
    throw reject('wrong-schema', `expected a JSON object (one nix-eval-jobs result), got ${describeJson(raw)}`);
  }
  checkEvalLineSize(raw, lineNumber);
  if (typeof raw.attr !== 'string') {
    throw reject('wrong-schema', `attr is ${describeJson(raw.attr)}; every nix-eval-jobs line names its attribute — is this nix-eval-jobs output?`);
  }
  const attr = raw.attr;
  const attrPath = readAttrPath(raw.attrPath, attr, reject);

  if (raw.error !== undefined && raw.error !== null) {
    if (typeof raw.error !== 'string') throw reject('wrong-schema', `error is ${describeJson(raw.error)}, expected the evaluation error message`);
    return { kind: 'error', error: { attr, attrPath, error: raw.error } };
  }

  const name = requireDerivationField(raw, 'name', reject);
  const drvPath = requireDerivationField(raw, 'drvPath', reject);
  const system = requireDerivationField(raw, 'system', reject);
  const { pname: metaPname, version: metaVersion, ...metaFields } = normalizeMeta(raw.meta, options.nixpkgsRoot);
  const drvName = parseDrvName(name);
  return {
    kind: 'derivation',
    derivation: {
      attr,
      attrPath,
      packageAttr: packageAttrOf(attrPath, system),
      name,
      pname: metaPname ?? drvName.name,
      version: metaVersion ?? drvName.version,
      drvPath,
      system,
      outputs: readOutputs(raw.outputs, reject),
      inputDrvs: readInputDrvs(raw.inputDrvs, reject),
      ...metaFields,
    },
  };
}

type Reject = (reason: EvalLineReason, detail: string) => EvalLineRejectedError;

// Older nix-eval-jobs print only the joined attr.
function readAttrPath(value: unknown, attr: string, reject: Reject): string[] {
  if (value === undefined) return splitAttr(attr);
  if (!Array.isArray(value) || !value.every((component): component is string => typeof component === 'string')) {
    const got = Array.isArray(value) ? 'a list with a non-string entry' : describeJson(value);
    throw reject('wrong-schema', `attrPath is ${got}, expected a list of attribute names`);
  }
  return value;
}

function requireDerivationField(raw: JsonObject, field: 'name' | 'drvPath' | 'system', reject: Reject): string {
  const value = raw[field];
  if (typeof value === 'string') return value;
  throw reject(
    'wrong-schema',
    `${field} is ${describeJson(value)} on a line without error; a derivation line has name, drvPath, system and outputs`,
  );
}

// A content-addressed derivation's outputs have no path until built: nix-eval-jobs prints null.
function readOutputs(value: unknown, reject: Reject): Record<string, string | null> {
  if (!isJsonObject(value)) {
    throw reject('wrong-schema', `outputs is ${describeJson(value)}, expected an object of output name → store path`);
  }
  const outputs = Object.entries(value);
  const wrong = outputs.find(([, path]) => path !== null && typeof path !== 'string');
  if (wrong) throw reject('wrong-schema', `outputs.${wrong[0]} is ${describeJson(wrong[1])}, expected a store path or null`);
  return Object.fromEntries(outputs) as Record<string, string | null>;
}

// Printed only with --show-input-drvs: drvPath → the outputs used.
function readInputDrvs(value: unknown, reject: Reject): string[] {
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw reject('wrong-schema', `inputDrvs is ${describeJson(value)}, expected an object of drvPath → outputs`);
  return Object.keys(value);
}
