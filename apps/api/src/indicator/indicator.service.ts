import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProvinceRepository, trackedIndicators } from '@dx/db';
import { Principal } from '@dx/domain';
import { pageOf, pageWindow, ProvincePageQuery } from '../common/page.query';
import { readableProvinceId } from '../common/readable-province';

@Injectable()
export class IndicatorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
  ) {}

  async list(principal: Principal, q: ProvincePageQuery) {
    const provinceId = await readableProvinceId(this.provinces, principal, q.province);
    const all = await trackedIndicators(this.dataSource, provinceId);
    const { offset, limit } = pageWindow(q);
    return pageOf(q, all.slice(offset, offset + limit), all.length);
  }
}
