import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { pgPool } from '../database/pg-pool';
import { AttestationService, hashToken } from './attestations/attestation.service';
import { parseNixPublicKey } from './attestations/nix-signature';
import { BootChainError } from './boot-chain.error';
import { DetectedNixVersion, detectNixVersion } from './builders/nix-version-detection';
import { ChainDiscovery, DiscoverRequest, DiscoveredChain } from './discovery/chain-discovery';
import { loadStageRules } from './discovery/stage-rules';
import { NixPrograms } from './nix/nix-programs';
import { AttestationStore } from './store/attestation.store';
import { applyRegistration, BuilderRegistration, BuilderRow, BuilderStore } from './store/builder.store';
import { BuildStore } from './store/build.store';
import { ChainStore, TargetRow } from './store/chain.store';
import { ChainNode, ChainReports } from './verdicts/chain-reports';
import { TrustReport } from './verdicts/trust-report';

/** The boot-chain module's entry point for resolvers, controllers, jobs and the CLI. */
@Injectable()
export class BootChainService {
  readonly chains: ChainStore;
  readonly builders: BuilderStore;
  readonly builds: BuildStore;
  readonly attestations: AttestationStore;
  readonly attestationService: AttestationService;
  readonly nix: NixPrograms;
  readonly reports: ChainReports;

  constructor(
    private readonly config: AppConfig,
    dataSource: DataSource,
  ) {
    const pool = pgPool(dataSource);
    this.chains = new ChainStore(pool);
    this.builders = new BuilderStore(pool);
    this.builds = new BuildStore(pool);
    this.attestations = new AttestationStore(pool);
    this.attestationService = new AttestationService(this.attestations, this.builders);
    this.nix = NixPrograms.fromConfig(config);
    this.reports = new ChainReports(pool, config.get('NIXSEC_BOOT_CHAIN_MIN_BUILDERS'));
  }

  get evalStore(): string | undefined {
    return this.config.get('NIXSEC_BOOT_CHAIN_EVAL_STORE');
  }

  get logDir(): string {
    return path.join(this.config.get('NIXSEC_DATA_DIR'), 'boot-chain', 'logs');
  }

  /** ssh-ng builders' host keys, accepted on first use. */
  get knownHostsFile(): string {
    return path.join(this.config.get('NIXSEC_DATA_DIR'), 'boot-chain', 'known_hosts');
  }

  /**
   * Asks the builder which Nix it runs and records the answer, or why there is none (never fatal:
   * the builder keeps its registered version). Builders that build nothing here are left as they are.
   */
  async detectNixVersion(builder: BuilderRow): Promise<BuilderRow> {
    fs.mkdirSync(path.dirname(this.knownHostsFile), { recursive: true });
    let detected: DetectedNixVersion | null;
    try {
      detected = await detectNixVersion(this.nix, builder, this.knownHostsFile);
    } catch (err) {
      detected = { error: (err as Error).message };
    }
    if (!detected) return builder;
    return (await this.builders.recordNixVersion(builder.id, detected)) ?? builder;
  }

  discover(request: DiscoverRequest): Promise<DiscoveredChain> {
    const rules = loadStageRules(this.config.get('NIXSEC_BOOT_CHAIN_STAGE_RULES_FILE'));
    return new ChainDiscovery(this.nix, this.chains, rules, this.evalStore).discover(request);
  }

  /**
   * Registers or updates a builder by name (fields left out keep their values, see
   * BuilderRegistration); an `external` builder gets a submission token, shown once.
   */
  async registerBuilder(registration: BuilderRegistration, newToken: boolean): Promise<{ builder: BuilderRow; token: string | null }> {
    const input = applyRegistration(await this.builders.byName(registration.name), registration);
    if (input.publicKey) {
      try {
        parseNixPublicKey(input.publicKey);
      } catch (err) {
        throw new BootChainError('BAD_REQUEST', (err as Error).message);
      }
    }
    if (input.kind === 'ssh-ng' && !input.storeUri?.startsWith('ssh-ng://')) {
      throw new BootChainError('BAD_REQUEST', `builder ${input.name}: an ssh-ng builder needs storeUri ssh-ng://user@host`);
    }
    if (input.kind === 'binary-cache' && !input.url) {
      throw new BootChainError('BAD_REQUEST', `builder ${input.name}: a binary-cache builder needs the url of the cache`);
    }
    if (input.kind === 'hydra' && (!input.url || !input.storeUri)) {
      throw new BootChainError('BAD_REQUEST', `builder ${input.name}: a hydra builder needs url (Hydra, e.g. https://hydra.nixos.org) and storeUri (its binary cache, e.g. https://cache.nixos.org)`);
    }
    if (input.sshKeyFile && !path.isAbsolute(input.sshKeyFile)) {
      throw new BootChainError('BAD_REQUEST', `builder ${input.name}: sshKeyFile must be an absolute path to a key file (keys are never stored in the database)`);
    }
    const token = newToken ? `nxb_${randomBytes(24).toString('base64url')}` : null;
    const { row } = await this.builders.upsert(input, token ? hashToken(token) : null);
    return { builder: row.enabled ? await this.detectNixVersion(row) : row, token };
  }

  async target(id: number): Promise<TargetRow> {
    const target = await this.chains.target(id);
    if (!target) throw new BootChainError('NOT_FOUND', `there is no boot-chain target ${id}: list them with bootChainTargets`);
    return target;
  }

  nodes(targetId: number): Promise<ChainNode[]> {
    return this.reports.nodes(targetId);
  }

  report(targetId: number): Promise<TrustReport> {
    return this.reports.report(targetId);
  }

  reportFor(revision: string, system: string, attr: string): Promise<TrustReport> {
    return this.reports.reportFor(revision, system, attr);
  }
}
