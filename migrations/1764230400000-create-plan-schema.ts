import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan schema: org units (with validity, for reorganisations), indicators,
 * documents with goal and task groups, goals, tasks, reported claims, KPI
 * observations and import runs. Needs PostgreSQL 15+ (UNIQUE NULLS NOT DISTINCT).
 */
export class CreatePlanSchema1764230400000 implements MigrationInterface {
  name = 'CreatePlanSchema1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('province', 'department', 'district', 'commune', 'other')),
        parent_id uuid REFERENCES org_unit (id) ON DELETE SET NULL,
        valid_from date,
        valid_to date,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_unit_province_fk FOREIGN KEY (province_id) REFERENCES org_unit (id) ON DELETE CASCADE,
        CONSTRAINT org_unit_code_uq UNIQUE (province_id, code),
        CONSTRAINT org_unit_province_self_ck CHECK ((kind = 'province') = (province_id = id)),
        CONSTRAINT org_unit_validity_ck CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        CONSTRAINT org_unit_code_ck CHECK (code <> '' AND name <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX org_unit_province_code_uq ON org_unit (code) WHERE kind = 'province'`);
    await q.query(`CREATE INDEX org_unit_parent_idx ON org_unit (parent_id)`);

    // Indicators are shared by code so provinces can be compared; what they measure
    // (unit, kind, scale, direction) is shared too. Each province keeps its own label and
    // national target in province_indicator, so one province's file never rewrites another's.
    await q.query(`
      CREATE TABLE indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT indicator_code_uq UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        unit text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ratio', 'percent', 'count', 'amount', 'score', 'rank', 'boolean')),
        scale numeric CHECK (scale > 0),
        direction text NOT NULL CHECK (direction IN ('up', 'down')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_scale_ck CHECK ((kind = 'ratio') = (scale IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE province_indicator (
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
        name text NOT NULL,
        national_target_op text CHECK (national_target_op IN ('>=', '<=', '=', '>', '<')),
        national_target_value numeric,
        national_target_due date,
        national_target_source text,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (province_id, indicator_id),
        CONSTRAINT province_indicator_target_ck CHECK ((national_target_op IS NULL) = (national_target_value IS NULL))
      )`);

    await q.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        code text NOT NULL,
        type text NOT NULL CHECK (type IN ('resolution', 'plan', 'decision', 'program', 'report')),
        issuer text NOT NULL,
        issued date NOT NULL,
        title text NOT NULL,
        period_from date,
        period_to date,
        scope text NOT NULL DEFAULT 'province' CHECK (scope IN ('province', 'national')),
        implements_id uuid REFERENCES document (id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_code_uq UNIQUE (province_id, code),
        CONSTRAINT document_period_ck CHECK ((period_from IS NULL) = (period_to IS NULL) AND (period_to IS NULL OR period_to >= period_from)),
        CONSTRAINT document_not_self_ck CHECK (implements_id IS NULL OR implements_id <> id)
      )`);

    for (const kind of ['goal', 'task']) {
      await q.query(`
        CREATE TABLE ${kind}_group (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
          code text NOT NULL,
          name text NOT NULL,
          declared_count integer CHECK (declared_count >= 0),
          position integer NOT NULL DEFAULT 0,
          version integer NOT NULL DEFAULT 1,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT ${kind}_group_code_uq UNIQUE (document_id, code),
          CONSTRAINT ${kind}_group_document_uq UNIQUE (id, document_id)
        )`);
    }

    await q.query(`
      CREATE TABLE goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        group_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('quantitative', 'milestone')),
        indicator_id uuid REFERENCES indicator (id) ON DELETE RESTRICT,
        target_op text CHECK (target_op IN ('>=', '<=', '=', '>', '<')),
        target_value numeric,
        baseline_value numeric,
        baseline_date date,
        due date NOT NULL,
        reported_status text CHECK (reported_status IN ('met', 'not_met', 'in_progress')),
        reported_as_of date,
        evidence_number text,
        evidence_date date,
        evidence_issuer text,
        source text,
        note text,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT goal_group_fk FOREIGN KEY (group_id, document_id) REFERENCES goal_group (id, document_id) ON DELETE CASCADE,
        CONSTRAINT goal_code_uq UNIQUE (document_id, code),
        CONSTRAINT goal_kind_ck CHECK (
          (kind = 'quantitative' AND indicator_id IS NOT NULL AND target_op IS NOT NULL AND target_value IS NOT NULL)
          OR (kind = 'milestone' AND indicator_id IS NULL AND target_op IS NULL AND target_value IS NULL AND baseline_value IS NULL)),
        CONSTRAINT goal_baseline_ck CHECK ((baseline_value IS NULL) = (baseline_date IS NULL))
      )`);
    await q.query(`CREATE INDEX goal_indicator_idx ON goal (indicator_id)`);

    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL,
        group_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        lead_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
        due date,
        status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),
        progress integer CHECK (progress BETWEEN 0 AND 100),
        evidence_number text,
        evidence_date date,
        evidence_issuer text,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT task_group_fk FOREIGN KEY (group_id, document_id) REFERENCES task_group (id, document_id) ON DELETE CASCADE,
        CONSTRAINT task_code_uq UNIQUE (document_id, code),
        CONSTRAINT task_done_progress_ck CHECK (status <> 'done' OR progress IS NULL OR progress = 100)
      )`);
    await q.query(`CREATE INDEX task_lead_idx ON task (lead_id)`);
    await q.query(`
      CREATE TABLE task_support (
        task_id uuid NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        org_unit_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (task_id, org_unit_id)
      )`);

    await q.query(`
      CREATE TABLE reported_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        scope text NOT NULL,
        met integer NOT NULL CHECK (met >= 0),
        "of" integer NOT NULL CHECK ("of" >= 0),
        open integer CHECK (open >= 0),
        as_of date NOT NULL,
        source text,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reported_claim_uq UNIQUE NULLS NOT DISTINCT (document_id, scope, as_of, source)
      )`);

    await q.query(`
      CREATE TABLE import_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid REFERENCES org_unit (id) ON DELETE SET NULL,
        province_code text NOT NULL,
        file_name text NOT NULL,
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        actor text NOT NULL,
        pruned boolean NOT NULL DEFAULT false,
        counts jsonb NOT NULL,
        warnings jsonb NOT NULL DEFAULT '[]',
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE observation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES indicator (id) ON DELETE RESTRICT,
        org_unit_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        period text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('year', 'half', 'quarter', 'month', 'day')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        value numeric,
        numerator numeric,
        denominator numeric CHECK (denominator > 0),
        source text,
        note text,
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        import_run_id uuid REFERENCES import_run (id) ON DELETE SET NULL,
        position integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT observation_uq UNIQUE NULLS NOT DISTINCT (indicator_id, org_unit_id, period, source),
        CONSTRAINT observation_value_ck CHECK (value IS NOT NULL OR (numerator IS NOT NULL AND denominator IS NOT NULL)),
        CONSTRAINT observation_period_ck CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX observation_lookup_idx ON observation (indicator_id, org_unit_id, period_end)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'observation',
      'import_run',
      'reported_claim',
      'task_support',
      'task',
      'goal',
      'task_group',
      'goal_group',
      'document',
      'province_indicator',
      'indicator',
      'org_unit',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
