/**
 * Which Nixpkgs branches flow into which: a commit on `staging` reaches `staging-next`, then
 * `master`, then the channels. Written as chains (`a -> b -> c`) separated by `;`, `,` or new
 * lines; `YY.MM` stands for any release (24.11), so a new release needs no configuration change.
 */
export const DEFAULT_BRANCH_GRAPH = [
  'staging -> staging-next -> master -> nixos-unstable-small -> nixos-unstable',
  'master -> nixpkgs-unstable',
  'release-YY.MM -> nixos-YY.MM-small -> nixos-YY.MM',
  'release-YY.MM -> nixpkgs-YY.MM-darwin',
  'staging-YY.MM -> staging-next-YY.MM -> release-YY.MM',
].join('; ');

const RELEASE = 'YY.MM';
const NAME = /^[A-Za-z0-9._/-]+$/;

export interface BranchPattern {
  /** As written, e.g. `nixos-YY.MM-small`. */
  text: string;
  /** Whether the pattern stands for one branch per release. */
  perRelease: boolean;
  regex: RegExp;
}

export interface BranchGraph {
  patterns: BranchPattern[];
  /** Pattern texts: from → direct successors. */
  successors: Map<string, string[]>;
}

export class BranchGraphError extends Error {
  constructor(message: string) {
    super(`NIXSEC_BRANCH_GRAPH: ${message}`);
    this.name = 'BranchGraphError';
  }
}

export function parseBranchGraph(text: string = DEFAULT_BRANCH_GRAPH): BranchGraph {
  const patterns = new Map<string, BranchPattern>();
  const successors = new Map<string, string[]>();
  const chains = text.split(/[;,\n]/).map((c) => c.trim()).filter(Boolean);
  if (chains.length === 0) throw new BranchGraphError('is empty; write chains such as "staging -> master -> nixos-unstable"');
  for (const chain of chains) {
    const nodes = chain.split('->').map((n) => n.trim());
    for (const node of nodes) {
      if (!NAME.test(node)) throw new BranchGraphError(`"${node}" in "${chain}" is not a branch name (letters, digits, . _ / - and YY.MM for a release)`);
      if (!patterns.has(node)) patterns.set(node, toPattern(node));
      if (!successors.has(node)) successors.set(node, []);
    }
    for (let i = 0; i + 1 < nodes.length; i++) {
      const [from, to] = [patterns.get(nodes[i])!, patterns.get(nodes[i + 1])!];
      if (to.perRelease && !from.perRelease) throw new BranchGraphError(`"${from.text} -> ${to.text}": a branch without YY.MM cannot lead to one per release (which release?)`);
      if (from.text === to.text) throw new BranchGraphError(`"${from.text}" leads to itself`);
      const next = successors.get(from.text)!;
      if (!next.includes(to.text)) next.push(to.text);
    }
  }
  const graph = { patterns: [...patterns.values()], successors };
  const cycle = findCycle(graph);
  if (cycle) throw new BranchGraphError(`has a cycle: ${cycle.join(' -> ')}`);
  return graph;
}

/** The pattern a concrete branch name matches, and the release it stands for (null for unstable branches). */
export function matchBranch(graph: BranchGraph, branch: string): { pattern: BranchPattern; release: string | null } | null {
  for (const pattern of graph.patterns) {
    const match = pattern.regex.exec(branch);
    if (match) return { pattern, release: match[1] ?? null };
  }
  return null;
}

/**
 * The branches of `names` (e.g. the remote's heads) that the graph tracks, sorted; releases older
 * than `oldestRelease` (YY.MM) are left out so old, frozen release branches are never fetched.
 */
export function trackedBranches(graph: BranchGraph, names: Iterable<string>, options: { oldestRelease?: string } = {}): string[] {
  const tracked: string[] = [];
  for (const name of names) {
    const match = matchBranch(graph, name);
    if (!match) continue;
    if (match.release && options.oldestRelease && compareReleases(match.release, options.oldestRelease) < 0) continue;
    tracked.push(name);
  }
  return tracked.sort();
}

/** The concrete branches a commit on `branch` flows into next (`release-24.11` → `nixos-24.11-small`, `nixpkgs-24.11-darwin`). */
export function successorsOf(graph: BranchGraph, branch: string): string[] {
  const match = matchBranch(graph, branch);
  if (!match) return [];
  return (graph.successors.get(match.pattern.text) ?? []).map((next) => (match.release ? next.replace(RELEASE, match.release) : next));
}

/** Every branch a commit on `branch` eventually reaches, nearest first. */
export function downstreamOf(graph: BranchGraph, branch: string): string[] {
  const seen: string[] = [];
  const queue = successorsOf(graph, branch);
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.includes(next)) continue;
    seen.push(next);
    queue.push(...successorsOf(graph, next));
  }
  return seen;
}

/** Orders `YY.MM` releases numerically (`9.x` never appears, but 24.05 < 24.11 < 25.05). */
export function compareReleases(a: string, b: string): number {
  const [ay, am] = a.split('.').map(Number);
  const [by, bm] = b.split('.').map(Number);
  return ay - by || am - bm;
}

function toPattern(text: string): BranchPattern {
  const parts = text.split(RELEASE);
  if (parts.length > 2) throw new BranchGraphError(`"${text}" names YY.MM more than once`);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const regex = parts.length === 2 ? new RegExp(`^${escape(parts[0])}(\\d{2}\\.\\d{2})${escape(parts[1])}$`) : new RegExp(`^${escape(text)}$`);
  return { text, perRelease: parts.length === 2, regex };
}

function findCycle(graph: BranchGraph): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    for (const next of graph.successors.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.successors.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return null;
}
