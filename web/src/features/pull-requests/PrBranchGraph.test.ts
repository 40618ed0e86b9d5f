import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import PrBranchGraph from './PrBranchGraph.vue';
import { layoutBranchGraph, type GraphBranch } from './branch-graph-layout';

// staging → staging-next → master → nixos-unstable-small → nixos-unstable; master → nixpkgs-unstable.
const BRANCHES: GraphBranch[] = [
  { branch: 'staging', next: ['staging-next'], reached: true, firstSeen: '2024-10-01T08:30:00Z' },
  { branch: 'staging-next', next: ['master'], reached: true, firstSeen: null },
  { branch: 'master', next: ['nixos-unstable-small', 'nixpkgs-unstable'], reached: false },
  { branch: 'nixos-unstable-small', next: ['nixos-unstable'], reached: false },
  { branch: 'nixpkgs-unstable', next: [], reached: false },
  { branch: 'nixos-unstable', next: [], reached: false },
];

describe('layoutBranchGraph', () => {
  it('places each branch one column right of the furthest branch flowing into it', () => {
    const { placed, columns, rows } = layoutBranchGraph(BRANCHES);
    const at = Object.fromEntries(placed.map((p) => [p.node.branch, [p.column, p.row]]));
    expect(at).toEqual({
      staging: [0, 0],
      'staging-next': [1, 0],
      master: [2, 0],
      'nixos-unstable-small': [3, 0],
      'nixpkgs-unstable': [3, 1],
      'nixos-unstable': [4, 0],
    });
    expect(columns).toBe(5);
    expect(rows).toBe(2);
  });

  it('uses the longest path when a branch is reached two ways', () => {
    const { placed } = layoutBranchGraph([
      { branch: 'a', next: ['b', 'c'], reached: false },
      { branch: 'b', next: ['c'], reached: false },
      { branch: 'c', next: [], reached: false },
    ]);
    expect(placed.find((p) => p.node.branch === 'c')!.column).toBe(2);
  });

  it('keeps a branch nothing flows into in column 0 under the base, and ignores unknown next branches', () => {
    const { placed, edges } = layoutBranchGraph([
      { branch: 'master', next: ['gone'], reached: true },
      { branch: 'release-24.05', next: [], reached: true },
    ]);
    expect(placed.map((p) => [p.node.branch, p.column, p.row])).toEqual([
      ['master', 0, 0],
      ['release-24.05', 0, 1],
    ]);
    expect(edges).toEqual([]);
  });
});

describe('PrBranchGraph', () => {
  it('lists every branch with whether and when the pull request reached it', () => {
    const wrapper = mount(PrBranchGraph, { props: { branches: BRANCHES } });
    const list = wrapper.find('svg[role="list"]');
    expect(list.attributes('aria-label')).toBe('Branches the pull request flows along');
    const items = list.findAll('[role="listitem"]');
    expect(items.map((item) => item.attributes('aria-label'))).toEqual([
      'staging: reached, first seen 2024-10-01 08:30 UTC',
      'staging-next: reached',
      'master: not reached yet',
      'nixos-unstable-small: not reached yet',
      'nixpkgs-unstable: not reached yet',
      'nixos-unstable: not reached yet',
    ]);
    const shown = items.map((item) => item.findAll('text').map((t) => t.text()));
    expect(shown[0]).toEqual(['staging', '✓ 2024-10-01 08:30 UTC']);
    expect(shown[1]).toEqual(['staging-next', '✓ reached']);
    expect(shown[2]).toEqual(['master', 'not yet']);
  });

  it('draws one arrow per flow, highlighting those into reached branches', () => {
    const wrapper = mount(PrBranchGraph, { props: { branches: BRANCHES } });
    const edges = wrapper.findAll('path.branch-graph__edge');
    expect(edges).toHaveLength(5);
    // Only staging → staging-next ends at a reached branch.
    expect(wrapper.findAll('path.branch-graph__edge--reached')).toHaveLength(1);
    expect(wrapper.findAll('.branch-graph__node--reached')).toHaveLength(2);
  });
});
