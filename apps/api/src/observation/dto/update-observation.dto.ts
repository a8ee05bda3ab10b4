import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { UUID_PATTERN } from '@dx/domain';

/**
 * A number as a person writes it (`96,5`, `1.034`, `99,2%`, `96.5`), as CreateObservationDto takes it: only its characters are
 * checked here; the service reads it with the value's indicator (readFigures), which decides an ambiguous `1.034`.
 */
const NUMBER_TEXT = /^\s*[-−+]?[\d.,\s\u00a0\u202f]{0,60}\d[\d.,\s\u00a0\u202f]{0,60}%?\s*$/;
/** A JSON number is exact: written with the decimal comma, so that reading it as text cannot take 1.034 for a thousand. */
const numberText = ({ value }: { value: unknown }) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value).replace('.', ',') : value;
const decimal = (field: string) =>
  Matches(NUMBER_TEXT, { message: `${field} must be a number such as 81, 99,2 (decimal comma), 1.034 or 99.2` });
/** A figure that may be left out (stays), null (cleared) or a number as written; in the order stacked decorators register. */
const NullableFigure = (field: string) =>
  applyDecorators(
    decimal(field),
    Transform(numberText),
    IsOptional(),
    ValidateIf((_, v) => v !== null),
  );

/**
 * A correction of a stored KPI value: the figures and note given replace the stored ones (null clears one; a field
 * left out stays). Its indicator, agency, period and source stay: another key is another value.
 */
export class UpdateObservationDto {
  @NullableFigure('value')
  value?: string | null;

  @NullableFigure('numerator')
  numerator?: string | null;

  @NullableFigure('denominator')
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
