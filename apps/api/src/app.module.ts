import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, AppConfigModule } from '@dx/config';
import { RepositoriesModule } from '@dx/db';
import { JobsModule, QueueConnection, QueueModule } from '@dx/jobs';
import { AuthModule } from './auth/auth.module';
import { jsonLogs } from './common/json-logs';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation.pipe';
import { DocumentModule } from './document/document.module';
import { HealthModule } from './health/health.module';
import { ProvinceModule } from './province/province.module';
import { StatusModule } from './status/status.module';
import { TaskModule } from './task/task.module';
import { ObservationModule } from './observation/observation.module';
import { AuditModule } from './audit/audit.module';
import { SubmissionModule } from './submission/submission.module';
import { DirectiveModule } from './directive/directive.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { IndicatorModule } from './indicator/indicator.module';
import { ReportModule } from './report/report.module';
import { PlanModule } from './plan/plan.module';
import { DtiModule } from './dti/dti.module';
import { ReminderDispatchModule } from './reminder-dispatch/reminder-dispatch.module';
import { NotificationModule } from './notification/notification.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** An initialised, migrated data source (bootstrap opens it; Nest uses it). */
  dataSource: DataSource;
  queue: QueueConnection;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        ...(options.config.log.format === 'json' ? [jsonLogs(options.config)] : []),
        TypeOrmModule.forRootAsync({
          useFactory: () => options.dataSource.options,
          dataSourceFactory: async () => options.dataSource,
        }),
        RepositoriesModule,
        QueueModule.forRoot(options.queue),
        AuthModule,
        HealthModule,
        ProvinceModule,
        DocumentModule,
        StatusModule,
        TaskModule,
        ObservationModule,
        AuditModule,
        SubmissionModule,
        DirectiveModule,
        DashboardModule,
        IndicatorModule,
        ReportModule,
        PlanModule,
        DtiModule,
        ReminderDispatchModule,
        NotificationModule,
        // The embedded default runs the worker in the API process (RUN_WORKER).
        ...(options.config.runWorker ? [JobsModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
