import { BuilderRow } from '../store/builder.store';
import { AttestationSink, CacheImportResult, ImportedOutput, importFromBinaryCache } from './binary-cache-import';

/** The parts of a build in Hydra's JSON API (`GET /search?query=…` with Accept: application/json) we read. */
interface HydraBuild {
  id: number;
  finished: number;
  buildstatus: number | null;
  drvpath: string;
  buildoutputs?: Record<string, { path: string }>;
}

/**
 * Hydra: its JSON API says which outputs Hydra itself built successfully (a search by the output
 * path's hash, finished with buildstatus 0); the NAR hash and signature come from the binary cache
 * Hydra uploads to (the builder's storeUri, e.g. https://cache.nixos.org). An output Hydra never
 * built, or failed to, is not attested even when the cache has it.
 */
export function importFromHydra(builder: BuilderRow, outputs: ImportedOutput[], store: AttestationSink, onProgress?: (done: number, total: number) => void): Promise<CacheImportResult> {
  const hydra = (builder.url ?? '').replace(/\/+$/, '');
  const gate = async (output: ImportedOutput): Promise<boolean> => {
    const hashPart = output.path.split('/').pop()!.slice(0, 32);
    const response = await fetch(`${hydra}/search?query=${encodeURIComponent(hashPart)}`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`Hydra search answered HTTP ${response.status}`);
    const body = (await response.json()) as { builds?: HydraBuild[] };
    return (body.builds ?? []).some(
      (b) => b.finished === 1 && b.buildstatus === 0 && b.drvpath === output.drvPath && Object.values(b.buildoutputs ?? {}).some((o) => o.path === output.path),
    );
  };
  return importFromBinaryCache(builder, builder.storeUri, outputs, store, { gate, source: 'hydra', onProgress });
}
