import type { Queue } from 'bullmq';
import { viDuration } from '@dx/domain';

/** How many waiting jobs per queue are looked at for the oldest one (the queues stay short: the relay holds back). */
const SAMPLE = 50;

/** What jobRunnableSince reads of a BullMQ job. */
export interface JobTimes {
  /** When the job was created: a scheduler creates its next job at the previous tick. */
  timestamp: number;
  /** Its delay: until the scheduler's tick, or a retry's backoff. */
  delay: number;
  /** When its last attempt started (a retried or stalled job). */
  processedOn?: number;
}

/**
 * Since when a job could have started (ms): its creation plus its delay (a scheduled job's tick), or
 * its last attempt's start plus the backoff when it is retried. A job that waits longer than that
 * waits for a worker.
 */
export function jobRunnableSince(job: JobTimes): number {
  const delay = job.delay || 0;
  return Math.max(job.timestamp + delay, job.processedOn ? job.processedOn + delay : 0);
}

/**
 * How long the job that has waited longest to start (waiting or prioritized, not delayed) has waited
 * since it could have started, over all `queues`, in ms; null when none waits. BullMQ's backends list
 * waiting jobs in different orders, so the longest wait of a sample is taken.
 */
export async function oldestWaitingAgeMs(queues: Queue[], now: number): Promise<number | null> {
  let oldest: number | null = null;
  for (const queue of queues) {
    for (const job of await queue.getJobs(['waiting', 'prioritized'], 0, SAMPLE - 1, true)) {
      const since = job ? jobRunnableSince(job) : null;
      if (since !== null && (oldest === null || since < oldest)) oldest = since;
    }
  }
  return oldest === null ? null : Math.max(0, now - oldest);
}

/**
 * Why the queue counts as stalled, in Vietnamese, or null: a job has waited to start longer than
 * `limitMs` (QUEUE_STALL_AFTER_MS). Jobs usually start within a second; a wait past the limit means
 * no worker takes jobs (none runs, or it is stuck), and computed statuses go stale.
 */
export function queueStallReason(oldestWaitingMs: number | null, limitMs: number): string | null {
  if (oldestWaitingMs === null || oldestWaitingMs <= limitMs) return null;
  return `có công việc đã chờ ${viDuration(oldestWaitingMs)} chưa được xử lý (giới hạn ${viDuration(limitMs)}): bộ xử lý hàng đợi không nhận việc, số liệu tính toán có thể chưa cập nhật`;
}
