import { Module } from '@nestjs/common';

/** Ingestion of CVE List V5, NVD API 2.0, Nixpkgs channels and evaluations (issues 3, 4). */
@Module({})
export class IngestionModule {}
