// Every migration, in order. `pnpm migrate:create NAME` adds new ones here.
import { JobRuns1732406400000 } from './1732406400000-job-runs';
import { CveStore1732406500000 } from './1732406500000-cve-store';
import { NixpkgsEvaluations1732406600000 } from './1732406600000-nixpkgs-evaluations';
import { Linkage1732406800000 } from './1732406800000-linkage';

export const migrations = [JobRuns1732406400000, CveStore1732406500000, NixpkgsEvaluations1732406600000, Linkage1732406800000];
