import { BootStage } from '../discovery/stage-rules';
import { OutputVerdict, VerdictKind } from './output-verdict';
import { ReportNode, trustReport } from './trust-report';

const verdict = (kind: VerdictKind, agreeing = kind === 'reproduced' ? 2 : 1): OutputVerdict => ({ kind, builders: Math.max(agreeing, 1), agreeing, distinctHashes: 1, ignored: 0, explanation: kind });
const node = (name: string, stage: BootStage, depth: number, kind: VerdictKind, extra: Partial<ReportNode> = {}): ReportNode => ({
  drvPath: `/nix/store/${'a'.repeat(32)}-${name}.drv`, name, stage, depth, prebuilt: false, fixedOutput: false,
  outputs: [{ name: 'out', path: `/nix/store/${'b'.repeat(32)}-${name}`, verdict: verdict(kind) }], ...extra,
});
const base = { revision: '0123456789abcdef0123', system: 'x86_64-linux', attr: 'minimal-bootstrap.tests.full', minBuilders: 2 };

describe('trust report', () => {
  it('all reproduced from a pinned seed: one sentence saying so', () => {
    const r = trustReport({ ...base, nodes: [node('hex0', 'seed', 0, 'reproduced', { fixedOutput: true }), node('mes-0.25', 'mes', 1, 'reproduced')] });
    expect(r).toMatchObject({ seedAnchored: true, allReproduced: true, outputs: 2, reproducedOutputs: 2, weakestLink: null });
    expect(r.statement).toBe('The x86_64-linux minimal-bootstrap.tests.full of Nixpkgs 0123456789ab traces back to the seed, and every one of its 2 outputs was reproduced bit for bit by at least 2 independent builders.');
  });

  it('the weakest link is the worst verdict, and among equals the one closest to the seed', () => {
    const r = trustReport({
      ...base,
      nodes: [
        node('hex0', 'seed', 0, 'reproduced', { fixedOutput: true }),
        node('gcc-4.6.4', 'gcc', 9, 'nondeterministic'),
        node('tinycc-mes', 'tinycc', 4, 'nondeterministic'),
        node('musl', 'musl', 6, 'single'),
      ],
    });
    expect(r.weakestLink).toMatchObject({ name: 'tinycc-mes', verdict: 'nondeterministic', stage: 'tinycc' });
    expect(r.stages.map((s) => [s.stage, s.worst])).toEqual([['seed', 'reproduced'], ['tinycc', 'nondeterministic'], ['musl', 'single'], ['gcc', 'nondeterministic']]);
  });

  it('reproduced by fewer builders than required does not count as reproduced', () => {
    const r = trustReport({ ...base, minBuilders: 3, nodes: [node('hex0', 'seed', 0, 'reproduced', { fixedOutput: true })] });
    expect(r).toMatchObject({ allReproduced: false, reproducedOutputs: 0 });
    expect(r.statement).toContain('reproduced by too few builders');
  });

  it.each([
    ['no seed at all', [node('mes', 'mes', 0, 'reproduced')], /no seed derivation/],
    ['a seed without a pinned hash', [node('hex0', 'seed', 0, 'reproduced')], /hex0 has no pinned hash/],
    ['a seed that did not match its pinned hash', [node('hex0', 'seed', 0, 'fod_mismatch', { fixedOutput: true })], /hex0 did not match its pinned hash: the seed cannot be trusted/],
    ['a seed never built', [node('hex0', 'seed', 0, 'unbuilt', { fixedOutput: true })], /hex0 has not been built yet/],
    ['prebuilt bootstrap tools in the closure', [node('hex0', 'seed', 0, 'reproduced', { fixedOutput: true }), node('bootstrap-tools', 'other', 0, 'reproduced', { prebuilt: true })], /prebuilt binaries are in the closure: bootstrap-tools/],
  ])('not anchored in the seed: %s', (_what, nodes, problem) => {
    const r = trustReport({ ...base, nodes });
    expect(r.seedAnchored).toBe(false);
    expect(r.seedProblems.join('; ')).toMatch(problem);
    expect(r.statement).toMatch(/is NOT anchored in the seed/);
  });
});
