import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pendingMigrations, runMigrations } from './migration-runner';

@Injectable()
export class MigrationStatusService {
  constructor(private readonly dataSource: DataSource) {}

  pending(): Promise<string[]> {
    return pendingMigrations(this.dataSource);
  }

  run(): Promise<string[]> {
    return runMigrations(this.dataSource);
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
