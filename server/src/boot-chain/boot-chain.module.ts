import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { BootChainController } from './boot-chain.controller';
import { BootChainErrorFilter } from './boot-chain.error';
import { BootChainService } from './boot-chain.service';
import { BuildDispatcher } from './dispatch/build-dispatcher';
import { BootChainResolver } from './graphql/boot-chain.resolver';

/**
 * Full-source bootstrap chains (issue 9): discovery of the derivation graph with stages, a builders
 * registry, dependency-ordered builds through the job queue, attestations (own builds, binary
 * caches, lila-compatible submissions) with Nix signature checks, verdicts by distinct builders,
 * and trust reports.
 */
@Module({
  controllers: [BootChainController],
  providers: [BootChainService, BuildDispatcher, BootChainResolver, { provide: APP_FILTER, useClass: BootChainErrorFilter }],
  exports: [BootChainService],
})
export class BootChainModule {}
