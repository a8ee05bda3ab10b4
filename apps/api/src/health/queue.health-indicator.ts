import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { AppConfig } from '@dx/config';
import { oldestWaitingAgeMs, QUEUE_NAMES, queueStallReason } from '@dx/jobs';

const TIMEOUT_MS = 3000;

/**
 * The queue backend (Redis or PostgreSQL) answers in time, and how long the oldest job that waits
 * to start has waited (`oldestWaitingMs`); past QUEUE_STALL_AFTER_MS it carries `stalled` with the reason.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
    @InjectQueue(QUEUE_NAMES.reports) private readonly reportQueue: Queue,
    private readonly health: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async check(key: string) {
    const indicator = this.health.check(key);
    const backend = this.config.queue.backend;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      });
      const oldestWaitingMs = await Promise.race([oldestWaitingAgeMs([this.queue, this.reportQueue], Date.now()), timeout]);
      const stalled = queueStallReason(oldestWaitingMs, this.config.queue.stallAfterMs);
      return indicator.up({ backend, oldestWaitingMs, ...(stalled ? { stalled } : {}) });
    } catch (error) {
      return indicator.down({ backend, message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
