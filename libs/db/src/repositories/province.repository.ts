import type { LineageEntry } from '@dx/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { batchedLookup } from '../batched-lookup';
import { OrgUnitEntity } from '../entities';

export interface ProvinceSummaryRow {
  province: OrgUnitEntity;
  agencies: (OrgUnitEntity & { parentCode: string | null })[];
  counts: { documents: number; indicators: number; observations: number; goals: number; tasks: number };
}

export type { LineageEntry };

@Injectable()
export class ProvinceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether any plan was ever imported into this database (the demo data load only into one where none was). */
  async anyImportRun(): Promise<boolean> {
    const [{ count }]: { count: number }[] = await this.dataSource.query('SELECT count(*)::int AS count FROM import_run');
    return count > 0;
  }

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

  /**
   * The provinces this one was formed from (through every reorganisation, earliest last)
   * with the documents that stay attached to them, and those it became part of.
   */
  async lineage(provinceId: string): Promise<{ predecessors: LineageEntry[]; successors: LineageEntry[] }> {
    const walk = (from: 'predecessor_id' | 'successor_id', to: 'predecessor_id' | 'successor_id') =>
      this.dataSource.query(
        `WITH RECURSIVE chain (id, depth, kind, effective) AS (
           SELECT s.${to}, 1, s.kind, s.effective FROM org_succession s WHERE s.${from} = $1
           UNION
           SELECT s.${to}, c.depth + 1, s.kind, s.effective FROM org_succession s JOIN chain c ON s.${from} = c.id WHERE c.depth < 20
         )
         SELECT u.code, u.name, u.valid_from::text AS "validFrom", u.valid_to::text AS "validTo", c.kind, c.effective::text AS effective,
                coalesce((SELECT json_agg(json_build_object('code', d.code, 'title', d.title) ORDER BY d.issued, d.code) FROM document d WHERE d.province_id = u.id), '[]') AS documents
           FROM (SELECT DISTINCT ON (id) * FROM chain ORDER BY id, depth) c JOIN org_unit u ON u.id = c.id
          WHERE u.kind = 'province'
          ORDER BY c.effective DESC, u.code`,
        [provinceId],
      );
    return { predecessors: await walk('successor_id', 'predecessor_id'), successors: await walk('predecessor_id', 'successor_id') };
  }

  /** Whether `ancestorId` is a province that `provinceId` was formed from, through any number of reorganisations. */
  async isPredecessor(ancestorId: string, provinceId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `WITH RECURSIVE chain (id, depth) AS (
         SELECT predecessor_id, 1 FROM org_succession WHERE successor_id = $2
         UNION
         SELECT s.predecessor_id, c.depth + 1 FROM org_succession s JOIN chain c ON s.successor_id = c.id WHERE c.depth < 20
       )
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $1) AS found`,
      [ancestorId, provinceId],
    );
    return row.found;
  }

  /**
   * Read on nearly every request: plain SQL (TypeORM's query building cost more than the query), and the look-ups
   * of concurrent requests share one query (batchedLookup).
   */
  provinceId(code: string): Promise<string | null> {
    return this.ids.load(code);
  }

  private readonly ids = batchedLookup(async (codes) => {
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      `SELECT id, code FROM org_unit WHERE kind = 'province' AND code = ANY($1)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  });
}
