import { Injectable } from '@nestjs/common';
import { ProvinceRepository } from '@dx/db';
import { DomainError, orgMessages, Principal, readableProvince, things } from '@dx/domain';
import { assertReadable } from '../common/readable-province';
import { ProvinceListItem, ProvinceResponse } from './dto/province.response';

@Injectable()
export class ProvinceService {
  constructor(private readonly provinces: ProvinceRepository) {}

  /** The provinces the principal may read: every one for admins, its own for everyone else. */
  async list(principal: Principal): Promise<{ items: ProvinceListItem[]; total: number }> {
    const only = readableProvince(principal);
    const rows = (await this.provinces.listProvinces()).filter((p) => only === null || p.id === only);
    const items = rows.map((p) => ({ code: p.code, name: p.name, validFrom: p.validFrom, validTo: p.validTo }));
    return { items, total: items.length };
  }

  async get(principal: Principal, code: string): Promise<ProvinceResponse> {
    const row = await this.provinces.findProvince(code);
    if (!row) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(code));
    await assertReadable(this.provinces, principal, row.province.id, things.province(code));
    const { province, agencies, counts } = row;
    return {
      code: province.code,
      name: province.name,
      officialCode: province.officialCode,
      validFrom: province.validFrom,
      validTo: province.validTo,
      agencies: agencies.map((a) => ({
        code: a.code,
        name: a.name,
        kind: a.kind,
        parent: a.parentCode,
        validFrom: a.validFrom,
        validTo: a.validTo,
      })),
      counts,
      ...(await this.provinces.lineage(province.id)),
    };
  }
}
