import { parseBranchGraph } from '../branch-graph/branch-graph';
import { channelFixStatus } from './channel-fix-status';

describe('channel fix status', () => {
  const graph = parseBranchGraph();
  const at = (day: number) => new Date(Date.UTC(2024, 10, day));

  it('is fixed where a linked PR landed, pending where one flows towards, else not fixed', () => {
    const landings = [
      { pr: 201, branch: 'master', firstSeen: at(1) },
      { pr: 201, branch: 'nixos-unstable-small', firstSeen: at(2) },
      { pr: 203, branch: 'staging-24.11', firstSeen: at(3) },
    ];
    expect(channelFixStatus(graph, ['nixos-unstable', 'nixpkgs-unstable', 'nixos-unstable-small', 'nixos-24.11', 'nixos-24.05'], landings)).toEqual([
      { channel: 'nixos-unstable', state: 'fix-pending', pr: 201, since: at(2), via: 'nixos-unstable-small', evidence: null, evaluationId: null, attr: null, version: null },
      { channel: 'nixpkgs-unstable', state: 'fix-pending', pr: 201, since: at(1), via: 'master', evidence: null, evaluationId: null, attr: null, version: null },
      { channel: 'nixos-unstable-small', state: 'fixed', pr: 201, since: at(2), via: null, evidence: 'pull-request', evaluationId: null, attr: null, version: null },
      { channel: 'nixos-24.11', state: 'fix-pending', pr: 203, since: at(3), via: 'staging-24.11', evidence: null, evaluationId: null, attr: null, version: null },
      { channel: 'nixos-24.05', state: 'not-fixed', pr: null, since: null, via: null, evidence: null, evaluationId: null, attr: null, version: null },
    ]);
  });

  it('names the earliest fix when several PRs reached a channel', () => {
    const landings = [
      { pr: 300, branch: 'nixos-24.11', firstSeen: at(9) },
      { pr: 301, branch: 'nixos-24.11', firstSeen: at(4) },
    ];
    expect(channelFixStatus(graph, ['nixos-24.11'], landings)).toEqual([{ channel: 'nixos-24.11', state: 'fixed', pr: 301, since: at(4), via: null, evidence: 'pull-request', evaluationId: null, attr: null, version: null }]);
  });

  it('is fixed by evaluation where the channel ships a version outside the affected range and no PR has landed; a landed PR is named first', () => {
    const evaluations = new Map([
      ['nixos-24.05', { evaluationId: 12, finishedAt: at(5), attr: 'openssl', version: '3.0.16' }],
      ['nixos-24.11', { evaluationId: 13, finishedAt: at(6), attr: 'openssl', version: '3.0.16' }],
    ]);
    const landings = [{ pr: 310, branch: 'nixos-24.11', firstSeen: at(2) }];
    expect(channelFixStatus(graph, ['nixos-24.05', 'nixos-24.11', 'nixos-unstable'], landings, evaluations)).toEqual([
      { channel: 'nixos-24.05', state: 'fixed', pr: null, since: at(5), via: null, evidence: 'evaluation', evaluationId: 12, attr: 'openssl', version: '3.0.16' },
      { channel: 'nixos-24.11', state: 'fixed', pr: 310, since: at(2), via: null, evidence: 'pull-request', evaluationId: null, attr: null, version: null },
      { channel: 'nixos-unstable', state: 'not-fixed', pr: null, since: null, via: null, evidence: null, evaluationId: null, attr: null, version: null },
    ]);
  });
});
