import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DatabaseStatus, ReadinessReport } from '@nixsec/shared';
import { MigrationStatusService } from '../database/migration-status.service';

export const VERSION: string = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
).version;

@Injectable()
export class HealthService {
  constructor(private readonly migrations: MigrationStatusService) {}

  async readiness(): Promise<ReadinessReport> {
    const reachable = await this.migrations.ping();
    const pending = reachable ? (await this.migrations.pending()).length : 0;
    return {
      ready: reachable && pending === 0,
      version: VERSION,
      database: reachable ? DatabaseStatus.OK : DatabaseStatus.UNREACHABLE,
      migrationsPending: pending,
    };
  }
}
