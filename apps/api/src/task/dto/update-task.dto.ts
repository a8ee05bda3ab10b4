import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { TASK_STATUSES, TaskStatus } from '@dx/domain';
import { IsAgencyCodes, IsDateText, IsProgress } from '../../common/fields';

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
  @IsProgress()
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

  /** Officers and admins only (issue 19): what the task is. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string;

  /** The lead agency's code. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lead?: string;

  /** Supporting agencies' codes (null or [] for none). */
  @IsOptional()
  @IsAgencyCodes()
  support?: string[] | null;

  /** null: no due date. */
  @IsOptional()
  @IsDateText('due')
  due?: string | null;
}

/** True when a task update changes what the task is (title, lead, supporting agencies, due date), not only its state. */
export function isDefinitionEdit(body: UpdateTaskDto): boolean {
  return body.title !== undefined || body.lead !== undefined || body.support !== undefined || body.due !== undefined;
}
