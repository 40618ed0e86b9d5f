import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { MigrationStatusService } from './migration-status.service';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const url = config.get('DATABASE_URL');
        if (!url) throw new Error('DATABASE_URL must be resolved before the application module starts');
        return { ...dataSourceOptions(url, config.get('DATABASE_POOL_SIZE')), autoLoadEntities: true };
      },
    }),
  ],
  providers: [MigrationStatusService],
  exports: [MigrationStatusService],
})
export class DatabaseModule {}
