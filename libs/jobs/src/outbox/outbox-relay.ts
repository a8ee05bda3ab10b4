import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboxRepository } from '@dx/db';
import { OUTBOX_TRIGGER, RECOMPUTE_JOB_OPTIONS, RECOMPUTE_JOBS } from '../recompute/recompute-jobs';
import { RecomputePayload } from '../recompute/recompute.payload';

/** Longest a busy province waits before its pending outbox rows are enqueued anyway. */
export const MAX_DEBOUNCE_WAIT_MS = 2000;
/** A job whose rows are still unprocessed after this long is presumed lost (it failed for good); later rows go ahead. */
export const IN_FLIGHT_TIMEOUT_MS = 60_000;

/**
 * Jobs waiting in the queue (not yet started) beyond which a relay pass enqueues nothing: each waiting job's status
 * pass also takes the pending rows of up to STATUS_BATCH_SIZE other provinces (the longest waiting first), so more
 * jobs would only queue passes that find nothing left to do. Rows not sent stay pending for a later pass.
 */
export const MAX_WAITING_JOBS = 4;

/** A queue that does not answer in this time is treated as down (Redis queues commands while reconnecting). */
const ADD_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Moves outbox rows into the `recompute` queue. A province with pending rows is
 * enqueued at once when no job of it is in flight (the first write of a quiet period
 * is computed without delay); while one is, its rows accumulate and go as one job when
 * it is done, so a burst costs a handful of recomputes. `debounceMs` (default 0) adds a
 * quiet time before sending, bounded by MAX_DEBOUNCE_WAIT_MS. While MAX_WAITING_JOBS jobs wait to
 * start it sends none (their passes take the waiting rows of other provinces too), and rows another province's pass
 * already covered get no job of their own. Job ids are derived from the rows, so several
 * workers relaying at once add each job once; if the queue is unreachable the rows
 * stay pending and are sent on a later tick (nothing is lost while Redis is down).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private lastFailure = 0;
  private readonly outbox: OutboxRepository;

  constructor(
    dataSource: DataSource,
    private readonly queue: Queue,
    private readonly debounceMs: number,
  ) {
    this.outbox = new OutboxRepository(dataSource);
  }

  /** One pass; returns how many provinces were enqueued. */
  async relayOnce(): Promise<number> {
    await this.outbox.markCovered();
    try {
      if ((await withTimeout(this.queue.getWaitingCount(), ADD_TIMEOUT_MS)) >= MAX_WAITING_JOBS) return 0;
    } catch (error) {
      this.queueDown(error);
      return 0;
    }
    // No transaction is held while talking to the queue: with the embedded database every
    // connection shares one backend, and BullMQ's PostgreSQL backend would wait for it.
    const due = await this.outbox.due(this.debounceMs, MAX_DEBOUNCE_WAIT_MS, IN_FLIGHT_TIMEOUT_MS);
    let sent = 0;
    for (const { provinceId, maxId, ids } of due) {
      // Deterministic id: two relays sending the same rows add one job.
      const jobId = `recompute-${provinceId}-${maxId}`;
      const payload: RecomputePayload = { provinceId, trigger: OUTBOX_TRIGGER };
      try {
        await withTimeout(this.queue.add(RECOMPUTE_JOBS.province, payload, { ...RECOMPUTE_JOB_OPTIONS, jobId }), ADD_TIMEOUT_MS);
      } catch (error) {
        this.queueDown(error);
        break;
      }
      // Only the rows this relay saw (see markEnqueued).
      await this.outbox.markEnqueued(ids, jobId);
      sent++;
    }
    return sent;
  }

  private queueDown(error: unknown): void {
    if (Date.now() - this.lastFailure > 60_000) {
      this.logger.warn(`queue unreachable, outbox rows stay pending: ${(error as Error).message}`);
      this.lastFailure = Date.now();
    }
  }
}
