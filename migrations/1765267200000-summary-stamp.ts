import { MigrationInterface, QueryRunner } from 'typeorm';

/** Province ids touched by a statement, from its transition table `changed`: one query per table the summary reads. */
export const SUMMARY_STAMP_SOURCES: Record<string, string> = {
  org_unit: `SELECT province_id FROM changed`,
  province_indicator: `SELECT province_id FROM changed`,
  document: `SELECT province_id FROM changed`,
  goal_group: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  task_group: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  goal: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  reported_claim: `SELECT d.province_id FROM changed c JOIN document d ON d.id = c.document_id`,
  recompute_run: `SELECT province_id FROM changed`,
  rollup: `SELECT province_id FROM changed`,
  goal_status: `SELECT o.province_id FROM changed c JOIN org_unit o ON o.id = c.org_unit_id`,
  reconciliation: `SELECT d.province_id FROM changed c JOIN reported_claim r ON r.id = c.claim_id JOIN document d ON d.id = r.document_id`,
  kpi_comparison: `SELECT province_id FROM changed`,
  // Indicators are shared by every province: their changes move one row of their own (the nil id).
  indicator: `SELECT '00000000-0000-0000-0000-000000000000'::uuid FROM changed LIMIT 1`,
};

const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * A version stamp per province that moves, in the same transaction, with every change to
 * what a province's summary reads (its plan structure, statuses, rollups, reconciliations,
 * KPI comparisons; indicators on a row of their own). The API keeps serialised summaries
 * and serves one again while the stamp rows it was read with are unchanged: the stamp and
 * the summary are read in one snapshot, and any later commit touching the province
 * replaces the stamp row (a new `xmin`). Derived state: not in backups (restores rebuild it).
 *
 * Statement-level triggers with transition tables (one per event: PostgreSQL allows
 * transition tables only on single-event triggers), so a statement writing a million rows
 * bumps each province once. Rows are locked in province order, so statements touching
 * several provinces cannot deadlock on them. Updates count the new rows only: no write
 * moves a row to another province.
 */
export class SummaryStamp1765267200000 implements MigrationInterface {
  name = 'SummaryStamp1765267200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE summary_stamp (province_id uuid PRIMARY KEY, version bigint NOT NULL)`);
    await q.query(`
      CREATE FUNCTION summary_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format(
          'INSERT INTO summary_stamp AS s (province_id, version)
             SELECT DISTINCT p, 1 FROM (%s) AS x (p) WHERE p IS NOT NULL ORDER BY 1
           ON CONFLICT (province_id) DO UPDATE SET version = s.version + 1',
          TG_ARGV[0]);
        RETURN NULL;
      END $$`);
    for (const [table, source] of Object.entries(SUMMARY_STAMP_SOURCES)) {
      for (const [suffix, event, transition] of EVENTS) {
        await q.query(
          `CREATE TRIGGER ${table}_summary_stamp_${suffix} AFTER ${event} ON ${table} REFERENCING ${transition} TABLE AS changed
             FOR EACH STATEMENT EXECUTE FUNCTION summary_stamp_bump('${source.replace(/'/g, "''")}')`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(SUMMARY_STAMP_SOURCES)) {
      for (const [suffix] of EVENTS) await q.query(`DROP TRIGGER ${table}_summary_stamp_${suffix} ON ${table}`);
    }
    await q.query(`DROP FUNCTION summary_stamp_bump()`);
    await q.query(`DROP TABLE summary_stamp`);
  }
}
