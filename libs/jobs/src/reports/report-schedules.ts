import { Queue } from 'bullmq';
import { ReportRepository, ScheduleRow } from '@dx/db';
import { TIME_ZONE } from '@dx/status-engine';
import { REPORT_JOBS, reportSchedulerId, schedulePattern } from './report-jobs';

export const REPORT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 500 },
  removeOnFail: false,
} as const;

/** Puts a schedule on the queue as a BullMQ job scheduler (one job per tick however many workers run), or takes it off. */
export async function syncSchedule(queue: Queue, schedule: ScheduleRow | { id: string; enabled: false }): Promise<void> {
  const id = reportSchedulerId(schedule.id);
  if (!schedule.enabled) {
    await queue.removeJobScheduler(id);
    return;
  }
  const s = schedule as ScheduleRow;
  await queue.upsertJobScheduler(
    id,
    { pattern: schedulePattern(s.frequency, s.cron), tz: TIME_ZONE },
    { name: REPORT_JOBS.scheduled, data: { scheduleId: s.id }, opts: REPORT_JOB_OPTIONS },
  );
}

/** Makes the queue's report schedulers match the table: every enabled schedule on, every other one off. */
export async function syncAllSchedules(queue: Queue, reports: ReportRepository): Promise<number> {
  const schedules = await reports.listSchedules(null);
  const wanted = new Set(schedules.filter((s) => s.enabled).map((s) => reportSchedulerId(s.id)));
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    if (existing.key.startsWith('report-schedule-') && !wanted.has(existing.key)) await queue.removeJobScheduler(existing.key);
  }
  for (const s of schedules) await syncSchedule(queue, s);
  return wanted.size;
}
