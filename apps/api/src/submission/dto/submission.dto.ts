import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';
import { ProvincePageQuery } from '../../common/page.query';

export class ListSubmissionsQuery extends ProvincePageQuery {
  @IsOptional()
  @IsIn(['submitted', 'approved', 'returned'])
  status?: 'submitted' | 'approved' | 'returned';

  @IsOptional()
  @IsIn(['task', 'observation'])
  kind?: 'task' | 'observation';
}

export class SubmissionIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a submission id (UUID)' })
  id!: string;
}

export class ReturnSubmissionDto {
  /** Why it goes back to the reporter (shown to them). */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class ProvinceSettingsDto {
  /** Count reporters' task updates and KPI values at once, without an officer's approval. */
  @IsBoolean()
  trustReporters!: boolean;
}
