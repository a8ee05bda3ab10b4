import { RECOMPUTE_JOBS } from './recompute-jobs';

/** Schedulers (BullMQ job schedulers, upserted by every worker at start; one schedule each whatever the worker count). */
export const RECOMPUTE_SCHEDULES = [
  { id: 'daily-as-of-roll', pattern: '5 0 * * *', job: RECOMPUTE_JOBS.all, trigger: 'schedule:daily' },
  { id: 'weekly-consistency', pattern: '30 1 * * 0', job: RECOMPUTE_JOBS.consistency, trigger: 'schedule:weekly' },
] as const;
