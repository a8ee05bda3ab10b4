import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dx/config';
import { ReportRepository } from '@dx/db';
import { todayIn } from '@dx/domain';
import { Clock, TIME_ZONE } from '@dx/status-engine';
import { ReportDelivery } from '../delivery/report-delivery';
import { dispatchJob, JobHandler } from '../job-dispatch';
import { ReportGenerator, scheduledPeriod } from './report-generator';
import { REPORT_JOBS, ReportJobName } from './report-jobs';
import { ReportPayload } from './report.payload';

export const REPORT_CLOCK = Symbol('REPORT_CLOCK');

type Handler = JobHandler<ReportPayload>;

/** Thin: validates the payload, makes the report, reports progress. */
@Injectable()
export class ReportProcessor {
  private readonly logger = new Logger(ReportProcessor.name);
  private readonly generator: ReportGenerator;
  private readonly delivery: ReportDelivery;
  private readonly handlers: Record<ReportJobName, Handler> = {
    [REPORT_JOBS.generate]: async (p, job) => {
      if (!p.province || !p.document || !p.period)
        throw new UnrecoverableError(`${REPORT_JOBS.generate} needs province, document and period`);
      const report = await this.generator.generate(
        {
          province: p.province,
          document: p.document,
          period: p.period,
          asOf: p.asOf,
          formats: p.formats ?? ['pdf', 'xlsx'],
          createdBy: p.requestedBy ?? 'api',
          jobId: job.id ?? null,
          number: p.number ?? null,
          signerName: p.signerName ?? null,
          signerTitle: p.signerTitle ?? null,
        },
        (percent) => job.updateProgress(percent),
      );
      return { reportId: report.id, checksum: report.checksum };
    },
    [REPORT_JOBS.scheduled]: async (p, job) => {
      if (!p.scheduleId) throw new UnrecoverableError(`${REPORT_JOBS.scheduled} needs a scheduleId`);
      const schedule = await this.schedules.findSchedule(p.scheduleId);
      if (!schedule?.enabled) return { skipped: 'schedule removed or disabled' };
      // The tick this job stands for: BullMQ's scheduler puts it in prevMillis (and in the job id, repeat:<id>:<millis>).
      const millis = Number((job.opts as { prevMillis?: number }).prevMillis ?? String(job.id).split(':').pop());
      const tick = new Date(Number.isFinite(millis) && millis > 0 ? millis : job.timestamp);
      const period = scheduledPeriod(schedule.frequency, todayIn(TIME_ZONE, tick));
      const report = await this.generator.generate(
        {
          province: schedule.province,
          document: schedule.document,
          period,
          formats: schedule.formats,
          createdBy: `schedule:${schedule.id}`,
          scheduleId: schedule.id,
          tick,
          jobId: job.id ?? null,
        },
        (percent) => job.updateProgress(percent),
      );
      // Its recipients' deliveries (idempotent: a job run again after a crash queues nothing twice).
      const deliveries = report.id ? await this.delivery.enqueue(report.id, schedule.id) : 0;
      return { reportId: report.id, duplicate: report.id === null, period, deliveries };
    },
  };

  constructor(
    dataSource: DataSource,
    @Inject(REPORT_CLOCK) clock: Clock,
    private readonly schedules: ReportRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.generator = new ReportGenerator(dataSource, clock);
    this.delivery = new ReportDelivery(dataSource, config.delivery);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(job, ReportPayload, this.handlers, this.logger);
  }
}
