import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDrvName } from '../../ingestion/nixpkgs/normalize/parse-drv-name';
import { BootChainError } from '../boot-chain.error';
import { ParsedDerivation, parseDerivationShow } from '../nix-json/derivation-show.parser';
import { runNixOrThrow } from '../nix/nix-command';
import { NixPrograms } from '../nix/nix-programs';
import { ChainNodeRecord, ChainStore } from '../store/chain.store';
import { chainDepths } from './chain-depths';
import { CompiledStageRules } from './stage-rules';

export interface DiscoverRequest {
  /** A Nixpkgs checkout (or any Nix file/directory taking `{ system }`). */
  nixpkgs: string;
  /** Defaults to the checkout's git HEAD. */
  revision?: string;
  system: string;
  attr: string;
}

export interface DiscoveredChain {
  targetId: number;
  revision: string;
  rootDrvPath: string;
  derivations: number;
  fixedOutputs: number;
  stages: Record<string, number>;
}

/** Instantiates the target, reads its whole derivation graph and stores it with stages and depths. */
export class ChainDiscovery {
  constructor(
    private readonly nix: NixPrograms,
    private readonly store: ChainStore,
    private readonly rules: CompiledStageRules,
    private readonly evalStore: string | undefined,
  ) {}

  async discover(request: DiscoverRequest): Promise<DiscoveredChain> {
    const revision = request.revision ?? (await gitHead(request.nixpkgs));
    const storeArgs = this.evalStore ? ['--store', this.evalStore] : [];
    const instantiated = await runNixOrThrow(this.nix.instantiate, [...storeArgs, request.nixpkgs, '-A', request.attr, '--argstr', 'system', request.system]);
    const rootDrvPath = instantiated.trim().split('\n').pop() ?? '';
    if (!rootDrvPath.endsWith('.drv')) throw new BootChainError('DISCOVERY_FAILED', `nix-instantiate ${request.attr} printed no derivation path: ${instantiated.slice(0, 200)}`);
    const derivations = parseDerivationShow(await this.nix.showDerivationRecursive(rootDrvPath, storeArgs));
    const nodes = chainNodes(derivations, this.rules);
    const targetId = await this.store.saveTarget({ revision, system: request.system, attr: request.attr, rootDrvPath }, nodes);
    const stages: Record<string, number> = {};
    for (const node of nodes) stages[node.stage] = (stages[node.stage] ?? 0) + 1;
    return { targetId, revision, rootDrvPath, derivations: nodes.length, fixedOutputs: nodes.filter((n) => n.fixedOutput).length, stages };
  }
}

/** Derivations as stored nodes: stage from the rules, pname/version from env or the name, depth. */
export function chainNodes(derivations: ParsedDerivation[], rules: CompiledStageRules): ChainNodeRecord[] {
  const depths = chainDepths(derivations);
  return derivations.map((d) => {
    const { stage, prebuilt } = rules.classify(d.name);
    const parsedName = parseDrvName(d.name);
    return {
      drvPath: d.drvPath,
      name: d.name,
      pname: d.env.pname || parsedName.name,
      version: d.env.version || parsedName.version || null,
      system: d.system,
      builder: d.builder,
      stage,
      prebuilt,
      fixedOutput: d.fixedOutput,
      depth: depths.get(d.drvPath)!,
      outputs: d.outputs.map((o) => ({ name: o.name, path: o.path ?? '', expectedHash: o.expectedHash ?? null, expectedHashMode: o.hashMode ?? null })),
      inputDrvs: d.inputDrvs.map((i) => i.drvPath),
    };
  });
}

async function gitHead(dir: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('git', ['-C', dir, 'rev-parse', 'HEAD']);
    return stdout.trim();
  } catch {
    throw new BootChainError('BAD_REQUEST', `${dir} is not a git checkout, so its revision is unknown: give the revision explicitly`);
  }
}
