import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';
import { ProvincePageQuery } from '../../common/page.query';
import { IsDateText } from '../../common/fields';

export const REVIEW_TARGETS = ['goal', 'task', 'goal_group', 'task_group'] as const;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ReviewTargetDto {
  @IsIn(REVIEW_TARGETS)
  kind!: (typeof REVIEW_TARGETS)[number];

  @Matches(UUID_PATTERN, { message: 'id must be the id (UUID) of the goal, task or group' })
  id!: string;
}

export class CreateDirectiveDto {
  /** `directive` (chỉ đạo: an assignee agency answers it by the due date) or `comment`. */
  @IsIn(['directive', 'comment'])
  kind!: 'directive' | 'comment';

  @ValidateNested()
  @Type(() => ReviewTargetDto)
  target!: ReviewTargetDto;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  body!: string;

  /** Agency code in the target's province, e.g. `STTTT`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  assignee?: string;

  @IsOptional()
  @IsDateText('due')
  due?: string;
}

export class AnswerDirectiveDto {
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  answer!: string;
}

export class DirectiveIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a directive id (UUID)' })
  id!: string;
}

export class ListDirectivesQuery extends ProvincePageQuery {
  @IsOptional()
  @IsIn(['open', 'answered', 'closed'])
  status?: 'open' | 'answered' | 'closed';

  @IsOptional()
  @IsIn(['directive', 'comment'])
  kind?: 'directive' | 'comment';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  assignee?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'target must be the id (UUID) of a goal, task or group' })
  target?: string;
}
