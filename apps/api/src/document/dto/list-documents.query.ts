import { IsIn, IsOptional } from 'class-validator';
import { DOCUMENT_SORTS, DocumentSort } from '../../../../../libs/db/src';
import { ProvincePageQuery } from '../../common/page.query';

export class ListDocumentsQuery extends ProvincePageQuery {
  /** `position` is the order of the plan file. */
  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort: DocumentSort = 'position';
}
