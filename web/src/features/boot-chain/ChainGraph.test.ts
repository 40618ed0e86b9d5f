import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { BootChainNodeFieldsFragment } from '../../gql/graphql';
import ChainGraph from './ChainGraph.vue';
import { HEADER_HEIGHT, layoutChain, NODE_WIDTH } from './chain-graph-layout';

type Verdict = 'reproduced' | 'single' | 'partially_reproduced' | 'nondeterministic' | 'fod_mismatch';

function node(name: string, depth: number, stage: string, inputs: string[] = [], verdicts: Verdict[] = ['reproduced']): BootChainNodeFieldsFragment {
  return {
    drvPath: `/nix/store/${name}-hash.drv`,
    name,
    pname: name,
    version: null,
    stage,
    depth,
    fixedOutput: false,
    prebuilt: false,
    inputDrvs: inputs.map((input) => `/nix/store/${input}-hash.drv`),
    outputs: verdicts.map((kind, index) => ({
      name: index === 0 ? 'out' : `out${index}`,
      path: `/nix/store/${name}-out${index}`,
      expectedHash: null,
      verdict: { kind, builders: 2, agreeing: 2, distinctHashes: 1, ignored: 0, explanation: kind },
      attestations: [],
    })),
  };
}

// Given out of order on purpose: the layout sorts by depth, then by stage, then by name.
const CHAIN = [
  node('gcc', 2, 'gcc', ['mes', 'tinycc'], ['reproduced', 'nondeterministic']),
  node('tinycc', 1, 'tinycc', ['seed'], ['single']),
  node('mes', 1, 'mes', ['seed'], []),
  node('seed', 0, 'seed', [], ['fod_mismatch']),
];

const drv = (name: string) => `/nix/store/${name}-hash.drv`;

describe('layoutChain', () => {
  it('puts one column per depth, seeds first, and orders a column by stage', () => {
    const layout = layoutChain(CHAIN);
    expect(layout.columns.map((c) => c.depth)).toEqual([0, 1, 2]);
    expect(layout.nodes.map((p) => p.node.name)).toEqual(['seed', 'mes', 'tinycc', 'gcc']);
    const byName = new Map(layout.nodes.map((p) => [p.node.name, p]));
    expect(byName.get('seed')!.x).toBe(0);
    expect(byName.get('mes')!.x).toBe(byName.get('tinycc')!.x);
    expect(byName.get('mes')!.x).toBeGreaterThanOrEqual(NODE_WIDTH);
    expect(byName.get('gcc')!.x).toBeGreaterThan(byName.get('mes')!.x);
    expect(byName.get('mes')!.y).toBe(HEADER_HEIGHT);
    expect(byName.get('tinycc')!.y).toBeGreaterThan(byName.get('mes')!.y);
  });

  it('draws an edge from each input to the derivation using it, skipping inputs outside the chain', () => {
    const layout = layoutChain([...CHAIN, node('extra', 3, 'other', ['gcc', 'not-in-chain'])]);
    const edges = layout.edges.map((e) => `${e.from} > ${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        `${drv('seed')} > ${drv('mes')}`,
        `${drv('seed')} > ${drv('tinycc')}`,
        `${drv('mes')} > ${drv('gcc')}`,
        `${drv('tinycc')} > ${drv('gcc')}`,
        `${drv('gcc')} > ${drv('extra')}`,
      ]),
    );
    expect(layout.edges).toHaveLength(5);
  });

  it('is at least one node big when the chain is empty', () => {
    const layout = layoutChain([]);
    expect(layout.nodes).toEqual([]);
    expect(layout.width).toBe(NODE_WIDTH);
    expect(layout.height).toBeGreaterThan(HEADER_HEIGHT);
  });
});

describe('ChainGraph', () => {
  const mountGraph = (selected: string | null = null) => mount(ChainGraph, { props: { chain: CHAIN, selected } });

  it('shows one button per derivation, seeds first, each with its worst verdict as label and symbol', () => {
    const wrapper = mountGraph();
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.find('.chain-node__name').text())).toEqual(['seed', 'mes', 'tinycc', 'gcc']);
    const verdictOf = (name: string) => buttons.find((b) => b.find('.chain-node__name').text() === name)!.find('.chain-node__verdict').text();
    expect(verdictOf('seed')).toBe('✗ Hash mismatch');
    expect(verdictOf('mes')).toBe('○ Unbuilt');
    expect(verdictOf('tinycc')).toBe('1 Single builder');
    // gcc has a reproduced and a nondeterministic output: the worse one wins.
    expect(verdictOf('gcc')).toBe('≠ Nondeterministic');
    // Screen readers hear the stage and depth too.
    expect(buttons[3]!.text()).toContain(', stage gcc, depth 2:');
  });

  it('counts each verdict in the legend', () => {
    const legend = mountGraph().find('[aria-label="Verdict legend"]');
    const items = legend.findAll('li').map((li) => li.text());
    expect(items).toContain('✗Hash mismatch (1): a fixed-output derivation did not produce its pinned hash');
    expect(items.find((t) => t.includes('Reproduced ('))).toContain('Reproduced (0)');
    expect(items.find((t) => t.includes('Nondeterministic ('))).toContain('Nondeterministic (1)');
    expect(items.find((t) => t.includes('Unbuilt ('))).toContain('Unbuilt (1)');
  });

  it('labels the depth columns and draws the edges', () => {
    const wrapper = mountGraph();
    expect(wrapper.findAll('.chain-graph__column-heading').map((h) => h.text())).toEqual(['Depth 0 · seeds', 'Depth 1', 'Depth 2']);
    expect(wrapper.findAll('path.chain-edge')).toHaveLength(4);
  });

  it('emits the derivation chosen and marks the selected one as pressed, its edges active', async () => {
    const wrapper = mountGraph();
    const tinycc = wrapper.findAll('button').find((b) => b.text().startsWith('tinycc'))!;
    await tinycc.trigger('click');
    expect(wrapper.emitted('select')).toEqual([[drv('tinycc')]]);

    await wrapper.setProps({ selected: drv('tinycc') });
    const pressed = wrapper.findAll('button[aria-pressed="true"]');
    expect(pressed).toHaveLength(1);
    expect(pressed[0]!.find('.chain-node__name').text()).toBe('tinycc');
    // seed > tinycc and tinycc > gcc touch it.
    expect(wrapper.findAll('path.chain-edge--active')).toHaveLength(2);
  });
});
