import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { PROVINCE_CODE_PATTERN } from '@dx/domain';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD_PATTERN = /^\d{4}(-(H[12]|Q[1-4]|\d{2}(-\d{2})?))?$/;

/** A province code such as `QN`, trimmed and upper-cased before it is checked; `field` names it in the error. */
export const IsProvinceCode = (field = 'province') =>
  applyDecorators(
    Transform(upper),
    Matches(PROVINCE_CODE_PATTERN, { message: `${field} must be a province code: 2-16 characters A-Z, 0-9 or -` }),
  );

/** A period code: a year, a half, a quarter, a month or a day. */
export const IsPeriodCode = () => Matches(PERIOD_PATTERN, { message: 'period must be 2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31' });

/** A date written YYYY-MM-DD (whether it is a real date is checked where it is used); `field` names it in the error. */
export const IsDateText = (field: string) => Matches(ISO_DATE_PATTERN, { message: `${field} must be a date YYYY-MM-DD` });
