import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { randomUUID } from 'crypto';
import { ScheduleRow } from '@dx/db';
import { QUEUE_NAMES } from '../queue-names';
import { REPORT_JOBS } from './report-jobs';
import { ReportPayload } from './report.payload';
import { REPORT_JOB_OPTIONS, syncSchedule } from './report-schedules';

/** Puts work on the `reports` queue: one report now, or a schedule's job scheduler on or off. */
@Injectable()
export class ReportProducer {
  constructor(@InjectQueue(QUEUE_NAMES.reports) private readonly queue: Queue) {}

  /** One report now; its job (GET /api/v1/jobs/:id) reports progress and, when done, the report's id. */
  generate(payload: ReportPayload): Promise<Job> {
    return this.queue.add(REPORT_JOBS.generate, payload, { ...REPORT_JOB_OPTIONS, jobId: `report-${randomUUID()}` });
  }

  /** Makes the schedule's job scheduler match the stored schedule (removed when disabled or deleted). */
  syncSchedule(schedule: ScheduleRow | { id: string; enabled: false }): Promise<void> {
    return syncSchedule(this.queue, schedule);
  }
}
