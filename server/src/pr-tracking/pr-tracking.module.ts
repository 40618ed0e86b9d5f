import { Module } from '@nestjs/common';

/** Where Nixpkgs pull requests have landed; fix status per channel (issue 8). */
@Module({})
export class PrTrackingModule {}
