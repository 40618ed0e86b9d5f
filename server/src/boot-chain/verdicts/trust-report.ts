import { BOOT_STAGES, BootStage } from '../discovery/stage-rules';
import { OutputVerdict, VERDICT_SEVERITY, VerdictKind } from './output-verdict';

export interface ReportNode {
  drvPath: string;
  name: string;
  stage: BootStage;
  prebuilt: boolean;
  depth: number;
  fixedOutput: boolean;
  outputs: { name: string; path: string; verdict: OutputVerdict }[];
}

export interface StageRollup {
  stage: BootStage;
  derivations: number;
  outputs: number;
  reproducedOutputs: number;
  verdicts: Partial<Record<VerdictKind, number>>;
  worst: VerdictKind;
}

export interface WeakestLink {
  drvPath: string;
  name: string;
  output: string;
  stage: BootStage;
  verdict: VerdictKind;
  agreeing: number;
  builders: number;
}

export interface TrustReport {
  revision: string;
  system: string;
  attr: string;
  minBuilders: number;
  seedAnchored: boolean;
  seedProblems: string[];
  prebuilt: string[];
  outputs: number;
  reproducedOutputs: number;
  allReproduced: boolean;
  stages: StageRollup[];
  weakestLink: WeakestLink | null;
  statement: string;
}

export interface ReportInput {
  revision: string;
  system: string;
  attr: string;
  minBuilders: number;
  nodes: ReportNode[];
}

/** Reproduced by at least `minBuilders` distinct builders who all agree (a lone dissenter fails it). */
function meetsThreshold(v: OutputVerdict, minBuilders: number): boolean {
  return v.kind === 'reproduced' && v.agreeing >= minBuilders;
}

export function trustReport(input: ReportInput): TrustReport {
  const { nodes, minBuilders } = input;
  const seeds = nodes.filter((n) => n.stage === 'seed');
  const prebuilt = nodes.filter((n) => n.prebuilt).map((n) => n.name).sort();
  const seedProblems = seedChecks(seeds);
  if (prebuilt.length) seedProblems.push(`prebuilt binaries are in the closure: ${prebuilt.join(', ')}`);
  const all = nodes.flatMap((n) => n.outputs.map((o) => ({ node: n, output: o })));
  const reproducedOutputs = all.filter((x) => meetsThreshold(x.output.verdict, minBuilders)).length;
  const stages = BOOT_STAGES.map((stage) => rollup(stage, nodes.filter((n) => n.stage === stage), minBuilders)).filter((s): s is StageRollup => s !== null);
  const weakest = all
    .filter((x) => !meetsThreshold(x.output.verdict, minBuilders))
    .sort((a, b) => VERDICT_SEVERITY[b.output.verdict.kind] - VERDICT_SEVERITY[a.output.verdict.kind] || a.node.depth - b.node.depth || a.node.name.localeCompare(b.node.name))[0];
  const report: Omit<TrustReport, 'statement'> = {
    revision: input.revision,
    system: input.system,
    attr: input.attr,
    minBuilders,
    seedAnchored: seedProblems.length === 0,
    seedProblems,
    prebuilt,
    outputs: all.length,
    reproducedOutputs,
    allReproduced: all.length > 0 && reproducedOutputs === all.length,
    stages,
    weakestLink: weakest
      ? {
          drvPath: weakest.node.drvPath,
          name: weakest.node.name,
          output: weakest.output.name,
          stage: weakest.node.stage,
          verdict: weakest.output.verdict.kind,
          agreeing: weakest.output.verdict.agreeing,
          builders: weakest.output.verdict.builders,
        }
      : null,
  };
  return { ...report, statement: statement(report) };
}

function seedChecks(seeds: ReportNode[]): string[] {
  if (!seeds.length) return ['no seed derivation (stage "seed") is in the chain'];
  const problems: string[] = [];
  for (const seed of seeds) {
    if (!seed.fixedOutput) problems.push(`${seed.name} has no pinned hash (it is not a fixed-output derivation)`);
    for (const output of seed.outputs) {
      if (output.verdict.kind === 'fod_mismatch') problems.push(`${seed.name} did not match its pinned hash: the seed cannot be trusted`);
      else if (output.verdict.kind === 'unbuilt') problems.push(`${seed.name} has not been built yet, so its pinned hash is unchecked`);
    }
  }
  return problems;
}

function rollup(stage: BootStage, nodes: ReportNode[], minBuilders: number): StageRollup | null {
  if (!nodes.length) return null;
  const verdicts: Partial<Record<VerdictKind, number>> = {};
  let worst: VerdictKind = 'reproduced';
  let outputs = 0;
  let reproducedOutputs = 0;
  for (const output of nodes.flatMap((n) => n.outputs)) {
    const kind = output.verdict.kind;
    verdicts[kind] = (verdicts[kind] ?? 0) + 1;
    if (VERDICT_SEVERITY[kind] > VERDICT_SEVERITY[worst]) worst = kind;
    outputs++;
    if (meetsThreshold(output.verdict, minBuilders)) reproducedOutputs++;
  }
  return { stage, derivations: nodes.length, outputs, reproducedOutputs, verdicts, worst };
}

const VERDICT_WORDS: Record<VerdictKind, string> = {
  unbuilt: 'not built yet',
  single: 'built by one builder only',
  reproduced: 'reproduced by too few builders',
  partially_reproduced: 'partially reproduced: builders disagree',
  nondeterministic: 'nondeterministic: no two builders agree, or one builder got two different results',
  fod_mismatch: 'a fixed-output hash mismatch',
};

function statement(r: Omit<TrustReport, 'statement'>): string {
  const subject = `The ${r.system} ${r.attr} of Nixpkgs ${r.revision.slice(0, 12)}`;
  const builders = `${r.minBuilders} independent builder${r.minBuilders === 1 ? '' : 's'}`;
  const weakest = r.weakestLink ? `; the weakest link is ${r.weakestLink.name} (${VERDICT_WORDS[r.weakestLink.verdict]})` : '';
  if (!r.seedAnchored) return `${subject} is NOT anchored in the seed: ${r.seedProblems.join('; ')}${weakest}.`;
  if (r.allReproduced) return `${subject} traces back to the seed, and every one of its ${r.outputs} outputs was reproduced bit for bit by at least ${builders}.`;
  return `${subject} traces back to the seed, but only ${r.reproducedOutputs} of its ${r.outputs} outputs were reproduced bit for bit by at least ${builders}${weakest}.`;
}
