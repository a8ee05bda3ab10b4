import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src';
import { QUEUE_NAMES, RECOMPUTE_JOBS, RECOMPUTE_SCHEDULES } from '../../queue/src';
import { Clock, systemClock, TIME_ZONE } from './clock';
import { OutboxRelay } from './outbox-relay';
import { RecomputeEngine } from './recompute-engine';
import { RecomputeProcessor } from './recompute.processor';

export const CLOCK = Symbol('CLOCK');
const RELAY_INTERVAL_MS = 250;

/** Every worker checks each job name has a handler, relays the outbox and upserts the schedules. */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
    config: AppConfig,
  ) {
    this.relay = new OutboxRelay(dataSource, queue, config.queue.debounceMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const s of RECOMPUTE_SCHEDULES) {
      await this.queue.upsertJobScheduler(s.id, { pattern: s.pattern, tz: TIME_ZONE }, { name: s.job, data: { trigger: s.trigger } });
    }
    const tick = async () => {
      try {
        await this.relay.relayOnce();
      } catch (error) {
        this.logger.warn(`outbox relay: ${(error as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(tick, RELAY_INTERVAL_MS);
    };
    this.timer = setTimeout(tick, 0);
    this.logger.log(`worker ready: jobs ${Object.values(RECOMPUTE_JOBS).join(', ')}; schedules ${RECOMPUTE_SCHEDULES.map((s) => s.id).join(', ')}`);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** The queue worker: recompute processor, outbox relay, schedules. Needs QueueModule and TypeORM. */
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: RecomputeEngine, useFactory: (ds: DataSource, clock: Clock) => new RecomputeEngine(ds, clock), inject: [DataSource, CLOCK] },
    RecomputeProcessor,
    WorkerLifecycle,
  ],
  exports: [RecomputeEngine],
})
export class StatusEngineModule {}
