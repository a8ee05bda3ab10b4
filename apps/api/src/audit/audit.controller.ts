import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '@dx/domain';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ListAuditQuery } from './dto/list-audit.query';
import { AuditService } from './audit.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first, filtered by kind, item, date range (from/to, Asia/Ho_Chi_Minh days) and person (actor). */
  @Roles('admin', 'officer', 'leader')
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAuditQuery) {
    return this.audit.list(principal, query);
  }

  /** The same filters as an Excel workbook (Vietnamese headers, at most 10,000 entries, newest first); page/pageSize are ignored. */
  @Roles('admin', 'officer', 'leader')
  @Get('export')
  async export(@CurrentPrincipal() principal: Principal, @Query() query: ListAuditQuery, @Res() res: Response): Promise<void> {
    const { bytes, name } = await this.audit.export(principal, query);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.send(bytes);
  }
}
