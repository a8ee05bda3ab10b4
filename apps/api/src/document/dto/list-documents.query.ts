import { IsIn, IsOptional } from 'class-validator';
import { DOCUMENT_SORTS, DocumentSort } from '@dx/db';
import { ProvincePageQuery } from '../../common/page.query';

export class ListDocumentsQuery extends ProvincePageQuery {
  /** `position` is the order of the plan file. */
  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort: DocumentSort = 'position';
}
