/** Job names on the `recompute` queue. */
export const RECOMPUTE_JOBS = {
  /** One province, after a write (from the outbox relay). */
  province: 'recompute-province',
  /** Every province: the daily as-of roll and `cli recompute` without a province. */
  all: 'recompute-all',
  /** Every province, ignoring fingerprints: the weekly consistency pass. */
  consistency: 'recompute-consistency',
} as const;

export type RecomputeJobName = (typeof RECOMPUTE_JOBS)[keyof typeof RECOMPUTE_JOBS];

/** The trigger of jobs the outbox relay sends: they recompute what their outbox rows name. */
export const OUTBOX_TRIGGER = 'outbox';

/** Options of every recompute job: retried with backoff, failed ones kept. */
export const RECOMPUTE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  // Failed jobs are kept for inspection.
  removeOnFail: false,
} as const;
