import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsProvinceCode } from './fields';

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
  @IsProvinceCode()
  province!: string;
}
