import { Injectable } from '@nestjs/common';
import { AuditRepository, ProvinceRepository } from '@dx/db';
import { assertAccess, canReadAudit, Principal } from '@dx/domain';
import { existingProvinceId } from '../common/readable-province';
import { ListAuditQuery } from './dto/list-audit.query';
import { pageOf, pageWindow } from '../common/page.query';

@Injectable()
export class AuditService {
  constructor(
    private readonly provinces: ProvinceRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Newest first. Officers and leaders read their province's log; admins any province's or all. */
  async list(principal: Principal, q: ListAuditQuery) {
    let provinceId: string | null = null;
    if (q.province) {
      provinceId = await existingProvinceId(this.provinces, q.province);
    } else if (principal.role !== 'admin') {
      provinceId = principal.provinceId;
    }
    assertAccess(canReadAudit(principal, provinceId), 'no access to this audit log');
    const { rows, total } = await this.audit.list({
      provinceId,
      entityKind: q.entity,
      entityId: q.id,
      ...pageWindow(q),
    });
    return pageOf(q, rows, total);
  }
}
