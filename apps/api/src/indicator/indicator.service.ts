import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProvinceRepository, trackedIndicators } from '../../../../libs/db/src';
import { assertAccess, canRead, DomainError, Principal } from '../../../../libs/domain/src';
import { ProvincePageQuery } from '../common/page.query';

@Injectable()
export class IndicatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
  ) {}

  async list(principal: Principal, q: ProvincePageQuery) {
    const provinceId = await this.provinces.provinceId(q.province);
    if (!provinceId) throw new DomainError('PROVINCE_NOT_FOUND', `no province with code "${q.province}"`);
    assertAccess(canRead(principal, provinceId), `no access to province ${q.province}`);
    const all = await trackedIndicators(this.dataSource, provinceId);
    return { items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), page: q.page, pageSize: q.pageSize, total: all.length };
  }
}
