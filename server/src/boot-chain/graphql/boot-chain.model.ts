import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType({ description: 'A bootstrap chain discovered for a Nixpkgs revision, system and attribute.' })
export class BootChainTarget {
  @Field(() => Int) id: number;
  @Field({ description: 'The Nixpkgs commit.' }) revision: string;
  @Field({ description: 'e.g. x86_64-linux' }) system: string;
  @Field({ description: 'e.g. minimal-bootstrap.tests.full or stdenv' }) attr: string;
  @Field() rootDrvPath: string;
  @Field(() => GraphQLISODateTime) discoveredAt: Date;
  @Field(() => Int, { description: 'Derivations in the chain.' }) nodes: number;
}

@ObjectType({ description: "Reproducibility of one output, judged by distinct builders (not by submissions)." })
export class BootChainVerdict {
  @Field({ description: 'unbuilt, single, reproduced, partially_reproduced, nondeterministic or fod_mismatch' }) kind: string;
  @Field(() => Int, { description: 'Distinct builders whose attestation counts.' }) builders: number;
  @Field(() => Int, { description: 'Builders agreeing on the most common hash.' }) agreeing: number;
  @Field(() => Int) distinctHashes: number;
  @Field(() => Int, { description: 'Attestations not counted: missing, invalid, unverifiable signatures or unknown keys.' }) ignored: number;
  @Field({ description: 'Why, in one sentence (e.g. that the same builder produced two different results).' }) explanation: string;
}

@ObjectType({ description: "A builder's claim about one output." })
export class BootChainAttestation {
  @Field(() => ID) id: string;
  @Field() builderName: string;
  @Field() outputPath: string;
  @Field({ description: 'SRI, e.g. sha256-…' }) narHash: string;
  @Field(() => Float, { nullable: true }) narSize: number | null;
  @Field({ description: 'own_build, valid, invalid, unknown_key, missing, malformed or unverifiable' }) signatureStatus: string;
  @Field(() => Boolean, { nullable: true, description: 'Built by this builder, not substituted.' }) ultimate: boolean | null;
  @Field({ description: 'build, ssh, hydra, binary-cache or submission' }) source: string;
  @Field(() => String, { nullable: true, description: 'The Nix version the builder ran (detected, else as registered).' }) nixVersion: string | null;
  @Field({ description: 'A --check rebuild on this builder gave different bits than its first build: the derivation is not deterministic.' }) rebuildDiffers: boolean;
  @Field(() => String, { nullable: true, description: "That rebuild's NAR hash (SRI), when nixsec could read it." }) rebuildNarHash: string | null;
  @Field(() => GraphQLISODateTime) recordedAt: Date;
}

@ObjectType()
export class BootChainOutput {
  @Field() name: string;
  @Field() path: string;
  @Field(() => String, { nullable: true, description: 'Fixed-output derivations: the pinned hash (SRI).' }) expectedHash: string | null;
  @Field(() => BootChainVerdict) verdict: BootChainVerdict;
  @Field(() => [BootChainAttestation]) attestations: BootChainAttestation[];
}

@ObjectType({ description: 'A derivation of the chain.' })
export class BootChainNode {
  @Field() drvPath: string;
  @Field() name: string;
  @Field() pname: string;
  @Field(() => String, { nullable: true }) version: string | null;
  @Field({ description: 'seed, stage0-posix, mes, tinycc, early-tools, musl, gcc, glibc, stdenv or other' }) stage: string;
  @Field({ description: 'A prebuilt binary (bootstrap-tools): the chain is then not anchored in the seed.' }) prebuilt: boolean;
  @Field() fixedOutput: boolean;
  @Field(() => Int, { description: 'Longest chain of inputs below it; seeds are 0.' }) depth: number;
  @Field(() => [String]) inputDrvs: string[];
  @Field(() => [BootChainOutput]) outputs: BootChainOutput[];
}

