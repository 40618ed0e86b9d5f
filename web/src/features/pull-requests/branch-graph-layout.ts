/** Places the branches a pull request flows along in columns (steps from its base) and rows, for PrBranchGraph. */
export interface GraphBranch {
  branch: string;
  next: readonly string[];
  reached: boolean;
  firstSeen?: string | null;
}

export interface PlacedBranch<T extends GraphBranch> {
  node: T;
  column: number;
  row: number;
}

/**
 * The first branch is the base (column 0); a branch sits one column right of the furthest branch
 * flowing into it. Branches no other one flows into (other than the base: a branch the PR reached
 * outside its graph) stay in column 0, below the base. Rows follow the server's order.
 */
export function layoutBranchGraph<T extends GraphBranch>(nodes: readonly T[]): { placed: PlacedBranch<T>[]; edges: Array<[from: PlacedBranch<T>, to: PlacedBranch<T>]>; columns: number; rows: number } {
  const column = new Map<string, number>(nodes.map((n) => [n.branch, 0]));
  // Longest path from the base; the graph is acyclic, so |nodes| passes settle it.
  for (let pass = 0; pass < nodes.length; pass++) {
    for (const n of nodes) for (const next of n.next) if (column.has(next)) column.set(next, Math.max(column.get(next)!, column.get(n.branch)! + 1));
  }
  const rowsUsed = new Map<number, number>();
  const placed = nodes.map((node) => {
    const c = column.get(node.branch)!;
    const row = rowsUsed.get(c) ?? 0;
    rowsUsed.set(c, row + 1);
    return { node, column: c, row };
  });
  const byBranch = new Map(placed.map((p) => [p.node.branch, p]));
  const edges = placed.flatMap((from) => from.node.next.flatMap((b) => (byBranch.has(b) ? [[from, byBranch.get(b)!] as [PlacedBranch<T>, PlacedBranch<T>]] : [])));
  return { placed, edges, columns: Math.max(1, ...placed.map((p) => p.column + 1)), rows: Math.max(1, ...rowsUsed.values()) };
}
