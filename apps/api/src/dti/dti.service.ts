import { Injectable } from '@nestjs/common';
import { DtiRepository, ProvinceRepository } from '@dx/db';
import { DomainError, DtiHistory, kpiMessages, Principal } from '@dx/domain';
import { readableProvinceId } from '../common/readable-province';

/**
 * DTI rankings are published nationally, so every signed-in account reads every year's
 * table; a province's history is for those who read the province.
 */
@Injectable()
export class DtiService {
  constructor(
    private readonly provinces: ProvinceRepository,
    private readonly dti: DtiRepository,
  ) {}

  async ranking(year: number, group: string) {
    const items = await this.dti.ranking(year, group);
    if (!items.length) throw new DomainError('COMPARISON_NOT_FOUND', kpiMessages.noDtiResults(year, group));
    return { year, group, items, total: items.length };
  }

  async movers(year: number, group: string, limit: number) {
    return this.dti.movers(year, group, limit);
  }

  async framework(year: number, group: string) {
    const framework = await this.dti.framework(year, group);
    if (!framework) throw new DomainError('COMPARISON_NOT_FOUND', kpiMessages.noDtiFramework(year, group));
    return framework;
  }

  async history(principal: Principal, code: string): Promise<DtiHistory> {
    const provinceId = await readableProvinceId(this.provinces, principal, code);
    return { province: code, years: await this.dti.history(provinceId) };
  }
}
