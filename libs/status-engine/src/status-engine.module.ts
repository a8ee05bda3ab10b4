import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/src';
import { QUEUE_CONNECTION, QUEUE_NAMES, QueueConnection, RECOMPUTE_JOBS, RECOMPUTE_SCHEDULES } from '../../queue/src';
import { Clock, systemClock, TIME_ZONE } from './clock';
import { OutboxRelay } from './outbox-relay';
import { RecomputeEngine } from './recompute-engine';
import { RecomputeProcessor } from './recompute.processor';

export const CLOCK = Symbol('CLOCK');
/** How often the outbox is polled: the floor of a write's latency to its statuses. */
const RELAY_INTERVAL_MS = 100;

/**
 * Every worker checks each job name has a handler, runs the BullMQ worker with the
 * configured concurrency and lock duration, relays the outbox and upserts the schedules.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly relay: OutboxRelay;
  private worker: Worker | undefined;

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
    private readonly config: AppConfig,
    private readonly processor: RecomputeProcessor,
  ) {
    this.relay = new OutboxRelay(dataSource, queue, config.queue.debounceMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.processor.assertComplete();
    this.worker = new Worker(QUEUE_NAMES.recompute, (job) => this.processor.process(job), {
      connection: this.connection.connection as never,
      prefix: this.connection.prefix,
      concurrency: this.config.queue.concurrency,
      lockDuration: this.config.queue.lockDurationMs,
      stalledInterval: this.config.queue.lockDurationMs,
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id} (${job?.name}) failed: ${error.message}`));
    let lastError = 0;
    this.worker.on('error', (error) => {
      // A down backend raises this on every reconnect attempt: once a minute is enough.
      if (Date.now() - lastError < 60_000) return;
      lastError = Date.now();
      this.logger.warn(`worker: ${error.message}`);
    });
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

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.worker?.close();
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
