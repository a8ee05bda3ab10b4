import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DOCUMENT_SORTS, DocumentSort } from '../../../../../libs/db/src';
import { PROVINCE_CODE_PATTERN, upper } from '../../province/dto/province-code.param';

export class ListDocumentsQuery {
  @Transform(upper)
  @Matches(PROVINCE_CODE_PATTERN, { message: 'province must be a province code: 2-16 characters A-Z, 0-9 or -' })
  province: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  /** `position` is the order of the plan file. */
  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort: DocumentSort = 'position';
}
