import { MigrationInterface, QueryRunner } from 'typeorm';

/** kpi_comparison's foreign keys: (constraint, column, referenced table, what a delete there does). */
const KEYS = [
  ['kpi_comparison_indicator_id_fkey', 'indicator_id', 'indicator', 'ON DELETE CASCADE'],
  ['kpi_comparison_org_unit_id_fkey', 'org_unit_id', 'org_unit', 'ON DELETE CASCADE'],
  ['kpi_comparison_province_id_fkey', 'province_id', 'org_unit', 'ON DELETE CASCADE'],
  ['kpi_comparison_recompute_id_fkey', 'recompute_id', 'recompute_run', 'ON DELETE SET NULL'],
] as const;

/**
 * KPI comparisons are derived rows (every one recomputable from the observations), written millions at a time by
 * one statement of a national pass. Their four foreign keys checked each written row on its own (a lookup and a
 * row lock per key and row): measured on 1 M rows of the national dataset, 13.8 s to insert without them, 43.1 s
 * with the three on indicator and org unit, 48.9 s with all four; about 108 s of a 238 s national pass.
 *
 * The keys go; what they did on a delete stays, done once per statement by triggers with transition tables: a
 * deleted indicator or org unit takes its comparisons with it (as ON DELETE CASCADE did), a deleted recompute run is
 * no longer named by them (as ON DELETE SET NULL did). Only a pass racing with such a delete (an indicator that the
 * plan import removes because nothing uses it, so no pass computes a row of it) could leave a row naming what went;
 * the next national pass (the weekly consistency pass) deletes every row it does not compute, and readers join the
 * indicator and org unit of each row.
 */
export class KpiComparisonSetChecks1770000000070 implements MigrationInterface {
  name = 'KpiComparisonSetChecks1770000000070';

  async up(q: QueryRunner): Promise<void> {
    for (const [constraint] of KEYS) await q.query(`ALTER TABLE kpi_comparison DROP CONSTRAINT ${constraint}`);
    await q.query(`
      CREATE FUNCTION kpi_comparison_follow_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'indicator' THEN
          DELETE FROM kpi_comparison k USING gone g WHERE k.indicator_id = g.id;
        ELSIF TG_TABLE_NAME = 'org_unit' THEN
          DELETE FROM kpi_comparison k USING gone g WHERE k.org_unit_id = g.id;
          DELETE FROM kpi_comparison k USING gone g WHERE k.province_id = g.id;
        ELSE
          UPDATE kpi_comparison k SET recompute_id = NULL FROM gone g WHERE k.recompute_id = g.id;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['indicator', 'org_unit', 'recompute_run']) {
      await q.query(
        `CREATE TRIGGER ${table}_kpi_comparison_follow AFTER DELETE ON ${table} REFERENCING OLD TABLE AS gone
           FOR EACH STATEMENT EXECUTE FUNCTION kpi_comparison_follow_delete()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['indicator', 'org_unit', 'recompute_run'])
      await q.query(`DROP TRIGGER ${table}_kpi_comparison_follow ON ${table}`);
    await q.query(`DROP FUNCTION kpi_comparison_follow_delete()`);
    // Rows left naming a run that went while the keys were off lose that name, as ON DELETE SET NULL would have done.
    await q.query(
      `UPDATE kpi_comparison k SET recompute_id = NULL WHERE NOT EXISTS (SELECT 1 FROM recompute_run r WHERE r.id = k.recompute_id)`,
    );
    for (const [constraint, column, table, onDelete] of KEYS) {
      await q.query(`ALTER TABLE kpi_comparison ADD CONSTRAINT ${constraint} FOREIGN KEY (${column}) REFERENCES ${table} (id) ${onDelete}`);
    }
  }
}
