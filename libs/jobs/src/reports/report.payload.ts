import { ArrayNotEmpty, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REPORT_FORMATS, ReportFormat, UUID_PATTERN } from '@dx/domain';

/** Payload of every report job, validated when the worker picks it up. */
export class ReportPayload {
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'scheduleId must be a UUID' })
  scheduleId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  province?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  document?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  period?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPORT_FORMATS, { each: true })
  formats?: ReportFormat[];

  @IsOptional()
  @IsString()
  @MaxLength(100)
  requestedBy?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerTitle?: string;
}
