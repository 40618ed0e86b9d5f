// Every migration, in order. `pnpm migrate:create NAME` adds new ones here.
import { JobRuns1732406400000 } from './1732406400000-job-runs';

export const migrations = [JobRuns1732406400000];
