import { Module } from '@nestjs/common';

/** Matching CVEs to Nixpkgs derivations, with explanations (issue 5). */
@Module({})
export class LinkageModule {}
