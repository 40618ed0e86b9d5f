/** Places the chain's derivations in columns by depth (seeds left) and routes the input edges between them. */
import type { BootChainNodeFieldsFragment } from '../../gql/graphql';
import { stageRank } from './boot-chain-format';

export const NODE_WIDTH = 164;
export const NODE_HEIGHT = 68;
const COLUMN_GAP = 24;
const ROW_GAP = 14;
/** Room above the first row for the column headings. */
export const HEADER_HEIGHT = 30;

export interface PlacedNode {
  node: BootChainNodeFieldsFragment;
  x: number;
  y: number;
}

export interface Edge {
  /** drvPath of the input (left) and of the derivation using it (right). */
  from: string;
  to: string;
  path: string;
}

export interface ChainLayout {
  columns: { depth: number; x: number }[];
  /** In reading order: column by column, rows top to bottom; the keyboard follows it. */
  nodes: PlacedNode[];
  edges: Edge[];
  width: number;
  height: number;
}

export function layoutChain(chain: readonly BootChainNodeFieldsFragment[]): ChainLayout {
  const byDepth = new Map<number, BootChainNodeFieldsFragment[]>();
  for (const node of chain) {
    const column = byDepth.get(node.depth) ?? [];
    column.push(node);
    byDepth.set(node.depth, column);
  }
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  const nodes: PlacedNode[] = [];
  const columns: ChainLayout['columns'] = [];
  const position = new Map<string, PlacedNode>();
  let rows = 0;
  depths.forEach((depth, index) => {
    const x = index * (NODE_WIDTH + COLUMN_GAP);
    columns.push({ depth, x });
    // Grouped by stage within a column, so a stage's derivations sit together.
    const column = byDepth.get(depth)!.sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || a.name.localeCompare(b.name));
    column.forEach((node, row) => {
      const placed = { node, x, y: HEADER_HEIGHT + row * (NODE_HEIGHT + ROW_GAP) };
      nodes.push(placed);
      position.set(node.drvPath, placed);
    });
    rows = Math.max(rows, column.length);
  });
  const edges: Edge[] = [];
  for (const target of nodes) {
    for (const input of target.node.inputDrvs) {
      const source = position.get(input);
      if (!source) continue;
      const x1 = source.x + NODE_WIDTH;
      const y1 = source.y + NODE_HEIGHT / 2;
      const x2 = target.x;
      const y2 = target.y + NODE_HEIGHT / 2;
      const bend = Math.max(24, (x2 - x1) / 2);
      edges.push({ from: input, to: target.node.drvPath, path: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}` });
    }
  }
  return {
    columns,
    nodes,
    edges,
    width: Math.max(NODE_WIDTH, depths.length * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP),
    height: HEADER_HEIGHT + Math.max(1, rows) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
  };
}
