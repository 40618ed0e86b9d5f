import { Module } from '@nestjs/common';

/** Full-source bootstrap chain builds, attestations and reproducibility verdicts (issue 9). */
@Module({})
export class BootChainModule {}
