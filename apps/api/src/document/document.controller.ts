import { Controller, Get, Query } from '@nestjs/common';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { DocumentService } from './document.service';
import { ListDocumentsQuery } from './dto/list-documents.query';

@Controller('api/v1/documents')
export class DocumentController {
  constructor(private readonly documents: DocumentService) {}

  /** A province's documents with group counts and reported claims, paginated. */
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDocumentsQuery) {
    return this.documents.list(principal, query);
  }
}
