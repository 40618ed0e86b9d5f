import { migrations } from '@nixsec/migrations';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * The one description of how nixsec talks to PostgreSQL, shared by the app, the migration CLI
 * and the tests. The schema only changes through @nixsec/migrations: `synchronize` stays off.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'nixsec' },
  };
}
