import { MigrationInterface, QueryRunner } from 'typeorm';

/** Today in Asia/Ho_Chi_Minh, the time zone of as-of dates. */
const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/**
 * Tasks as they stood at an as-of date. `task_status` keeps the status and progress the status
 * pass computed for the date (what reports and the dashboard list for a past date), not only the
 * flags. The partial index finds a task's first recorded change after a date (its audit entries by
 * time) with one probe, so a recompute at today's date, which finds none, does not read a task's
 * whole history.
 *
 * Results stored before were computed from the task rows as they were at the pass, not as the tasks
 * stood at the date. For today and later dates that is the state at the date, so their rows are
 * filled from the task rows; the ENGINE_VERSION bump makes the next pass there (at the latest the
 * daily one) rewrite them, reconciliations included. For an earlier date nothing would ever redo
 * them (a date is recomputed when asked for only while nothing was computed for it), so what
 * depends on task states is forgotten: its task statuses, rollups and their status events, and the
 * runs that mark it computed and hold its fingerprint (readProvinceSummary's computedAt, the
 * engine's lastFingerprints). The date then counts as never computed: the summary, the dashboard,
 * `cli status --as-of` and reports recompute it from the tasks' history when asked. Goal statuses
 * and their events do not read tasks and are kept; the date's pass finds them unchanged.
 */
export class TaskStateAsOf1765353600000 implements MigrationInterface {
  name = 'TaskStateAsOf1765353600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM task_status WHERE as_of < ${TODAY}`);
    await q.query(`DELETE FROM rollup WHERE as_of < ${TODAY}`);
    await q.query(`DELETE FROM status_event WHERE as_of < ${TODAY} AND entity_kind IN ('task', 'rollup')`);
    await q.query(`DELETE FROM recompute_run WHERE as_of < ${TODAY}`);
    await q.query(`ALTER TABLE task_status ADD COLUMN status text, ADD COLUMN progress integer`);
    await q.query(`UPDATE task_status ts SET status = t.status, progress = t.progress FROM task t WHERE t.id = ts.task_id`);
    await q.query(`ALTER TABLE task_status ALTER COLUMN status SET NOT NULL`);
    await q.query(
      `ALTER TABLE task_status ADD CONSTRAINT task_status_status_ck CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled'))`,
    );
    await q.query(`ALTER TABLE task_status ADD CONSTRAINT task_status_progress_ck CHECK (progress BETWEEN 0 AND 100)`);
    await q.query(`CREATE INDEX audit_log_task_at_idx ON audit_log (entity_id, at) WHERE entity_kind = 'task'`);
  }

  /** The forgotten past dates stay uncomputed: the engine recomputes them when asked for, as before this migration. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_task_at_idx`);
    await q.query(`ALTER TABLE task_status DROP COLUMN progress, DROP COLUMN status`);
  }
}
