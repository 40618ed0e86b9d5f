import { normaliseNarHash } from '../attestations/nix-hash';
import { ParsedPathInfo, parsePathInfo } from '../nix-json/path-info.parser';
import { runNix, runNixOrThrow } from '../nix/nix-command';
import { NixPrograms } from '../nix/nix-programs';
import { BuilderRow } from '../store/builder.store';
import { hashKeptRebuild, parseCheckMismatch } from './check-mismatch';
import { sshEnv } from './ssh-options';

export interface BuildRequest {
  builder: BuilderRow;
  drvPath: string;
  outputPaths: string[];
  /** Where the derivations were instantiated (copied from there to the builder's store). */
  evalStore: string | undefined;
  logFile: string;
  signal: AbortSignal;
  /** ssh-ng: where host keys are remembered (first use accepted, a changed key refused). */
  knownHostsFile: string;
}

/** A `--check` rebuild that gave different bits than the output already in the builder's store. */
export interface RebuildDifference {
  outputPath: string;
  /** NAR hash of the rebuild; null when Nix did not keep it where nixsec can read it (ssh-ng). */
  narHash: string | null;
}

export type BuildOutcome =
  | { ok: true; pathInfos: ParsedPathInfo[]; checked: boolean; logTail: string; rebuildDiffers?: RebuildDifference }
  | { ok: false; status: 'failed' | 'timed_out' | 'cancelled'; error: string; logTail: string; fodGotHash?: string; checked?: boolean };

/**
 * One real build of one derivation on a Nix builder (a local store, a chroot store root, or an
 * `ssh-ng://` store). Substitution is off; an output that is already valid is rebuilt with
 * `--check`, so a result never comes from a cache. A check whose rebuild differs is a completed
 * build with evidence (both results), not a failure: on a local builder `--keep-failed` makes Nix
 * keep the rebuild at `<out>.check`, which is hashed and removed (not on ssh-ng, where it would
 * stay on the remote machine).
 */
export class NixBuildRunner {
  constructor(private readonly nix: NixPrograms) {}

  async build(request: BuildRequest): Promise<BuildOutcome> {
    const { builder } = request;
    const storeArgs = builder.storeUri ? ['--store', builder.storeUri] : [];
    const env = sshEnv(builder, request.knownHostsFile);
    const common = { env, signal: request.signal, logFile: request.logFile };
    if ((builder.storeUri ?? '') !== (request.evalStore ?? '')) {
      const from = request.evalStore ? ['--from', request.evalStore] : [];
      await runNixOrThrow(this.nix.nix, ['--extra-experimental-features', 'nix-command', 'copy', '--derivation', '--no-check-sigs', ...from, '--to', builder.storeUri ?? 'auto', request.drvPath], common);
    }
    const invalid = await runNixOrThrow(this.nix.nixStore, [...storeArgs, '--check-validity', '--print-invalid', ...request.outputPaths], common);
    const check = invalid.trim() === '';
    const checkArgs = check ? ['--check', ...(builder.kind === 'local' ? ['--keep-failed'] : [])] : [];
    const realise = await runNix(
      this.nix.nixStore,
      [...storeArgs, '--realise', request.drvPath, ...checkArgs, '--option', 'substituters', '', '--option', 'builders', ''],
      { ...common, timeoutMs: builder.timeoutSeconds * 1000 },
    );
    const logTail = realise.stderrTail;
    if (realise.aborted) return { ok: false, status: 'cancelled', error: 'cancelled', logTail };
    if (realise.timedOut) return { ok: false, status: 'timed_out', error: `no result within ${builder.timeoutSeconds} s (the builder's timeout)`, logTail };
    let rebuildDiffers: RebuildDifference | undefined;
    if (realise.exitCode !== 0) {
      const mismatch = check ? parseCheckMismatch(logTail) : null;
      if (!mismatch) return { ...failure(logTail), checked: check };
      const base = mismatch.realOutputPath.slice(mismatch.realOutputPath.lastIndexOf('/') + 1);
      const outputPath = request.outputPaths.find((p) => p.endsWith(`/${base}`)) ?? request.outputPaths[0];
      rebuildDiffers = { outputPath, narHash: builder.kind === 'local' ? await hashKeptRebuild(this.nix, mismatch) : null };
    }
    const pathInfos = parsePathInfo(await this.nix.pathInfoJson(request.outputPaths, storeArgs, { env }));
    const missing = pathInfos.filter((p) => !p.valid).map((p) => p.path);
    if (missing.length) return { ok: false, status: 'failed', error: `Nix reported success but ${missing.join(', ')} is not in the builder's store`, logTail };
    const substituted = pathInfos.filter((p) => !p.ultimate);
    if (substituted.length && !check) {
      return { ok: false, status: 'failed', error: `${substituted.map((p) => p.path).join(', ')} came from a substituter, not from a build: it cannot count`, logTail };
    }
    return { ok: true, pathInfos, checked: check, logTail, rebuildDiffers };
  }
}

function failure(logTail: string): BuildOutcome {
  const mismatch = /hash mismatch in fixed-output derivation '([^']+)'[\s\S]*?got:\s+(\S+)/.exec(logTail);
  if (mismatch) {
    let got = mismatch[2];
    try {
      got = normaliseNarHash(got);
    } catch {
      // keep Nix's own text when it is in a form we do not parse
    }
    return { ok: false, status: 'failed', error: `fixed-output hash mismatch: the output hashes to ${got}, not to the pinned hash`, logTail, fodGotHash: got };
  }
  const lastLines = logTail.trim().split('\n').slice(-4).join('\n');
  return { ok: false, status: 'failed', error: `the build failed: ${lastLines}`, logTail };
}
