import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';
import { IsDateText, IsPeriodCode, IsProvinceCode } from '../../common/fields';

export class AsOfQuery {
  /** YYYY-MM-DD; default: today in Asia/Ho_Chi_Minh. */
  @IsOptional()
  @IsDateText('as_of')
  as_of?: string;
}

/** A summary: its date and which page of its KPIs (those with a target first). */
export class SummaryQuery extends AsOfQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  kpiPage = 1;

  /** KPIs per page, default 50 (a national-scale province tracks hundreds of indicators). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  kpiPageSize = 50;
}

export class GoalIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a goal id (UUID)' })
  id: string;
}

export class IndicatorCodeParam {
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'code must be an indicator code (lowercase a-z, 0-9 and -)' })
  code: string;
}

export class ComparisonQuery {
  @IsProvinceCode()
  province: string;

  @IsOptional()
  @IsPeriodCode()
  period?: string;
}

export class IndicatorMapQuery {
  /** The province whose row to show; required except for admins, who get every row. */
  @IsOptional()
  @IsProvinceCode()
  province?: string;

  @IsPeriodCode()
  period: string;

  /** YYYY-MM-DD: show the values on the map of provinces valid that day (on or after the period's end); default the period's own map. */
  @IsOptional()
  @IsDateText('map')
  map?: string;
}

export class HistoryQuery {
  @IsProvinceCode()
  province: string;

  /** How many periods (default 12, at most 60). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(60)
  limit = 12;
}

export class JobIdParam {
  @Matches(/^[A-Za-z0-9_.-]{1,200}$/, { message: 'id must be a job id' })
  id: string;
}
