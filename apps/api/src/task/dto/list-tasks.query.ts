import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TASK_SORTS, TaskSort } from '../../../../../libs/db/src';
import { TASK_STATUSES, TaskStatus, UUID_PATTERN } from '../../../../../libs/domain/src';
import { ProvincePageQuery } from '../../common/page.query';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
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
  @Matches(ISO_DATE, { message: 'due_before must be a date YYYY-MM-DD' })
  due_before?: string;

  @IsOptional()
  @Matches(ISO_DATE, { message: 'due_after must be a date YYYY-MM-DD' })
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
