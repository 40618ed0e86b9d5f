import { checkSignatures, parseNixPublicKey } from '../attestations/nix-signature';
import { BootChainError } from '../boot-chain.error';
import { parseNarinfo } from '../nix-json/narinfo.parser';
import { AttestationRecord } from '../store/attestation.store';
import { BuilderRow } from '../store/builder.store';

export interface CacheImportResult {
  found: number;
  missing: number;
  invalidSignatures: number;
  errors: string[];
}

export interface ImportedOutput {
  drvPath: string;
  name: string;
  path: string;
}

/** Where imported claims go (AttestationService.record: it also checks claims that waited for this size and these references). */
export interface AttestationSink {
  record(records: AttestationRecord[]): Promise<void>;
}

/** Decides, before the narinfo is read, whether an output counts as this builder's (e.g. Hydra built it). */
export type OutputGate = (output: ImportedOutput) => Promise<boolean>;

/**
 * Attestations from a binary cache (e.g. cache.nixos.org): the narinfo of each output says what
 * the cache's builder produced, signed with the cache key registered for the builder.
 */
export async function importFromBinaryCache(
  builder: BuilderRow,
  cacheUrl: string | null,
  outputs: ImportedOutput[],
  store: AttestationSink,
  options: { gate?: OutputGate; source?: 'binary-cache' | 'hydra'; onProgress?: (done: number, total: number) => void } = {},
): Promise<CacheImportResult> {
  if (!cacheUrl) throw new BootChainError('BAD_REQUEST', `builder ${builder.name} has no binary cache URL: set it (e.g. https://cache.nixos.org)`);
  const key = builder.publicKey ? parseNixPublicKey(builder.publicKey) : null;
  const base = cacheUrl.replace(/\/+$/, '');
  const result: CacheImportResult = { found: 0, missing: 0, invalidSignatures: 0, errors: [] };
  for (const [i, output] of outputs.entries()) {
    const hashPart = output.path.split('/').pop()!.slice(0, 32);
    const url = `${base}/${hashPart}.narinfo`;
    try {
      if (options.gate && !(await options.gate(output))) {
        result.missing++;
        continue;
      }
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (response.status === 404) {
        result.missing++;
        continue;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const info = parseNarinfo(await response.text());
      if (info.storePath !== output.path) throw new Error(`the narinfo describes ${info.storePath}`);
      const check = key ? checkSignatures({ path: info.storePath, narHash: info.narHash, narSize: info.narSize, references: info.references }, info.signatures, [key]) : { status: 'unknown_key' as const };
      if (check.status === 'invalid') result.invalidSignatures++;
      const record: AttestationRecord = {
        builderId: builder.id,
        drvPath: output.drvPath,
        outputName: output.name,
        outputPath: output.path,
        narHash: info.narHash,
        narSize: info.narSize,
        references: info.references,
        signature: info.signatures[0] ?? null,
        signatureStatus: check.status,
        // Hydra's API says it built the path itself; a plain cache cannot say how it got it.
        ultimate: options.source === 'hydra' ? true : false,
        nixVersion: builder.nixVersion,
        source: options.source ?? 'binary-cache',
      };
      await store.record([record]);
      result.found++;
    } catch (err) {
      result.errors.push(`${output.path}: ${(err as Error).message}`);
    } finally {
      options.onProgress?.(i + 1, outputs.length);
    }
  }
  return result;
}