@ObjectType()
export class BootChainBuilder {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field({ description: 'local, ssh-ng, hydra, binary-cache or external (submits attestations itself)' }) kind: string;
  @Field(() => String, { nullable: true }) operator: string | null;
  @Field(() => GraphQLJSON) host: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'The Nix version given at registration.' }) nixVersion: string | null;
  @Field(() => String, { nullable: true, description: 'The Nix version last detected on the builder (local: nix --version; ssh-ng: the remote store).' }) detectedNixVersion: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) nixVersionDetectedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the last detection of the Nix version failed (null when it worked).' }) nixVersionError: string | null;
  @Field(() => String, { nullable: true, description: 'Nix signing key, name:base64.' }) publicKey: string | null;
  @Field(() => String, { nullable: true }) storeUri: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => Int) maxConcurrent: number;
  @Field(() => Int) timeoutSeconds: number;
  @Field(() => [String]) systems: string[];
  @Field() enabled: boolean;
  @Field({ description: 'Has a submission token (POST /attestation/{drv}).' }) hasToken: boolean;
}

@ObjectType()
export class RegisteredBootChainBuilder {
  @Field(() => BootChainBuilder) builder: BootChainBuilder;
  @Field(() => String, { nullable: true, description: 'The submission token, shown only now: nixsec keeps a hash of it.' }) token: string | null;
}

@ObjectType()
export class BootChainBuild {
  @Field(() => ID) id: string;
  @Field() builderName: string;
  @Field() drvPath: string;
  @Field() name: string;
  @Field({
    description: 'waiting, queued, running, succeeded, check_mismatch (a completed --check rebuild that differs from the first build), failed, timed_out, cancelled or reused (already attested by this builder)',
  })
  status: string;
  @Field(() => Int) attempts: number;
  @Field({ description: 'The last run rebuilt an output already in the builder\'s store (nix-store --check).' }) checked: boolean;
  @Field(() => String, { nullable: true, description: 'What went wrong, or for check_mismatch what differed.' }) error: string | null;
  @Field(() => String, { nullable: true, description: 'The last lines of the build log.' }) logTail: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) startedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;
}

@ObjectType()
export class BootChainStage {
  @Field() stage: string;
  @Field(() => Int) derivations: number;
  @Field(() => Int) outputs: number;
  @Field(() => Int, { description: 'Outputs reproduced by at least the required number of builders.' }) reproducedOutputs: number;
  @Field(() => GraphQLJSON, { description: 'Outputs per verdict kind.' }) verdicts: Record<string, number>;
  @Field() worst: string;
}

@ObjectType()
export class BootChainWeakestLink {
  @Field() drvPath: string;
  @Field() name: string;
  @Field() output: string;
  @Field() stage: string;
  @Field() verdict: string;
  @Field(() => Int) agreeing: number;
  @Field(() => Int) builders: number;
}

@ObjectType({ description: 'Does the chain trace back to the seed, and was every stage reproduced by enough independent builders?' })
export class BootChainTrustReport {
  @Field() revision: string;
  @Field() system: string;
  @Field() attr: string;
  @Field(() => Int) minBuilders: number;
  @Field() seedAnchored: boolean;
  @Field(() => [String]) seedProblems: string[];
  @Field(() => [String], { description: 'Prebuilt binaries in the closure.' }) prebuilt: string[];
  @Field(() => Int) outputs: number;
  @Field(() => Int) reproducedOutputs: number;
  @Field() allReproduced: boolean;
  @Field(() => [BootChainStage]) stages: BootChainStage[];
  @Field(() => BootChainWeakestLink, { nullable: true }) weakestLink: BootChainWeakestLink | null;
  @Field() statement: string;
}

@ObjectType()
export class BootChainDispatch {
  @Field(() => Int, { description: 'Builds planned (new or waiting again).' }) planned: number;
  @Field(() => Int, { description: 'Builds whose inputs were ready and that were queued now.' }) queued: number;
  @Field(() => Int, { description: 'Binary-cache imports queued.' }) imports: number;
}
