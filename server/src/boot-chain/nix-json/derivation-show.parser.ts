import { createHash } from 'node:crypto';
import { NixHash, nix32Encode, toSri } from '../attestations/nix-hash';
import { NixJsonError } from './nix-json.error';
import { DEFAULT_STORE_DIR, fullStorePath, isObject, nixHashFromJson } from './path-info.parser';

export interface DerivationOutput {
  name: string;
  path: string | null;
  /** FOD only: */
  hashAlgo?: string;
  expectedHash?: string /* SRI */;
  hashMode?: 'flat' | 'recursive' | 'text';
}

export interface ParsedDerivation {
  drvPath: string;
  name: string;
  system: string;
  builder: string;
  args: string[];
  outputs: DerivationOutput[];
  inputDrvs: { drvPath: string; outputs: string[] }[];
  inputSrcs: string[];
  fixedOutput: boolean;
  env: Record<string, string>;
}

/** The newest derivation JSON version read here; later ones may change meaning, so they are refused rather than guessed at. */
const NEWEST_FORMAT_VERSION = 5;

/**
 * Reads `nix show-derivation -r` (2.4–2.14) and `nix derivation show -r` (2.15+): an object keyed by drv path
 * (full paths in older Nix, base names from format 3), or in recent Nix that object wrapped as
 * `{version, derivations}`. Store paths come back as full paths in `storeDir`.
 */
export function parseDerivationShow(json: unknown, storeDir = DEFAULT_STORE_DIR): ParsedDerivation[] {
  if (!isObject(json)) throw new NixJsonError('derivation show', 'expected a JSON object keyed by derivation path');
  let records = json;
  if (isObject(json.derivations) && typeof json.version === 'number') {
    checkVersion('derivation show', json.version);
    records = json.derivations;
  }
  return Object.entries(records).map(([key, record]) => parseDerivation(key, record, storeDir));
}

function checkVersion(record: string, version: unknown): void {
  if (version === undefined) return;
  if (typeof version !== 'number' || version > NEWEST_FORMAT_VERSION) throw new NixJsonError(record, `derivation JSON version ${String(version)} is newer than nixsec reads (${NEWEST_FORMAT_VERSION})`);
}

function parseDerivation(key: string, record: unknown, storeDir: string): ParsedDerivation {
  const drvPath = fullStorePath(key, key, storeDir, 'derivation path');
  if (!drvPath.endsWith('.drv')) throw new NixJsonError(drvPath, 'derivation path does not end in .drv');
  if (!isObject(record)) throw new NixJsonError(drvPath, 'derivation is not an object');
  checkVersion(drvPath, record.version);

  const env = parseEnv(drvPath, record.env);
  const name = env.name ?? (typeof record.name === 'string' ? record.name : nameFromDrvPath(drvPath));
  if (!isObject(record.outputs)) throw new NixJsonError(drvPath, 'outputs is not an object');
  const outputs = Object.entries(record.outputs).map(([outputName, output]) => parseOutput(drvPath, name, outputName, output, storeDir));
  // Format 4 moved `inputSrcs`/`inputDrvs` under `inputs: {srcs, drvs}`.
  const inputs = isObject(record.inputs) ? record.inputs : { srcs: record.inputSrcs, drvs: record.inputDrvs };

  return {
    drvPath,
    name,
    system: requiredString(drvPath, record.system, 'system'),
    builder: requiredString(drvPath, record.builder, 'builder'),
    args: stringList(drvPath, record.args, 'args'),
    outputs,
    inputDrvs: parseInputDrvs(drvPath, inputs.drvs, storeDir),
    inputSrcs: stringList(drvPath, inputs.srcs, 'input sources').map((src) => fullStorePath(drvPath, src, storeDir, 'input source')),
    fixedOutput: outputs.length === 1 && outputs[0].expectedHash !== undefined,
    env,
  };
}

function nameFromDrvPath(drvPath: string): string {
  return drvPath.slice(drvPath.lastIndexOf('/') + 34, -'.drv'.length);
}

function requiredString(drvPath: string, value: unknown, field: string): string {
  if (typeof value !== 'string') throw new NixJsonError(drvPath, `${field} is not a string`);
  return value;
}

function stringList(drvPath: string, value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new NixJsonError(drvPath, `${field} is not a list of strings`);
  return value;
}

