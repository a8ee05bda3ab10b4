import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { COMPARISON_OPS, ComparisonOp, TASK_STATUSES, TaskStatus, UUID_PATTERN } from '@dx/domain';
import { IsAgencyCodes, IsDateText, IsProgress, IsProvinceCode } from '../../common/fields';

/** `?province=QNI`: needed by admins; an officer's own province otherwise. */
export class PlanProvinceQuery {
  @IsOptional()
  @IsProvinceCode()
  province?: string;
}

export class NextCodeQuery extends PlanProvinceQuery {
  @IsString()
  @MaxLength(100)
  group!: string;
}

/** `:doc`: a document code such as `37/KH-UBND` (URL-encoded). */
export class DocumentCodeParam {
  @IsString()
  @MaxLength(100)
  doc!: string;
}

export class PlanItemIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a UUID' })
  id!: string;
}

/** `POST /api/v1/documents/:doc/tasks`: a task added in the web app. */
export class CreateTaskDto {
  /** The task group's code, e.g. `NV3`. */
  @IsString()
  @MaxLength(100)
  group!: string;

  /** Left out: the next free code of the group (`NV3.5`). */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string | null;

  @IsString()
  @MaxLength(1000)
  title!: string;

  /** The lead agency's code (or the province's own). */
  @IsString()
  @MaxLength(100)
  lead!: string;

  @IsOptional()
  @IsAgencyCodes()
  support?: string[] | null;

  @IsOptional()
  @IsDateText('due')
  due?: string | null;

  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @IsOptional()
  @IsProgress()
  progress?: number | null;
}

/** `POST /api/v1/tasks/:id/cancel` and `/goals/:id/cancel`: why. */
export class CancelDto {
  @IsString()
  @MaxLength(2000)
  reason!: string;
}

export class TargetDto {
  @IsIn(COMPARISON_OPS)
  op!: ComparisonOp;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

/** `POST /api/v1/documents/:doc/goals`: quantitative (indicator and target) or a milestone (neither). */
export class CreateGoalDto {
  @IsString()
  @MaxLength(100)
  group!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string | null;

  @IsString()
  @MaxLength(1000)
  title!: string;

  @IsDateText('due')
  due!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  indicator?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetDto)
  target?: TargetDto | null;
}

/** `PATCH /api/v1/goals/:id`: title, due date, target. */
export class UpdateGoalDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string;

  @IsOptional()
  @IsDateText('due')
  due?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetDto)
  target?: TargetDto;
}
