import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrgUnitEntity } from '../entities';

export interface ProvinceSummaryRow {
  province: OrgUnitEntity;
  agencies: (OrgUnitEntity & { parentCode: string | null })[];
  counts: { documents: number; indicators: number; observations: number; goals: number; tasks: number };
}

@Injectable()
export class ProvinceRepository {
  constructor(private readonly dataSource: DataSource) {}

  listProvinces(): Promise<OrgUnitEntity[]> {
    return this.dataSource.getRepository(OrgUnitEntity).find({ where: { kind: 'province' }, order: { code: 'ASC' } });
  }

  async findProvince(code: string): Promise<ProvinceSummaryRow | null> {
    const units = this.dataSource.getRepository(OrgUnitEntity);
    const province = await units.findOne({ where: { kind: 'province', code } });
    if (!province) return null;
    const all = await units.find({ where: { provinceId: province.id }, order: { position: 'ASC', code: 'ASC' } });
    const codeOf = new Map(all.map((u) => [u.id, u.code]));
    const [counts] = await this.dataSource.query(
      `SELECT
         (SELECT count(*) FROM document WHERE province_id = $1)::int AS documents,
         (SELECT count(*) FROM province_indicator WHERE province_id = $1)::int AS indicators,
         (SELECT count(*) FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE u.province_id = $1)::int AS observations,
         (SELECT count(*) FROM goal g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1)::int AS goals,
         (SELECT count(*) FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1)::int AS tasks`,
      [province.id],
    );
    return {
      province,
      agencies: all
        .filter((u) => u.kind !== 'province')
        .map((u) => ({ ...u, parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null })),
      counts,
    };
  }

  async provinceId(code: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(OrgUnitEntity).findOne({ where: { kind: 'province', code }, select: { id: true } });
    return row?.id ?? null;
  }
}
