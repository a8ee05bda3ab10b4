import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI comparisons are recomputed apart from statuses, in their own transaction after
 * them, and scoped to what changed: outbox rows name the org unit and period whose
 * observation changed and carry their own "KPI processed" mark; a national KPI pass is recorded as
 * a run without a province.
 */
export class SplitKpiRecompute1764403200000 implements MigrationInterface {
  name = 'SplitKpiRecompute1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN org_unit_id uuid, ADD COLUMN period text, ADD COLUMN kpi_processed_at timestamptz`);
    await q.query(`UPDATE outbox SET kpi_processed_at = processed_at WHERE processed_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_kpi_unprocessed_idx ON outbox (province_id, id) WHERE kpi_processed_at IS NULL`);
    await q.query(`ALTER TABLE recompute_run ALTER COLUMN province_id DROP NOT NULL`);
    await q.query(`ALTER TABLE recompute_run ADD COLUMN kind text NOT NULL DEFAULT 'status' CHECK (kind IN ('status', 'kpi'))`);
    await q.query(`ALTER TABLE recompute_run ADD CONSTRAINT recompute_run_status_province CHECK (kind = 'kpi' OR province_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM recompute_run WHERE province_id IS NULL`);
    await q.query(`ALTER TABLE recompute_run DROP CONSTRAINT recompute_run_status_province`);
    await q.query(`ALTER TABLE recompute_run DROP COLUMN kind`);
    await q.query(`ALTER TABLE recompute_run ALTER COLUMN province_id SET NOT NULL`);
    await q.query(`DROP INDEX outbox_kpi_unprocessed_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN kpi_processed_at, DROP COLUMN period, DROP COLUMN org_unit_id`);
  }
}
