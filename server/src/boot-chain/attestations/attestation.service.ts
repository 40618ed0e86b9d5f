import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { z } from 'zod';
import { BootChainError } from '../boot-chain.error';
import { ParsedPathInfo } from '../nix-json/path-info.parser';
import { AttestationRecord, AttestationStore } from '../store/attestation.store';
import { BuilderRow, BuilderStore } from '../store/builder.store';
import { normaliseNarHash } from './nix-hash';
import { checkSignatures, NixPublicKey, parseNixPublicKey, SignatureStatus } from './nix-signature';

const STORE_DIR = '/nix/store';
const NIX32_DIGEST = /^[0-9abcdfghijklmnpqrsvwxyz]{32}$/;

/** lila's post-build hook body (one entry per output), plus optional size and references it may add. */
const lilaEntry = z.object({
  output_digest: z.string(),
  output_name: z.string().min(1),
  output_hash: z.string().min(1),
  output_sig: z.string().optional().nullable(),
  output_size: z.number().int().nonnegative().optional(),
  output_references: z.array(z.string()).optional(),
});
export type LilaEntry = z.infer<typeof lilaEntry>;

export interface SubmissionResult {
  builder: string;
  accepted: { outputPath: string; narHash: string; signature: SignatureStatus | 'unverifiable'; counts: boolean }[];
  rejected: { index: number; outputPath: string | null; reason: string }[];
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Records what builders claim about outputs and decides which claims count. */
export class AttestationService {
  private readonly logger = new Logger('BootChainAttestations');

  constructor(
    private readonly attestations: AttestationStore,
    private readonly builders: BuilderStore,
  ) {}

  /**
   * Outputs nixsec built itself: they count without a signature (we ran the build). `rebuild`: a
   * `--check` rebuild of this output differed from the builder's first build (its NAR hash if known).
   */
  async recordBuild(
    builder: BuilderRow,
    drvPath: string,
    outputs: { name: string; path: string }[],
    infos: ParsedPathInfo[],
    source: 'build' | 'ssh',
    rebuild?: { outputPath: string; narHash: string | null },
  ): Promise<void> {
    const records: AttestationRecord[] = infos.map((info) => ({
      builderId: builder.id,
      drvPath,
      outputName: outputs.find((o) => o.path === info.path)?.name ?? 'out',
      outputPath: info.path,
      narHash: info.narHash,
      narSize: info.narSize,
      references: info.references,
      signature: info.signatures[0] ?? null,
      signatureStatus: 'own_build',
      ultimate: info.ultimate,
      nixVersion: builderNixVersion(builder),
      source,
      rebuildDiffers: rebuild?.outputPath === info.path,
      rebuildNarHash: rebuild?.outputPath === info.path ? rebuild.narHash : null,
    }));
    await this.record(records);
  }

  /** Stores claims; those carrying size and references let waiting `unverifiable` claims of the same content be checked. */
  async record(records: AttestationRecord[]): Promise<void> {
    await this.attestations.record(records);
    for (const r of records) {
      if (r.narSize !== null && r.references) await this.verifyWaitingClaims(r.outputPath, r.narHash, { narSize: r.narSize, references: r.references });
    }
  }

  /**
   * Submissions that came without NAR size and references could not be checked; once another claim
   * of the same output path and NAR hash supplies them, their signatures are checked (and so count,
   * or not, in the verdicts computed from them).
   */
  private async verifyWaitingClaims(outputPath: string, narHash: string, metadata: { narSize: number; references: string[] }): Promise<void> {
    for (const claim of await this.attestations.unverifiable(outputPath, narHash)) {
      const builder = await this.builders.byId(claim.builderId);
      const key = builder?.publicKey ? parseNixPublicKey(builder.publicKey) : null;
      const status = !claim.signature ? 'missing' : !key ? 'unknown_key' : checkSignatures({ path: outputPath, narHash, ...metadata }, [claim.signature], [key]).status;
      await this.attestations.verified(claim.id, metadata, status);
      this.logger.log(`the claim of ${claim.builderName} on ${outputPath} is now verifiable: ${status}`);
    }
  }

