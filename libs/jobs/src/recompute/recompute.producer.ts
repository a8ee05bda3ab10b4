import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QUEUE_NAMES } from '../queue-names';
import { RECOMPUTE_JOB_OPTIONS, RECOMPUTE_JOBS } from './recompute-jobs';
import { RecomputePayload } from './recompute.payload';

/**
 * Puts work on the `recompute` queue from the API (writes reach it through the outbox relay,
 * outbox/outbox-relay.ts).
 */
@Injectable()
export class RecomputeProducer {
  constructor(@InjectQueue(QUEUE_NAMES.recompute) private readonly queue: Queue) {}

  /** A province at a date nothing was computed for yet; one job per province and date however often it is asked for. */
  provinceAsOf(provinceId: string, asOf: string, trigger: string): Promise<Job> {
    const payload: RecomputePayload = { provinceId, asOf, trigger };
    return this.queue.add(RECOMPUTE_JOBS.province, payload, { ...RECOMPUTE_JOB_OPTIONS, jobId: `recompute-${provinceId}-as-of-${asOf}` });
  }
}
