import { AttestationEvidence, outputVerdict } from './output-verdict';

const plain = { fixedOutput: false, expectedNarHash: null, fodMismatchReported: false };
const a = (builderId: number, narHash: string, signatureStatus = 'own_build'): AttestationEvidence => ({ builderId, narHash, signatureStatus });

describe('output verdicts by distinct builders', () => {
  it.each([
    ['no attestation', [], 'unbuilt'],
    ['one builder', [a(1, 'h1')], 'single'],
    ['two builders agree', [a(1, 'h1'), a(2, 'h1')], 'reproduced'],
    ['two agree, a third differs', [a(1, 'h1'), a(2, 'h1'), a(3, 'h2')], 'partially_reproduced'],
    ['no two agree', [a(1, 'h1'), a(2, 'h2'), a(3, 'h3')], 'nondeterministic'],
    ['a valid third-party signature counts', [a(1, 'h1'), a(2, 'h1', 'valid')], 'reproduced'],
    ['invalid, unknown-key, unverifiable and missing signatures do not', [a(1, 'h1'), a(2, 'h1', 'invalid'), a(3, 'h1', 'unknown_key'), a(4, 'h1', 'unverifiable'), a(5, 'h1', 'missing')], 'single'],
  ])('%s → %s', (_what, attestations, kind) => {
    expect(outputVerdict(plain, attestations).kind).toBe(kind);
  });

  it('counts builders, not submissions', () => {
    expect(outputVerdict(plain, [a(1, 'h1'), a(1, 'h1')])).toMatchObject({ kind: 'single', builders: 1, agreeing: 1 });
  });

  it('reports how many claims were left out and how many builders agree', () => {
    expect(outputVerdict(plain, [a(1, 'h1'), a(2, 'h1'), a(3, 'h2'), a(4, 'h2', 'invalid')])).toEqual({
      kind: 'partially_reproduced', builders: 3, agreeing: 2, distinctHashes: 2, ignored: 1, explanation: '2 of 3 builders agree; the others got 1 other result.',
    });
  });

  it('one builder whose --check rebuild differed is nondeterministic on its own, and the explanation says so', () => {
    const differed = { ...a(1, 'sha256-first'), builderName: 'builder-c', rebuildDiffers: true, rebuildNarHash: 'sha256-second' };
    expect(outputVerdict(plain, [differed])).toEqual({
      kind: 'nondeterministic', builders: 1, agreeing: 1, distinctHashes: 2, ignored: 0,
      explanation: 'The same builder produced two different results: a --check rebuild on builder-c differed from its first build (sha256-first, then sha256-second).',
    });
    // Even when another builder agrees with the first build, and when the rebuild's hash is unknown.
    expect(outputVerdict(plain, [{ ...differed, rebuildNarHash: null }, a(2, 'sha256-first')])).toMatchObject({ kind: 'nondeterministic', builders: 2, agreeing: 2, distinctHashes: 2 });
    // An uncounted claim of a differing rebuild proves nothing.
    expect(outputVerdict(plain, [{ ...differed, signatureStatus: 'invalid' }, a(2, 'sha256-first')]).kind).toBe('single');
  });

  it('a fixed-output derivation whose build reported a hash mismatch, or whose NAR hash is not the pinned one, is fod_mismatch', () => {
    expect(outputVerdict({ fixedOutput: true, expectedNarHash: null, fodMismatchReported: true }, []).kind).toBe('fod_mismatch');
    expect(outputVerdict({ fixedOutput: true, expectedNarHash: 'pinned', fodMismatchReported: false }, [a(1, 'pinned'), a(2, 'other')]).kind).toBe('fod_mismatch');
    expect(outputVerdict({ fixedOutput: true, expectedNarHash: 'pinned', fodMismatchReported: false }, [a(1, 'pinned'), a(2, 'pinned')]).kind).toBe('reproduced');
    // A hash from an uncounted claim cannot condemn the seed.
    expect(outputVerdict({ fixedOutput: true, expectedNarHash: 'pinned', fodMismatchReported: false }, [a(1, 'pinned'), a(2, 'forged', 'invalid')]).kind).toBe('single');
  });
});
