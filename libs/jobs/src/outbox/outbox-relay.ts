import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: Queue,
    private readonly debounceMs: number,
  ) {}

  /** One pass; returns how many provinces were enqueued. */
  async relayOnce(): Promise<number> {
    // Rows that another province's job already passed (statuses, and KPIs or none needed) need no job of their own.
    await this.dataSource.query(
      `UPDATE outbox SET enqueued_at = now() WHERE enqueued_at IS NULL AND processed_at IS NOT NULL AND kpi_processed_at IS NOT NULL`,
    );
    try {
      if ((await withTimeout(this.queue.getWaitingCount(), ADD_TIMEOUT_MS)) >= MAX_WAITING_JOBS) return 0;
    } catch (error) {
      this.queueDown(error);
      return 0;
    }
    // No transaction is held while talking to the queue: with the embedded database every
    // connection shares one backend, and BullMQ's PostgreSQL backend would wait for it.
    const due: { province_id: string; max_id: string; ids: string[] }[] = await this.dataSource.query(
      `SELECT o.province_id, max(o.id)::text AS max_id, array_agg(o.id)::text[] AS ids FROM outbox o WHERE o.enqueued_at IS NULL
        GROUP BY o.province_id
       HAVING (max(o.created_at) <= now() - make_interval(secs => $1::float / 1000)
               OR min(o.created_at) <= now() - make_interval(secs => $2::float / 1000))
          AND NOT EXISTS (SELECT 1 FROM outbox f
                           WHERE f.province_id = o.province_id AND f.enqueued_at IS NOT NULL AND f.processed_at IS NULL
                             AND f.enqueued_at > now() - make_interval(secs => $3::float / 1000))`,
      [this.debounceMs, MAX_DEBOUNCE_WAIT_MS, IN_FLIGHT_TIMEOUT_MS],
    );
    let sent = 0;
    for (const { province_id: provinceId, max_id: maxId, ids } of due) {
      // Deterministic id: two relays sending the same rows add one job.
      const jobId = `recompute-${provinceId}-${maxId}`;
      const payload: RecomputePayload = { provinceId, trigger: OUTBOX_TRIGGER };
      try {
        await withTimeout(this.queue.add(RECOMPUTE_JOBS.province, payload, { ...RECOMPUTE_JOB_OPTIONS, jobId }), ADD_TIMEOUT_MS);
      } catch (error) {
        this.queueDown(error);
        break;
      }
      // Only the rows this relay saw: a row with a smaller id that committed since is left for the next round
      // (marking it here could hand it to a job that had already read its rows).
      await this.dataSource.query(
        `UPDATE outbox SET enqueued_at = now(), job_id = $2 WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL`,
        [ids, jobId],
      );
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
