import type { ReportFrequency } from '@dx/domain';

/** Job names on the `reports` queue. */
export const REPORT_JOBS = {
  /** One report now (API `POST /reports`). */
  generate: 'report-generate',
  /** A schedule's tick (BullMQ job scheduler `report-schedule-<id>`). */
  scheduled: 'report-scheduled',
} as const;

export type ReportJobName = (typeof REPORT_JOBS)[keyof typeof REPORT_JOBS];

/** The job scheduler id of a report schedule. */
export const reportSchedulerId = (scheduleId: string) => `report-schedule-${scheduleId}`;

/**
 * When a schedule runs, in Asia/Ho_Chi_Minh time: weekly on Monday at 07:00 (the report
 * as of that day), monthly, quarterly and yearly at 07:00 on the first day after the
 * period (reporting the period that just ended), or the schedule's own cron expression.
 */
export function schedulePattern(frequency: ReportFrequency, cron: string | null): string {
  switch (frequency) {
    case 'weekly':
      return '0 7 * * 1';
    case 'monthly':
      return '0 7 1 * *';
    case 'quarterly':
      return '0 7 1 1,4,7,10 *';
    case 'yearly':
      return '0 7 1 1 *';
    case 'cron':
      return cron!;
  }
}
