import { Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Job, UnrecoverableError } from 'bullmq';

export type JobHandler<P> = (payload: P, job: Job) => Promise<unknown>;

/**
 * Runs one queue job: validates its payload (an invalid one fails for good, no retries),
 * picks the handler for its name, logs id and duration.
 */
export async function dispatchJob<P extends object>(
  job: Job,
  payloadClass: new () => P,
  handlers: Record<string, JobHandler<P>>,
  logger: Logger,
): Promise<unknown> {
  const started = Date.now();
  const payload = plainToInstance(payloadClass, job.data);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new UnrecoverableError(`invalid ${job.name} payload: ${errors.map((e) => e.property).join(', ')}`);
  const handler = handlers[job.name];
  if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
  const result = await handler(payload, job);
  logger.log(`job ${job.id} (${job.name}) done in ${Date.now() - started} ms`);
  return result;
}
