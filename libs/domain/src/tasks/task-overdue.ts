import type { TaskStatus } from '../plan.types';

/** A task is open while it is neither done nor cancelled: only an open task can be overdue or due soon. */
export function isTaskOpen(status: TaskStatus): boolean {
  return status !== 'done' && status !== 'cancelled';
}

/**
 * Whether a task is overdue on `today` (ISO dates): it is open and its due date is before today.
 * The task reads filter, count and sort by the same rule in SQL (`taskOverdueSql`); both pass TASK_OVERDUE_CASES.
 */
export function isTaskOverdue(task: { due: string | null; status: TaskStatus }, today: string): boolean {
  return task.due !== null && isTaskOpen(task.status) && task.due < today;
}

/**
 * The rule of `isTaskOverdue` as an SQL boolean expression, for reads that filter or count by it in PostgreSQL.
 * `today` is an SQL expression of the date (e.g. `$1`), `task` the alias of a row with `due` (date) and `status` columns.
 */
export function taskOverdueSql(today: string, task = 't'): string {
  return `(${task}.due IS NOT NULL AND ${task}.status NOT IN ('done', 'cancelled') AND ${task}.due < ${today}::date)`;
}
