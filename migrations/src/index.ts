// Every migration, in order. `pnpm migrate:create NAME` adds new ones here.
import { JobRuns1732406400000 } from './1732406400000-job-runs';
import { CveStore1732406500000 } from './1732406500000-cve-store';
import { NixpkgsEvaluations1732406600000 } from './1732406600000-nixpkgs-evaluations';
import { ChannelSnapshot1732406700000 } from './1732406700000-channel-snapshot';
import { Linkage1732406800000 } from './1732406800000-linkage';
import { GithubWebhooks1732406900000 } from './1732406900000-github-webhooks';
import { Auth1732407000000 } from './1732407000000-auth';
import { EvaluationIncrementalWrites1732407100000 } from './1732407100000-evaluation-incremental-writes';
import { Advisories1732407200000 } from './1732407200000-advisories';
import { NotificationCheckpoint1732407400000 } from './1732407400000-notification-checkpoint';
import { EmailDigest1732407500000 } from './1732407500000-email-digest';
import { PrTracking1732407700000 } from './1732407700000-pr-tracking';
import { BootChain1732407800000 } from './1732407800000-boot-chain';
import { PrFixNotifications1732408000000 } from './1732408000000-pr-fix-notifications';
import { PrFixMarks1732408100000 } from './1732408100000-pr-fix-marks';
import { LabeledIssues1732408200000 } from './1732408200000-labeled-issues';
import { PrFixEvidence1732408300000 } from './1732408300000-pr-fix-evidence';
import { BootChainEvidence1732408400000 } from './1732408400000-boot-chain-evidence';
import { PackageDependants1732408500000 } from './1732408500000-package-dependants';

export const migrations = [JobRuns1732406400000, CveStore1732406500000, NixpkgsEvaluations1732406600000, ChannelSnapshot1732406700000, Linkage1732406800000, GithubWebhooks1732406900000, Auth1732407000000, EvaluationIncrementalWrites1732407100000, Advisories1732407200000, NotificationCheckpoint1732407400000, EmailDigest1732407500000, PrTracking1732407700000, BootChain1732407800000, PrFixNotifications1732408000000, PrFixMarks1732408100000, LabeledIssues1732408200000, PrFixEvidence1732408300000, BootChainEvidence1732408400000, PackageDependants1732408500000];
