import { Module } from '@nestjs/common';

/** Triage queue, drafts, published advisories, activity log, notifications (issue 7). */
@Module({})
export class AdvisoriesModule {}
