import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AppConfigModule } from '../../../libs/config/src';
import { QueueConnection, QueueModule } from '../../../libs/queue/src';

export interface WorkerModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  queue: QueueConnection;
}

/**
 * The worker process: database and queue connections, no HTTP. Job processors are
 * registered here as queues gain them (status recompute comes with the status engine).
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
      ],
    };
  }
}
