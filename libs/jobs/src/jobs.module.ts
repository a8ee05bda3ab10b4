import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RepositoriesModule } from '@dx/db';
import { Clock, RecomputeEngine, systemClock } from '@dx/status-engine';
import { RecomputeProcessor } from './recompute/recompute.processor';
import { REPORT_CLOCK, ReportProcessor } from './reports/report.processor';
import { WorkerLifecycle } from './worker-lifecycle';

export const CLOCK = Symbol('CLOCK');

/**
 * The queue worker: recompute and report processors, outbox relay, schedules. Imported by
 * apps/worker, and by the API when RUN_WORKER is set. Needs QueueModule and TypeORM; imports the repositories.
 */
@Module({
  imports: [RepositoriesModule],
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: RecomputeEngine, useFactory: (ds: DataSource, clock: Clock) => new RecomputeEngine(ds, clock), inject: [DataSource, CLOCK] },
    RecomputeProcessor,
    { provide: REPORT_CLOCK, useExisting: CLOCK },
    ReportProcessor,
    WorkerLifecycle,
  ],
  exports: [RecomputeEngine],
})
export class JobsModule {}
