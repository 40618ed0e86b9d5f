// Every migration, in order. `pnpm migrate:create NAME` adds new ones here.
import { JobRuns1732406400000 } from './1732406400000-job-runs';
import { CveStore1732406500000 } from './1732406500000-cve-store';

export const migrations = [JobRuns1732406400000, CveStore1732406500000];
