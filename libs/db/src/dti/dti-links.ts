import { EntityManager } from 'typeorm';
import { ourProvinces } from './dti-province-matcher';

/**
 * Matches the provinces' DTI rows that no province of ours had when their table was
 * imported, by the import's own rules (code, statistical code, name), to the provinces
 * created since (a plan import, a reorganisation creating the reference provinces), so
 * the province's DTI position, its DTI-fed indicators and the comparison by province all
 * find its figures whichever came first. Runs in the caller's transaction; returns how
 * many rows it linked.
 */
export async function linkDtiResults(m: EntityManager): Promise<number> {
  const unlinked: { id: string; year: number; code: string | null; name: string }[] = await m.query(
    `SELECT id, year, code, name FROM dti_result WHERE "group" = 'provinces' AND org_unit_id IS NULL ORDER BY year, name_key`,
  );
  let linked = 0;
  for (const year of [...new Set(unlinked.map((r) => r.year))]) {
    const match = await ourProvinces(m, year);
    for (const r of unlinked.filter((x) => x.year === year)) {
      const orgUnitId = match(r.code, r.name);
      if (!orgUnitId) continue;
      await m.query(`UPDATE dti_result SET org_unit_id = $2 WHERE id = $1`, [r.id, orgUnitId]);
      linked++;
    }
  }
  return linked;
}
