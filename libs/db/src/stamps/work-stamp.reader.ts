import { DataSource, EntityManager } from 'typeorm';

/** A province and the stamp of its tasks and directives: a text that changes with every committed change to what its task list and its dashboard's live part read. */
export interface WorkStamp {
  provinceId: string;
  provinceCode: string;
  stamp: string;
}

/**
 * Provinces by code with their work stamps (work_stamp, kept by triggers: migration 1770000000080), each as version
 * and row version (xmin), in one indexed query; codes without a province are left out. A province whose stamp row
 * has not been written yet has the stamp ''.
 */
export async function readWorkStamps(db: DataSource | EntityManager, provinceCodes: readonly string[]): Promise<Map<string, WorkStamp>> {
  const rows: { id: string; code: string; stamp: string }[] = await db.query(
    `SELECT p.id, p.code, coalesce((SELECT s.version || ':' || s.xmin::text FROM work_stamp s WHERE s.province_id = p.id), '') AS stamp
       FROM org_unit p WHERE p.kind = 'province' AND p.code = ANY($1)`,
    [provinceCodes],
  );
  return new Map(rows.map((r) => [r.code, { provinceId: r.id, provinceCode: r.code, stamp: r.stamp }]));
}
