import { Pool } from 'pg';
import { BootChainError } from '../boot-chain.error';
import { AttestationStore } from '../store/attestation.store';
import { BuildStore } from '../store/build.store';
import { ChainStore, TargetNodeRow, TargetRow } from '../store/chain.store';
import { chainVerdicts, NodeOutputVerdict } from './chain-verdicts';
import { TrustReport, trustReport } from './trust-report';

export interface ChainNode extends TargetNodeRow {
  outputVerdicts: NodeOutputVerdict[];
}

/** Reads a target's nodes with their verdicts and builds its trust report (GraphQL, REST, CLI). */
export class ChainReports {
  private readonly chains: ChainStore;
  private readonly attestations: AttestationStore;
  private readonly builds: BuildStore;

  constructor(
    pool: Pool,
    private readonly minBuilders: number,
  ) {
    this.chains = new ChainStore(pool);
    this.attestations = new AttestationStore(pool);
    this.builds = new BuildStore(pool);
  }

  async nodes(targetId: number): Promise<ChainNode[]> {
    const nodes = await this.chains.nodes(targetId);
    const paths = nodes.flatMap((n) => n.outputs.map((o) => o.path));
    const [attestations, mismatches] = await Promise.all([
      this.attestations.forOutputPaths(paths),
      this.builds.fodMismatches(nodes.filter((n) => n.fixedOutput).map((n) => n.drvPath)),
    ]);
    const verdicts = chainVerdicts(nodes, attestations, mismatches);
    return nodes.map((n) => ({ ...n, outputVerdicts: verdicts.get(n.drvPath) ?? [] }));
  }

  async report(targetId: number): Promise<TrustReport> {
    const target = await this.chains.target(targetId);
    if (!target) throw new BootChainError('NOT_FOUND', `there is no boot-chain target ${targetId}: list them with bootChainTargets`);
    return this.reportOf(target, await this.nodes(targetId));
  }

  /** The report from nodes already loaded (a GraphQL answer asking for both the chain and its report). */
  reportOf(target: Pick<TargetRow, 'revision' | 'system' | 'attr'>, nodes: ChainNode[]): TrustReport {
    return trustReport({
      revision: target.revision,
      system: target.system,
      attr: target.attr,
      minBuilders: this.minBuilders,
      nodes: nodes.map((n) => ({
        drvPath: n.drvPath,
        name: n.name,
        stage: n.stage,
        prebuilt: n.prebuilt,
        depth: n.depth,
        fixedOutput: n.fixedOutput,
        outputs: n.outputVerdicts.map((o) => ({ name: o.name, path: o.path, verdict: o.verdict })),
      })),
    });
  }

  async reportFor(revision: string, system: string, attr: string): Promise<TrustReport> {
    const target = await this.chains.findTarget(revision, system, attr);
    if (!target) throw new BootChainError('NOT_FOUND', `no boot chain was discovered for ${attr} on ${system} at ${revision}: run discoverBootChain first`);
    return this.report(target.id);
  }
}