  /** `POST /attestation/{drv}` as lila's post-build hook sends it. */
  async submit(token: string | null, drvIdent: string, body: unknown): Promise<SubmissionResult> {
    if (!token) throw new BootChainError('UNAUTHENTICATED', 'send the builder token as "Authorization: Bearer <token>" (registerBootChainBuilder gives it once)');
    const builder = await this.builders.byTokenHash(hashToken(token));
    if (!builder) throw new BootChainError('UNAUTHENTICATED', 'this token belongs to no enabled builder: register the builder again to get a new token');
    const drvPath = toDrvPath(drvIdent);
    if (!Array.isArray(body)) throw new BootChainError('BAD_REQUEST', 'the body must be a JSON list of {output_name, output_digest, output_hash, output_sig}');
    const key = builder.publicKey ? parseNixPublicKey(builder.publicKey) : null;
    const result: SubmissionResult = { builder: builder.name, accepted: [], rejected: [] };
    for (const [index, raw] of body.entries()) {
      const parsed = lilaEntry.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        result.rejected.push({ index, outputPath: null, reason: `${issue.path.join('.') || 'entry'}: ${issue.message}` });
        continue;
      }
      const entry = parsed.data;
      const outputPath = `${STORE_DIR}/${entry.output_digest}-${entry.output_name}`;
      if (!NIX32_DIGEST.test(entry.output_digest) || /[/\s]/.test(entry.output_name)) {
        result.rejected.push({ index, outputPath: null, reason: `output_digest must be the 32-character hash part of a store path and output_name its name, got ${entry.output_digest}-${entry.output_name}` });
        continue;
      }
      let narHash: string;
      try {
        narHash = normaliseNarHash(entry.output_hash);
      } catch (err) {
        result.rejected.push({ index, outputPath, reason: `output_hash: ${(err as Error).message}` });
        continue;
      }
      const record = await this.submissionRecord(builder, key, drvPath, outputPath, narHash, entry);
      await this.record([record]);
      result.accepted.push({ outputPath, narHash, signature: record.signatureStatus as SignatureStatus, counts: record.signatureStatus === 'valid' });
    }
    if (result.rejected.length) {
      // Kept aside in the log with the record and reason; the caller gets the same list in the response.
      this.logger.warn(`attestations from ${builder.name} for ${drvPath}: rejected ${result.rejected.map((r) => `entry ${r.index} (${r.outputPath ?? '?'}): ${r.reason}`).join('; ')}`);
    }
    return result;
  }

  private async submissionRecord(builder: BuilderRow, key: NixPublicKey | null, drvPath: string, outputPath: string, narHash: string, entry: LilaEntry): Promise<AttestationRecord> {
    const known = await this.attestations.knownOutput(outputPath);
    const metadata = entry.output_size !== undefined && entry.output_references
      ? { narSize: entry.output_size, references: entry.output_references }
      : await this.attestations.knownMetadata(outputPath, narHash);
    const signature = entry.output_sig ?? null;
    let status: string;
    if (!signature) status = 'missing';
    else if (!key) status = 'unknown_key';
    else if (!metadata) status = 'unverifiable';
    else status = checkSignatures({ path: outputPath, narHash, ...metadata }, [signature], [key]).status;
    return {
      builderId: builder.id,
      drvPath: known?.drvPath ?? drvPath,
      outputName: known?.outputName ?? entry.output_name,
      outputPath,
      narHash,
      narSize: metadata?.narSize ?? null,
      references: metadata?.references ?? null,
      signature,
      signatureStatus: status,
      ultimate: null,
      nixVersion: builderNixVersion(builder),
      source: 'submission',
    };
  }
}

/** What the builder was seen running, else what it was registered with. */
export function builderNixVersion(builder: BuilderRow): string | null {
  return builder.detectedNixVersion ?? builder.nixVersion;
}

function toDrvPath(ident: string): string {
  const base = ident.startsWith(`${STORE_DIR}/`) ? ident.slice(STORE_DIR.length + 1) : ident;
  const withoutSuffix = base.endsWith('.drv') ? base.slice(0, -4) : base;
  if (!/^[0-9abcdfghijklmnpqrsvwxyz]{32}-[^/\s]+$/.test(withoutSuffix)) {
    throw new BootChainError('BAD_REQUEST', `'${ident}' is not a derivation: expected <hash>-<name> as lila sends it (the .drv path without /nix/store/ and .drv)`);
  }
  return `${STORE_DIR}/${withoutSuffix}.drv`;
}
