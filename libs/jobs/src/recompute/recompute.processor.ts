import { Inject, Injectable, Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { RecomputeEngine } from '@dx/status-engine';
import { dispatchJob, JobHandler } from '../job-dispatch';
import { OUTBOX_TRIGGER, RECOMPUTE_JOBS, RecomputeJobName } from './recompute-jobs';
import { RecomputePayload } from './recompute.payload';

type Handler = JobHandler<RecomputePayload>;

/** Thin: validates the payload, calls the engine, reports progress, logs id and duration. */
@Injectable()
export class RecomputeProcessor {
  private readonly logger = new Logger(RecomputeProcessor.name);
  /** One handler per job name; the type makes a missing one a compile error, `assertComplete` a start-up error. */
  private readonly handlers: Record<RecomputeJobName, Handler> = {
    [RECOMPUTE_JOBS.province]: async (payload, job) => {
      if (!payload.provinceId) throw new UnrecoverableError(`${RECOMPUTE_JOBS.province} needs a provinceId`);
      const outcome = await this.engine.recompute({
        provinceId: payload.provinceId,
        asOf: payload.asOf,
        trigger: payload.trigger,
        jobId: job.id,
        force: payload.force,
        coalesce: payload.trigger === OUTBOX_TRIGGER,
      });
      await job.updateProgress(100);
      return outcome;
    },
    [RECOMPUTE_JOBS.all]: (payload, job) => this.many(payload, job, payload.force ?? false),
    [RECOMPUTE_JOBS.consistency]: (payload, job) => this.many(payload, job, true),
  };

  constructor(@Inject(RecomputeEngine) private readonly engine: RecomputeEngine) {}

  assertComplete(): void {
    const missing = Object.values(RECOMPUTE_JOBS).filter((name) => typeof this.handlers[name] !== 'function');
    if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(job, RecomputePayload, this.handlers, this.logger);
  }

  private async many(payload: RecomputePayload, job: Job, force: boolean) {
    const outcomes = await this.engine.recomputeMany(
      payload.provinceId ? [payload.provinceId] : null,
      { asOf: payload.asOf, trigger: payload.trigger, jobId: job.id, force },
      async (done, total) => {
        await job.updateProgress(Math.round((100 * done) / total));
      },
    );
    return { provinces: outcomes.length, changed: outcomes.filter((o) => !o.skipped).length };
  }
}
