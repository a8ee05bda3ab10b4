import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AppConfigModule } from '@dx/config';
import { JobsModule, QueueConnection, QueueModule } from '@dx/jobs';

export interface WorkerModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  queue: QueueConnection;
}

/**
 * The worker process: database and queue connections, the recompute processor, the
 * outbox relay and the schedules; no HTTP.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        TypeOrmModule.forRootAsync({ useFactory: () => options.dataSource.options, dataSourceFactory: async () => options.dataSource }),
        QueueModule.forRoot(options.queue),
        JobsModule,
      ],
    };
  }
}
