import * as fs from 'node:fs';
import * as path from 'node:path';
import { normaliseNarHash } from '../attestations/nix-hash';
import { NixPrograms } from '../nix/nix-programs';

export interface CheckMismatch {
  /** The output as Nix printed it: the real path, under the store root for a chroot store. */
  realOutputPath: string;
  /** Where Nix kept the differing rebuild (`<out>.check`, with --keep-failed); null without it. */
  realCheckPath: string | null;
  /** Nix's own build directory kept by --keep-failed, to be removed again. */
  keptBuildDir: string | null;
}

/**
 * Nix's verdict on a `--check` rebuild that differs: "derivation '…' may not be deterministic:
 * output '<out>' differs from '<out>.check'" (Nix 2.8 with --keep-failed prints both real paths;
 * without it only "output '<out>' differs"). Null when the log says something else.
 */
export function parseCheckMismatch(log: string): CheckMismatch | null {
  const match = /may not be deterministic: output '([^']+)' differs(?: from '([^']+)')?/.exec(log);
  if (!match) return null;
  const kept = /keeping build directory '([^']*\/nix-build-[^'/]+)'/.exec(log);
  return { realOutputPath: match[1], realCheckPath: match[2] ?? null, keptBuildDir: kept?.[1] ?? null };
}

/**
 * The NAR hash of the rebuild Nix kept at `<out>.check` on this machine's filesystem, then that
 * copy and the kept build directory are removed (they are nobody's store paths). Null when the
 * copy is not here to hash.
 */
export async function hashKeptRebuild(nix: NixPrograms, mismatch: CheckMismatch): Promise<string | null> {
  try {
    if (!mismatch.realCheckPath || !fs.existsSync(mismatch.realCheckPath)) return null;
    const hashed = await nix.nixCommand(['hash', 'path', '--type', 'sha256', mismatch.realCheckPath]);
    if (hashed.exitCode !== 0) return null;
    return normaliseNarHash(hashed.stdout.trim());
  } finally {
    for (const kept of [mismatch.realCheckPath, mismatch.keptBuildDir]) if (kept) removeTree(kept);
  }
}

/** Store paths and kept build trees are read-only: make every directory writable, then remove. */
function removeTree(target: string): void {
  try {
    const makeWritable = (p: string) => {
      const stat = fs.lstatSync(p);
      if (!stat.isDirectory()) return;
      fs.chmodSync(p, 0o755);
      for (const entry of fs.readdirSync(p)) makeWritable(path.join(p, entry));
    };
    if (!fs.existsSync(target)) return;
    makeWritable(target);
    fs.rmSync(target, { recursive: true, force: true });
  } catch {
    // Leftovers in a store directory are not valid paths; Nix's garbage collector removes them.
  }
}
