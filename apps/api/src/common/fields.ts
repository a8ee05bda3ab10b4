import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PROVINCE_CODE_PATTERN, readPeriod } from '@dx/domain';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A period code: a year, a half, a quarter, a month 01-12 or a day (whether the day exists is checked where it is used). */
export const PERIOD_PATTERN = /^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/;
/** A period as people write it (`Quý 3/2024`, `Tháng 10/2023`, `2024-q3`) becomes its code; anything else is left to the pattern. */
const periodCode = ({ value }: { value: unknown }) => (typeof value === 'string' ? (readPeriod(value)?.code ?? value) : value);

/** A province code such as `QN`, trimmed and upper-cased before it is checked; `field` names it in the error. */
export const IsProvinceCode = (field = 'province') =>
  applyDecorators(
    Transform(upper),
    Matches(PROVINCE_CODE_PATTERN, { message: `${field} must be a province code: 2-16 characters A-Z, 0-9 or -` }),
  );

/** A period: a code (a year, a half, a quarter, a month or a day) or its Vietnamese name, read as its code. */
export const IsPeriodCode = () =>
  applyDecorators(
    Transform(periodCode),
    Matches(PERIOD_PATTERN, {
      message: 'period must be 2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31, or a name such as Quý 3/2024 or Tháng 10/2023',
    }),
  );

/** A date written YYYY-MM-DD (whether it is a real date is checked where it is used); `field` names it in the error. */
export const IsDateText = (field: string) => Matches(ISO_DATE_PATTERN, { message: `${field} must be a date YYYY-MM-DD` });

// The two below list their checks in the order stacked decorators register them (the lowest first), so a field's
// messages come out as they did when the checks were written on the field.

/** Agency codes (a task's supporting agencies): a list of at most 50, each at most 100 characters. */
export const IsAgencyCodes = () => applyDecorators(MaxLength(100, { each: true }), IsString({ each: true }), ArrayMaxSize(50), IsArray());

/** A task's progress: a whole percentage 0-100. */
export const IsProgress = () => applyDecorators(Max(100), Min(0), IsInt());
