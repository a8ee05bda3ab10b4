import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dx/config';
import { ReportRepository } from '@dx/db';
import { TIME_ZONE } from '@dx/status-engine';
import { OutboxRelay } from './outbox/outbox-relay';
import { QUEUE_CONNECTION } from './queue.module';
import { QueueConnection } from './queue-connection';
import { QUEUE_NAMES } from './queue-names';
import { oldestWaitingAgeMs } from './queue-stall';
import { RECOMPUTE_JOBS } from './recompute/recompute-jobs';
import { RECOMPUTE_SCHEDULES } from './recompute/recompute-schedules';
import { RecomputeProcessor } from './recompute/recompute.processor';
import { ReportProcessor } from './reports/report.processor';
import { syncAllSchedules } from './reports/report-schedules';

/** How often the outbox is polled: the floor of a write's latency to its statuses. */
const RELAY_INTERVAL_MS = 100;
/** At most one stall warning in this time. */
const STALL_WARNING_INTERVAL_MS = 60_000;

/**
 * Every worker checks each job name has a handler, runs the BullMQ worker with the
 * configured concurrency and lock duration, relays the outbox and upserts the schedules.
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastStallWarning = 0;
  private stopped = false;
  private readonly relay: OutboxRelay;
  private worker: Worker | undefined;
  private reportWorker: Worker | undefined;

  constructor(
    dataSource: DataSource,
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
    @InjectQueue(QUEUE_NAMES.reports) private readonly reportQueue: Queue,
    private readonly reports: ReportProcessor,
    @Inject(QUEUE_CONNECTION) private readonly connection: QueueConnection,
    private readonly config: AppConfig,
    private readonly processor: RecomputeProcessor,
    private readonly reportSchedules: ReportRepository,
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
    // Reports: one at a time per worker process (they are CPU-bound); the schedulers follow the report_schedule table.
    this.reportWorker = new Worker(QUEUE_NAMES.reports, (job) => this.reports.process(job), {
      connection: this.connection.connection as never,
      prefix: this.connection.prefix,
      concurrency: 1,
      lockDuration: this.config.queue.reportLockDurationMs,
      // A killed worker's report is found stalled within a lock duration (BullMQ checks every 30 s by default).
      stalledInterval: Math.min(this.config.queue.reportLockDurationMs, 30_000),
    });
    this.reportWorker.on('failed', (job, error) => this.logger.warn(`report job ${job?.id} failed: ${error.message}`));
    this.reportWorker.on('error', (error) => this.logger.warn(`report worker: ${error.message}`));
    const reportSchedules = await syncAllSchedules(this.reportQueue, this.reportSchedules);
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
    this.watchdog = setInterval(() => void this.warnIfStalled(), Math.min(30_000, Math.max(1000, this.config.queue.stallAfterMs / 2)));
    this.logger.log(
      `worker ready: jobs ${Object.values(RECOMPUTE_JOBS).join(', ')}; schedules ${RECOMPUTE_SCHEDULES.map((s) => s.id).join(', ')}; ${reportSchedules} report schedule(s)`,
    );
  }

  /** Logs a warning when a job has waited to start past QUEUE_STALL_AFTER_MS (as /health turns `degraded`). */
  private async warnIfStalled(): Promise<void> {
    try {
      const age = await oldestWaitingAgeMs([this.queue, this.reportQueue], Date.now());
      if (age === null || age <= this.config.queue.stallAfterMs || Date.now() - this.lastStallWarning < STALL_WARNING_INTERVAL_MS) return;
      this.lastStallWarning = Date.now();
      this.logger.warn(
        `queue stalled: the oldest waiting job has waited ${Math.round(age / 1000)} s (QUEUE_STALL_AFTER_MS ${this.config.queue.stallAfterMs})`,
      );
    } catch {
      // An unreachable queue is reported by the relay and /health.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    await this.worker?.close();
    await this.reportWorker?.close();
  }
}
