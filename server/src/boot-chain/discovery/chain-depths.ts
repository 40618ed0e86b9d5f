export interface GraphNode {
  drvPath: string;
  inputDrvs: { drvPath: string }[];
}

/**
 * Depth of each derivation: the longest chain of inputs below it (seeds are 0). Building depth by
 * depth is a valid dependency order, and depth says how close to the seed a node sits.
 */
export function chainDepths(nodes: GraphNode[]): Map<string, number> {
  const byPath = new Map(nodes.map((n) => [n.drvPath, n]));
  const depths = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (path: string): number => {
    const known = depths.get(path);
    if (known !== undefined) return known;
    const node = byPath.get(path);
    if (!node) throw new Error(`the derivation graph refers to ${path}, which nix did not show`);
    if (visiting.has(path)) throw new Error(`the derivation graph has a cycle through ${path}`);
    visiting.add(path);
    // Iterative deepening would avoid recursion, but bootstrap chains are a few hundred levels at most.
    const depth = node.inputDrvs.length ? 1 + Math.max(...node.inputDrvs.map((i) => depthOf(i.drvPath))) : 0;
    visiting.delete(path);
    depths.set(path, depth);
    return depth;
  };
  for (const node of nodes) depthOf(node.drvPath);
  return depths;
}
