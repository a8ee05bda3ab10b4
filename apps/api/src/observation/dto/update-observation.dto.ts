import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';

/** Exact decimals as text (JSON numbers are accepted and kept as written when plain); null clears the figure. */
const DECIMAL = /^-?\d{1,18}(\.\d{1,12})?$/;
const decimalText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
const decimal = (field: string) =>
  Matches(DECIMAL, { message: `${field} must be a decimal number such as 81 or 99.2 (at most 18 digits before and 12 after the point)` });

/**
 * A correction of a stored KPI value: the figures and note given replace the stored ones (null clears one; a field
 * left out stays). Its indicator, agency, period and source stay: another key is another value.
 */
export class UpdateObservationDto {
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Transform(decimalText)
  @decimal('value')
  value?: string | null;

  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Transform(decimalText)
  @decimal('numerator')
  numerator?: string | null;

  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @Transform(decimalText)
  @decimal('denominator')
  denominator?: string | null;

  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class ObservationIdParam {
  @Matches(UUID_PATTERN, { message: 'id must be a KPI value id (UUID)' })
  id!: string;
}
