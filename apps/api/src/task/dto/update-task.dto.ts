import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { TASK_STATUSES, TaskStatus } from '@dx/domain';
import { IsDateText } from '../../common/fields';

export class EvidenceDto {
  /** Số hiệu văn bản, e.g. `123/QĐ-UBND`. */
  @IsString()
  @MaxLength(100)
  number!: string;

  @IsDateText('date')
  date!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string | null;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'link must be an http(s) URL' })
  @MaxLength(2000)
  link?: string | null;
}

/** A task update: every field optional, at least one given. `null` clears progress, evidence or comment (IsOptional lets null through). */
export class UpdateTaskDto {
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number | null;

  @IsOptional()
  @IsObject({ message: 'evidence must be an object { number, date, issuer?, link? } or null' })
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence?: EvidenceDto | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;
}
