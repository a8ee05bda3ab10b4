/** Every BullMQ queue dx-tracker uses. Names are constants; never string literals at call sites. */
export const QUEUE_NAMES = {
  /** Status recomputation after writes (processors arrive with the status engine). */
  recompute: 'recompute',
  /** Progress reports (PDF, XLSX), on demand and on the provinces' schedules. */
  reports: 'reports',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
