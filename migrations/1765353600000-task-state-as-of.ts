import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks as they stood at an as-of date. `task_status` keeps the status and progress the status
 * pass computed for the date (what reports and the dashboard list for a past date), not only the
 * flags; rows computed before are filled from the task as it is now, as those runs read it (the
 * engine's version bump recomputes them). The partial index finds a task's first recorded change
 * after a date (its audit entries by time) with one probe, so a recompute at today's date, which
 * finds none, does not read a task's whole history.
 */
export class TaskStateAsOf1765353600000 implements MigrationInterface {
  name = 'TaskStateAsOf1765353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE task_status ADD COLUMN status text, ADD COLUMN progress integer`);
    await q.query(`UPDATE task_status ts SET status = t.status, progress = t.progress FROM task t WHERE t.id = ts.task_id`);
    await q.query(`ALTER TABLE task_status ALTER COLUMN status SET NOT NULL`);
    await q.query(`ALTER TABLE task_status ADD CONSTRAINT task_status_status_ck CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled'))`);
    await q.query(`ALTER TABLE task_status ADD CONSTRAINT task_status_progress_ck CHECK (progress BETWEEN 0 AND 100)`);
    await q.query(`CREATE INDEX audit_log_task_at_idx ON audit_log (entity_id, at) WHERE entity_kind = 'task'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_task_at_idx`);
    await q.query(`ALTER TABLE task_status DROP COLUMN progress, DROP COLUMN status`);
  }
}
