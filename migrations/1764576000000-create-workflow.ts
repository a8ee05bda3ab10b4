import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The approval workflow and leaders' reviews: per-province settings (whether reporters
 * are trusted directly), submissions (a reporter's task update or KPI value waiting for
 * an officer: submitted → approved | returned), and directives (chỉ đạo) and comments
 * on a goal, task or group, with an assignee agency and a due date (open → answered → closed).
 */
export class CreateWorkflow1764576000000 implements MigrationInterface {
  name = 'CreateWorkflow1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE province_setting (
        province_id uuid PRIMARY KEY REFERENCES org_unit (id) ON DELETE CASCADE,
        trust_reporters boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      )`);
    await q.query(`
      CREATE TABLE submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('task', 'observation')),
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        -- The task updated (kind task); null for a KPI value (the payload names it).
        task_id uuid REFERENCES task (id) ON DELETE CASCADE,
        base_version integer,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'returned')),
        submitted_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        submitted_by_name text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by_name text,
        decided_at timestamptz,
        reason text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT submission_task_ck CHECK ((kind = 'task') = (task_id IS NOT NULL)),
        CONSTRAINT submission_decision_ck CHECK ((status = 'submitted') = (decided_at IS NULL)),
        CONSTRAINT submission_reason_ck CHECK (status <> 'returned' OR coalesce(btrim(reason), '') <> '')
      )`);
    await q.query(`CREATE INDEX submission_province_idx ON submission (province_id, status, submitted_at DESC)`);
    await q.query(`
      CREATE TABLE directive (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES org_unit (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('directive', 'comment')),
        target_kind text NOT NULL CHECK (target_kind IN ('goal', 'task', 'goal_group', 'task_group')),
        target_id uuid NOT NULL,
        body text NOT NULL CHECK (btrim(body) <> ''),
        assignee_id uuid REFERENCES org_unit (id) ON DELETE SET NULL,
        due date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
        answer text,
        created_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_by_name text,
        answered_at timestamptz,
        closed_by_name text,
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT directive_answer_ck CHECK (status = 'open' OR answer IS NOT NULL OR kind = 'comment')
      )`);
    await q.query(`CREATE INDEX directive_province_idx ON directive (province_id, status, due)`);
    await q.query(`CREATE INDEX directive_target_idx ON directive (target_kind, target_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directive`);
    await q.query(`DROP TABLE submission`);
    await q.query(`DROP TABLE province_setting`);
  }
}
