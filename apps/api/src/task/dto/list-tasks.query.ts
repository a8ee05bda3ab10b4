import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TASK_SORTS, TaskSort } from '@dx/db';
import { TASK_STATUSES, TaskStatus, UUID_PATTERN } from '@dx/domain';
import { ProvincePageQuery } from '../../common/page.query';
import { IsDateText } from '../../common/fields';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListTasksQuery extends ProvincePageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  document?: string;

  /** Task group code, e.g. `NV3`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  group?: string;

  /** Lead agency code, e.g. `STTTT`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lead?: string;

  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @IsOptional()
  @IsDateText('due_before')
  due_before?: string;

  @IsOptional()
  @IsDateText('due_after')
  due_after?: string;

  /** Words of the title or code, with or without diacritics ("chuyen doi so" finds "chuyển đổi số"). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @IsOptional()
  @IsIn(TASK_SORTS)
  sort: TaskSort = 'position';
}

export class TaskIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a task id (UUID)' })
  id!: string;
}
