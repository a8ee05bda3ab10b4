import { IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';

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

/** Schedulers (BullMQ job schedulers, upserted by every worker at start; one schedule each whatever the worker count). */
export const RECOMPUTE_SCHEDULES = [
  { id: 'daily-as-of-roll', pattern: '5 0 * * *', job: RECOMPUTE_JOBS.all, trigger: 'schedule:daily' },
  { id: 'weekly-consistency', pattern: '30 1 * * 0', job: RECOMPUTE_JOBS.consistency, trigger: 'schedule:weekly' },
] as const;

/** Payload of every recompute job, validated when the worker picks it up. */
export class RecomputePayload {
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'provinceId must be a UUID' })
  provinceId?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @IsString()
  @MaxLength(64)
  trigger: string;

  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
