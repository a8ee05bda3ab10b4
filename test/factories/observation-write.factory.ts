import { DataSource } from 'typeorm';

/**
 * Changes an observation's value the way a write does: the row and its outbox entry
 * in one transaction (the write API arrives in a later issue; imports do the same).
 */
export async function writeObservationValue(
  dataSource: DataSource,
  where: { province: string; indicator: string; period: string },
  value: string,
): Promise<void> {
  await dataSource.transaction(async (m) => {
    const rows = await m.query(
      `UPDATE observation o SET value = $4, numerator = NULL, denominator = NULL, version = o.version + 1, updated_at = now()
         FROM org_unit u, indicator i
        WHERE u.id = o.org_unit_id AND u.kind = 'province' AND u.code = $1 AND i.id = o.indicator_id AND i.code = $2 AND o.period = $3
        RETURNING u.id AS province_id, i.id AS indicator_id`,
      [where.province, where.indicator, where.period, value],
    );
    type Updated = { province_id: string; indicator_id: string };
    const updated = rows[0] as Updated[] | Updated | undefined;
    const row = Array.isArray(updated) ? updated[0] : updated;
    if (!row) throw new Error(`no observation ${where.indicator} ${where.province} ${where.period}`);
    await m.query(`INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason) VALUES ($1, $2, $1, $3, 'observation')`, [
      row.province_id,
      row.indicator_id,
      where.period,
    ]);
  });
}
