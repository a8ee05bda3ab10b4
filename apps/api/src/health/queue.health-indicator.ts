import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { AppConfig } from '../../../../libs/config/src';
import { QUEUE_NAMES } from '../../../../libs/queue/src';

const TIMEOUT_MS = 3000;

/** The queue backend (Redis or PostgreSQL) answers a job-count query in time. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue,
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
      await Promise.race([this.queue.getJobCounts(), timeout]);
      return indicator.up({ backend });
    } catch (error) {
      return indicator.down({ backend, message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
