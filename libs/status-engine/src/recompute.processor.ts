import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '../../config/src';
import { QUEUE_NAMES, RECOMPUTE_JOBS, RecomputePayload } from '../../queue/src';
import { RecomputeEngine } from './recompute-engine';

/** Thin: validates the payload, calls the engine, reports progress, logs id and duration. */
@Processor(QUEUE_NAMES.recompute)
export class RecomputeProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(RecomputeProcessor.name);

  constructor(
    @Inject(RecomputeEngine) private readonly engine: RecomputeEngine,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.queue.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    const started = Date.now();
    const payload = plainToInstance(RecomputePayload, job.data);
    const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw new UnrecoverableError(`invalid ${job.name} payload: ${errors.map((e) => e.property).join(', ')}`);
    let result: unknown;
    switch (job.name) {
      case RECOMPUTE_JOBS.province: {
        if (!payload.provinceId) throw new UnrecoverableError('recompute-province needs a provinceId');
        result = await this.engine.recompute({ provinceId: payload.provinceId, asOf: payload.asOf, trigger: payload.trigger, jobId: job.id, force: payload.force });
        await job.updateProgress(100);
        break;
      }
      case RECOMPUTE_JOBS.all:
      case RECOMPUTE_JOBS.consistency: {
        const outcomes = await this.engine.recomputeMany(
          payload.provinceId ? [payload.provinceId] : null,
          { asOf: payload.asOf, trigger: payload.trigger, jobId: job.id, force: job.name === RECOMPUTE_JOBS.consistency || payload.force },
          (done, total) => job.updateProgress(Math.round((100 * done) / total)),
        );
        result = { provinces: outcomes.length, changed: outcomes.filter((o) => !o.skipped).length };
        break;
      }
      default:
        throw new UnrecoverableError(`no handler for job "${job.name}"`);
    }
    this.logger.log(`job ${job.id} (${job.name}) done in ${Date.now() - started} ms`);
    return result;
  }
}
