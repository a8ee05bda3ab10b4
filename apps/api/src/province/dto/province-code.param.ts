import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

export const PROVINCE_CODE_PATTERN = /^[A-Z0-9-]{2,16}$/;
export const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class ProvinceCodeParam {
  @Transform(upper)
  @Matches(PROVINCE_CODE_PATTERN, { message: 'code must be a province code: 2-16 characters A-Z, 0-9 or -' })
  code: string;
}