/** Format 5 may print a value as `{value, passAsFile}`. */
function parseEnv(drvPath: string, env: unknown): Record<string, string> {
  if (!isObject(env)) throw new NixJsonError(drvPath, 'env is not an object');
  const parsed: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') parsed[name] = value;
    else if (isObject(value) && typeof value.value === 'string') parsed[name] = value.value;
    else throw new NixJsonError(drvPath, `env.${name} is not a string`);
  }
  return parsed;
}

/** Older Nix maps each input drv to its output names; newer Nix to `{outputs, dynamicOutputs}`. */
function parseInputDrvs(drvPath: string, drvs: unknown, storeDir: string): ParsedDerivation['inputDrvs'] {
  if (!isObject(drvs)) throw new NixJsonError(drvPath, 'input derivations are not an object');
  return Object.entries(drvs).map(([inputPath, wanted]) => {
    const outputs = isObject(wanted) ? wanted.outputs : wanted;
    return {
      drvPath: fullStorePath(drvPath, inputPath, storeDir, 'input derivation'),
      outputs: stringList(drvPath, outputs, `outputs wanted from ${inputPath}`),
    };
  });
}

type HashMode = NonNullable<DerivationOutput['hashMode']>;

const MODE_OF_METHOD: Record<string, HashMode> = { flat: 'flat', nar: 'recursive', text: 'text' };

function parseOutput(drvPath: string, drvName: string, name: string, output: unknown, storeDir: string): DerivationOutput {
  if (!isObject(output)) throw new NixJsonError(drvPath, `output ${name} is not an object`);
  const path = output.path == null ? null : fullStorePath(drvPath, output.path, storeDir, `output ${name} path`);
  if (output.hash === undefined) return { name, path };

  const { mode, algorithm } = hashModeAndAlgorithm(drvPath, name, output);
  const hash = nixHashFromJson(drvPath, output.hash, `output ${name} hash`, algorithm);
  if (algorithm && hash.algorithm !== algorithm) throw new NixJsonError(drvPath, `output ${name} says ${algorithm} but its hash is ${hash.algorithm}`);
  return {
    name,
    // Format 4 leaves out a fixed output's path because it follows from the hash; nixsec fills it in.
    path: path ?? fixedOutputPath(hash, mode, name === 'out' ? drvName : `${drvName}-${name}`, storeDir),
    hashAlgo: hash.algorithm,
    expectedHash: toSri(hash),
    hashMode: mode,
  };
}

/** Format 1 spells mode and algorithm as `r:sha256`, `text:sha256` or `sha256`; later formats as `method` + `hashAlgo`. */
function hashModeAndAlgorithm(drvPath: string, name: string, output: Record<string, unknown>): { mode: HashMode; algorithm?: string } {
  const hashAlgo = typeof output.hashAlgo === 'string' ? output.hashAlgo : undefined;
  if (typeof output.method === 'string') {
    const mode = MODE_OF_METHOD[output.method];
    if (!mode) throw new NixJsonError(drvPath, `output ${name} uses content-address method '${output.method}', which nixsec does not support`);
    return { mode, algorithm: hashAlgo };
  }
  if (!hashAlgo) throw new NixJsonError(drvPath, `output ${name} has a hash but no hashAlgo or method`);
  const prefixed = /^(?:(r|text|git):)?(\w+)$/.exec(hashAlgo);
  if (!prefixed || prefixed[1] === 'git') throw new NixJsonError(drvPath, `output ${name} has hashAlgo '${hashAlgo}', which nixsec does not support`);
  return { mode: prefixed[1] === 'r' ? 'recursive' : prefixed[1] === 'text' ? 'text' : 'flat', algorithm: prefixed[2] };
}

/** Nix's makeFixedOutputPath, for flat and NAR hashes (text-hashed outputs also depend on references, which are not printed). */
function fixedOutputPath(hash: NixHash, mode: HashMode, name: string, storeDir: string): string | null {
  if (mode === 'text') return null;
  const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();
  const [type, inner] =
    mode === 'recursive' && hash.algorithm === 'sha256'
      ? ['source', hash.digest]
      : ['output:out', sha256(`fixed:out:${mode === 'recursive' ? 'r:' : ''}${hash.algorithm}:${hash.digest.toString('hex')}:`)];
  const dir = storeDir.replace(/\/+$/, '');
  const fingerprint = sha256(`${type}:sha256:${inner.toString('hex')}:${dir}:${name}`);
  const compressed = Buffer.alloc(20);
  fingerprint.forEach((byte, i) => (compressed[i % 20] ^= byte));
  return `${dir}/${nix32Encode(compressed)}-${name}`;
}
