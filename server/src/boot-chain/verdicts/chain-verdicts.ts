import { AttestationRow } from '../store/attestation.store';
import { TargetNodeRow } from '../store/chain.store';
import { OutputVerdict, outputVerdict } from './output-verdict';

export interface NodeOutputVerdict {
  name: string;
  path: string;
  expectedHash: string | null;
  verdict: OutputVerdict;
  attestations: AttestationRow[];
}

/** Verdicts of every output of every node, from the attestations of their output paths. */
export function chainVerdicts(nodes: TargetNodeRow[], attestations: AttestationRow[], fodMismatches: Set<string>): Map<string, NodeOutputVerdict[]> {
  const byPath = new Map<string, AttestationRow[]>();
  for (const a of attestations) byPath.set(a.outputPath, [...(byPath.get(a.outputPath) ?? []), a]);
  return new Map(
    nodes.map((node) => [
      node.drvPath,
      node.outputs.map((o) => {
        const own = byPath.get(o.path) ?? [];
        const facts = {
          fixedOutput: node.fixedOutput,
          expectedNarHash: o.expectedHashMode === 'recursive' ? o.expectedHash : null,
          fodMismatchReported: fodMismatches.has(node.drvPath),
        };
        return { name: o.name, path: o.path, expectedHash: o.expectedHash, verdict: outputVerdict(facts, own), attestations: own };
      }),
    ]),
  );
}
