import type { Queue } from 'bullmq';
import { viDuration } from '../../domain/src';

/** How many waiting jobs per queue are looked at for the oldest one (the queues stay short: the relay holds back). */
const SAMPLE = 200;

/**
 * How long the oldest job that waits to start (waiting or prioritized, not delayed) has waited,
 * over all `queues`, in ms; null when none waits. BullMQ's backends list waiting jobs in
 * different orders, so the oldest of a sample is taken by its creation time.
 */
export async function oldestWaitingAgeMs(queues: Queue[], now: number): Promise<number | null> {
  let oldest: number | null = null;
  for (const queue of queues) {
    for (const job of await queue.getJobs(['waiting', 'prioritized'], 0, SAMPLE - 1, true)) {
      if (job && (oldest === null || job.timestamp < oldest)) oldest = job.timestamp;
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
