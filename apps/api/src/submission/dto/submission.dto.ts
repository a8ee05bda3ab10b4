import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { UUID_PATTERN } from '../../../../../libs/domain/src';
import { PROVINCE_CODE_PATTERN, upper } from '../../province/dto/province-code.param';

export class ListSubmissionsQuery {
  @Transform(upper)
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a province code: 2-16 characters A-Z, 0-9 or -' })
  province!: string;

  @IsOptional()
  @IsIn(['submitted', 'approved', 'returned'])
  status?: 'submitted' | 'approved' | 'returned';

  @IsOptional()
  @IsIn(['task', 'observation'])
  kind?: 'task' | 'observation';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
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
