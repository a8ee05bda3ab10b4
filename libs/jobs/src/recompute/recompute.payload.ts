import { IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';

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
