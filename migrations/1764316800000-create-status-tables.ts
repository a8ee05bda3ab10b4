import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the status engine computes (written only by recomputes, read by everything
 * else), the outbox that triggers recomputes, and the status-change event log.
 */
export class CreateStatusTables1764316800000 implements MigrationInterface {
  name = 'CreateStatusTables1764316800000';

  async up(q: QueryRunner): Promise<void> {
    // Written in the same transaction as any write that can change a status; a relay moves rows into the queue.
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        document_id uuid,
        -- The indicator whose observations changed; NULL when anything may have changed (imports, plan edits).
        indicator_id uuid,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        job_id text,
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_not_enqueued_idx ON outbox (id) WHERE enqueued_at IS NULL`);
    await q.query(`CREATE INDEX outbox_unprocessed_idx ON outbox (province_id, id) WHERE processed_at IS NULL`);

    await q.query(`
      CREATE TABLE recompute_run (
        id uuid PRIMARY KEY,
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        trigger text NOT NULL,
        job_id text,
        fingerprint text NOT NULL,
        outbox_watermark bigint,
        rows_changed integer NOT NULL,
        events integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX recompute_run_scope_idx ON recompute_run (province_id, as_of, finished_at DESC)`);

    await q.query(`
      CREATE TABLE goal_status (
        goal_id uuid NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
        org_unit_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        status text NOT NULL CHECK (status IN ('met', 'not_met', 'on_track', 'at_risk', 'in_progress', 'no_data')),
        actual numeric,
        actual_period text,
        expected numeric,
        attainment numeric,
        attainment_display numeric,
        colour text CHECK (colour IN ('green', 'amber', 'red')),
        unverified boolean NOT NULL DEFAULT false,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (goal_id, org_unit_id, as_of)
      )`);

    await q.query(`
      CREATE TABLE task_status (
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        as_of date NOT NULL,
        overdue boolean NOT NULL,
        due_soon boolean NOT NULL,
        unverified boolean NOT NULL,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (task_id, as_of)
      )`);

    // scope_id is a province, document, goal group or task group id (by scope_kind); rows of a removed scope are deleted by the recompute.
    await q.query(`
      CREATE TABLE rollup (
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        scope_kind text NOT NULL CHECK (scope_kind IN ('province', 'document', 'goal_group', 'task_group')),
        scope_id uuid NOT NULL,
        as_of date NOT NULL,
        goal_counts jsonb,
        goals_met integer,
        goals_total integer,
        goals_recorded integer,
        goals_declared integer,
        task_counts jsonb,
        tasks_total integer,
        tasks_overdue integer,
        tasks_due_soon integer,
        tasks_unverified integer,
        task_progress numeric,
        tasks_recorded integer,
        tasks_declared integer,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (scope_kind, scope_id, as_of)
      )`);
    await q.query(`CREATE INDEX rollup_province_idx ON rollup (province_id, as_of)`);

    await q.query(`
      CREATE TABLE reconciliation (
        claim_id uuid PRIMARY KEY REFERENCES reported_claim (id) ON DELETE CASCADE,
        verdict text NOT NULL CHECK (verdict IN ('consistent', 'differs', 'self_inconsistent')),
        self_inconsistent boolean NOT NULL,
        differs boolean NOT NULL,
        computed_met integer NOT NULL,
        computed_total integer NOT NULL,
        differing_goals jsonb NOT NULL,
        reasons jsonb NOT NULL,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        computed_at timestamptz NOT NULL
      )`);

    // The comparison rules of libs/domain (attainment.ts: attainment, compareOp) for set-based KPI comparisons.
    await q.query(`
      CREATE FUNCTION dx_attainment(actual numeric, target numeric, direction text) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN direction = 'down'
                    THEN CASE WHEN actual = 0 THEN NULL ELSE trim_scale(round(target / actual, 4))::text END
                    ELSE CASE WHEN target = 0 THEN NULL ELSE trim_scale(round(actual / target, 4))::text END END
      $$`);
    await q.query(`
      CREATE FUNCTION dx_holds(actual numeric, op text, target numeric) RETURNS boolean
      LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE op WHEN '>=' THEN actual >= target WHEN '<=' THEN actual <= target WHEN '=' THEN actual = target
                       WHEN '>' THEN actual > target WHEN '<' THEN actual < target END
      $$`);
    await q.query(`
      CREATE TABLE kpi_comparison (
        indicator_id uuid NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
        org_unit_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        period text NOT NULL,
        period_end date NOT NULL,
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        value numeric NOT NULL,
        previous_period text NOT NULL,
        previous_value numeric,
        previous_change numeric,
        previous_change_rel numeric,
        year_ago_period text NOT NULL,
        year_ago_value numeric,
        year_ago_change numeric,
        year_ago_change_rel numeric,
        goal_targets jsonb NOT NULL,
        national_target jsonb,
        rank integer,
        rank_of integer,
        percentile numeric,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (indicator_id, org_unit_id, period)
      )`);
    await q.query(`CREATE INDEX kpi_comparison_province_idx ON kpi_comparison (province_id)`);
    // A province's observations by org unit, for its KPI comparisons.
    await q.query(`CREATE INDEX observation_org_idx ON observation (org_unit_id, indicator_id, period)`);
    await q.query(`CREATE INDEX kpi_comparison_rank_idx ON kpi_comparison (indicator_id, period)`);

    await q.query(`
      CREATE TABLE status_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        entity_kind text NOT NULL CHECK (entity_kind IN ('goal', 'task', 'rollup', 'reconciliation')),
        entity_id uuid NOT NULL,
        field text NOT NULL,
        from_value text,
        to_value text,
        as_of date NOT NULL,
        reason text NOT NULL,
        recompute_id uuid REFERENCES recompute_run (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX status_event_entity_idx ON status_event (entity_kind, entity_id, id)`);
    await q.query(`CREATE INDEX status_event_province_idx ON status_event (province_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX observation_org_idx');
    for (const table of [
      'status_event',
      'kpi_comparison',
      'reconciliation',
      'rollup',
      'task_status',
      'goal_status',
      'recompute_run',
      'outbox',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP FUNCTION dx_holds(numeric, text, numeric)');
    await q.query('DROP FUNCTION dx_attainment(numeric, numeric, text)');
  }
}
