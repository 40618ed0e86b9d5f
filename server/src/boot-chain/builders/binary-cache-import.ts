import { checkSignatures, parseNixPublicKey } from '../attestations/nix-signature';
import { BootChainError } from '../boot-chain.error';
import { parseNarinfo } from '../nix-json/narinfo.parser';
import { AttestationRecord, AttestationStore } from '../store/attestation.store';
import { BuilderRow } from '../store/builder.store';

export interface CacheImportResult {
  found: number;
  missing: number;
  invalidSignatures: number;
  errors: string[];
}

/**
 * Attestations from a binary cache (e.g. Hydra's cache.nixos.org): the narinfo of each output says
 * what the cache's builder produced, signed with the cache key registered for the builder.
 */
export async function importFromBinaryCache(
  builder: BuilderRow,
  outputs: { drvPath: string; name: string; path: string }[],
  store: AttestationStore,
  onProgress?: (done: number, total: number) => void,
): Promise<CacheImportResult> {
  if (!builder.url) throw new BootChainError('BAD_REQUEST', `builder ${builder.name} has no cache URL: set its url (e.g. https://cache.nixos.org)`);
  const key = builder.publicKey ? parseNixPublicKey(builder.publicKey) : null;
  const base = builder.url.replace(/\/+$/, '');
  const result: CacheImportResult = { found: 0, missing: 0, invalidSignatures: 0, errors: [] };
  for (const [i, output] of outputs.entries()) {
    const hashPart = output.path.split('/').pop()!.slice(0, 32);
    const url = `${base}/${hashPart}.narinfo`;
    try {
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
        ultimate: false,
        nixVersion: builder.nixVersion,
        source: builder.kind === 'hydra' ? 'hydra' : 'binary-cache',
      };
      await store.record([record]);
      result.found++;
    } catch (err) {
      result.errors.push(`${url}: ${(err as Error).message}`);
    } finally {
      onProgress?.(i + 1, outputs.length);
    }
  }
  return result;
}
