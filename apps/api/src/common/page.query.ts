import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PROVINCE_CODE_PATTERN, upper } from '../province/dto/province-code.param';

/** `page` (from 1) and `pageSize` (1-200, default 50) of a list. */
export class PageQuery {
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

/** A page of one province's rows. */
export class ProvincePageQuery extends PageQuery {
  @Transform(upper)
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a province code: 2-16 characters A-Z, 0-9 or -' })
  province!: string;
}
