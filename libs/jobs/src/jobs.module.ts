import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RepositoriesModule } from '@dx/db';
import { Clock, RecomputeEngine, systemClock } from '@dx/status-engine';
import { DeliveryChannelsRegistrar } from './delivery/delivery-channels.registrar';
import { DeliveryProcessor } from './notifications/delivery.processor';
import { NotificationProducer } from './notifications/notification.producer';
import { NotificationWorker } from './notifications/notification-worker';
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
    {
      provide: NotificationProducer,
      useFactory: (ds: DataSource, clock: Clock) => new NotificationProducer(ds, () => clock.now()),
      inject: [DataSource, CLOCK],
    },
    { provide: DeliveryProcessor, useFactory: (ds: DataSource) => new DeliveryProcessor(ds), inject: [DataSource] },
    NotificationWorker,
    DeliveryChannelsRegistrar,
  ],
  exports: [RecomputeEngine, NotificationProducer, DeliveryProcessor],
})
export class JobsModule {}
