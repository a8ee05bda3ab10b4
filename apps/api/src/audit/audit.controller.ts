import { Controller, Get, Query } from '@nestjs/common';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ListAuditQuery } from './dto/list-audit.query';
import { AuditService } from './audit.service';

@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin', 'officer', 'leader')
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAuditQuery) {
    return this.audit.list(principal, query);
  }
}
