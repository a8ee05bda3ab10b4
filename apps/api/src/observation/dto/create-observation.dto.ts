import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OBSERVATION_SORTS, ObservationSort } from '@dx/db';
import { IsPeriodCode, IsProvinceCode } from '../../common/fields';

export const INDICATOR_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/**
 * A number as a person writes it (`96,5`, `1.034`, `99,2%`, `96.5`, `1 234,5`): only its characters are checked here;
 * ObservationService reads it with the indicator it is for (readViNumber), which decides an ambiguous `1.034`.
 */
const NUMBER_TEXT = /^\s*[-−+]?[\d.,\s\u00a0\u202f]{0,60}\d[\d.,\s\u00a0\u202f]{0,60}%?\s*$/;
/** A JSON number is exact: written with the decimal comma, so that reading it as text cannot take 1.034 for a thousand. */
const numberText = ({ value }: { value: unknown }) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value).replace('.', ',') : value;
const NUMBER_MESSAGE = (field: string) => `${field} must be a number such as 81, 99,2 (decimal comma), 1.034 or 99.2`;

export class CreateObservationDto {
  @Matches(INDICATOR_CODE, { message: 'indicator must be an indicator code (lowercase a-z, 0-9 and -)' })
  @MaxLength(100)
  indicator!: string;

  @IsProvinceCode()
  province!: string;

  /** The agency or unit the value is for; default: the province itself. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  org?: string;

  @IsPeriodCode()
  period!: string;

  @IsOptional()
  @Transform(numberText)
  @Matches(NUMBER_TEXT, { message: NUMBER_MESSAGE('value') })
  value?: string | null;

  @IsOptional()
  @Transform(numberText)
  @Matches(NUMBER_TEXT, { message: NUMBER_MESSAGE('numerator') })
  numerator?: string | null;

  @IsOptional()
  @Transform(numberText)
  @Matches(NUMBER_TEXT, { message: NUMBER_MESSAGE('denominator') })
  denominator?: string | null;

  /** Who published the figure when several sources report it; values are unique per (indicator, org, period, source). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ListObservationsQuery {
  @IsProvinceCode()
  province!: string;

  @IsOptional()
  @Matches(INDICATOR_CODE, { message: 'indicator must be an indicator code (lowercase a-z, 0-9 and -)' })
  indicator?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  org?: string;

  @IsOptional()
  @IsPeriodCode()
  period?: string;

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
  @Max(500)
  pageSize = 100;

  @IsOptional()
  @IsIn(OBSERVATION_SORTS)
  sort: ObservationSort = 'period';
}

export class BulkObservationsQuery {
  /** For rows that name no province. */
  @IsOptional()
  @IsProvinceCode()
  province?: string;

  /** `true`: keep the valid rows when others are refused (default: all or nothing). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'partial must be true or false' })
  partial?: boolean;
}
