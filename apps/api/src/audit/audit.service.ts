import { Injectable } from '@nestjs/common';
import { AuditRepository, ProvinceRepository } from '@dx/db';
import { accessMessages, assertAccess, canReadAudit, commonMessages, DomainError, isIsoDate, Principal } from '@dx/domain';
import { buildAuditXlsx } from '@dx/reports';
import { existingProvinceId } from '../common/readable-province';
import { ListAuditQuery } from './dto/list-audit.query';
import { pageOf, pageWindow } from '../common/page.query';

/** The most entries one export holds (newest first). */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

@Injectable()
export class AuditService {
  constructor(
    private readonly provinces: ProvinceRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Newest first. Officers and leaders read their province's log; admins any province's or all. */
  async list(principal: Principal, q: ListAuditQuery) {
    const { rows, total } = await this.audit.list({ ...(await this.filter(principal, q)), ...pageWindow(q) });
    return pageOf(q, rows, total);
  }

  /** The entries the same filters select (at most AUDIT_EXPORT_MAX_ROWS, newest first) as an XLSX workbook with Vietnamese headers. */
  async export(principal: Principal, q: ListAuditQuery): Promise<{ bytes: Buffer; name: string }> {
    const { rows } = await this.audit.list({ ...(await this.filter(principal, q)), offset: 0, limit: AUDIT_EXPORT_MAX_ROWS });
    const scope = q.province ?? 'tat-ca';
    const range = [q.from, q.to].filter(Boolean).join('_');
    const title = `Nhật ký thay đổi — ${q.province ?? 'tất cả các tỉnh'}${q.from || q.to ? ` (${q.from ?? '…'} – ${q.to ?? '…'})` : ''}`;
    return { bytes: await buildAuditXlsx(rows, title), name: `nhat-ky-${scope}${range ? `-${range}` : ''}.xlsx` };
  }

  private async filter(principal: Principal, q: ListAuditQuery) {
    for (const [name, value] of [
      ['from', q.from],
      ['to', q.to],
    ] as const) {
      if (value !== undefined && !isIsoDate(value)) throw new DomainError('INVALID_DATE', commonMessages.notARealDate(name, value));
    }
    if (q.from && q.to && q.from > q.to) throw new DomainError('INVALID_DATE', commonMessages.fromAfterTo(q.from, q.to));
    let provinceId: string | null = null;
    if (q.province) {
      provinceId = await existingProvinceId(this.provinces, q.province);
    } else if (principal.role !== 'admin') {
      provinceId = principal.provinceId;
    }
    assertAccess(canReadAudit(principal, provinceId), accessMessages.noAccessToAuditLog());
    return { provinceId, entityKind: q.entity, entityId: q.id, from: q.from, to: q.to, actor: q.actor?.trim() || undefined };
  }
}
