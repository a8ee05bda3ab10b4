import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Page } from '@dx/domain';
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

/** The rows a page stands for, as the repositories take them. */
export function pageWindow(q: { page: number; pageSize: number }): { offset: number; limit: number } {
  return { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
}

/** The body of every list answer (shared with the web, so declared in libs/domain). */
export type { Page };

export function pageOf<T>(q: { page: number; pageSize: number }, items: T[], total: number): Page<T> {
  return { items, page: q.page, pageSize: q.pageSize, total };
}
