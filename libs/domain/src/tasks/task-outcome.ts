import type { IsoDate, TaskStatus } from '../plan.types';

/**
 * The four outcomes a task is counted under in a government progress report (kết quả thực hiện
 * nhiệm vụ): done on time, done late, not done and still within its deadline, not done and past it.
 */
export const TASK_OUTCOMES = ['done_on_time', 'done_late', 'open_on_time', 'open_overdue'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];
export type TaskOutcomeCounts = Record<TaskOutcome, number>;

export const TASK_OUTCOME_LABELS_VI: Record<TaskOutcome, string> = {
  done_on_time: 'hoàn thành đúng hạn',
  done_late: 'hoàn thành quá hạn',
  open_on_time: 'chưa hoàn thành nhưng còn trong hạn',
  open_overdue: 'chưa hoàn thành và đã quá hạn',
};

/** Short column headings for tables. */
export const TASK_OUTCOME_SHORT_VI: Record<TaskOutcome, string> = {
  done_on_time: 'HT đúng hạn',
  done_late: 'HT quá hạn',
  open_on_time: 'Chưa HT, còn hạn',
  open_overdue: 'Chưa HT, quá hạn',
};

export interface TaskOutcomeInput {
  /** The task's status at the as-of date. */
  status: TaskStatus;
  due: IsoDate | null;
  /** When a done task was completed: the date of its evidence; null when not known. */
  completed: IsoDate | null;
}

/**
 * How a task counts at `asOf` (ISO dates); null for a cancelled task, which is counted under none.
 *
 * - done: **late** when its completion date is after its due date, else **on time** (no due date,
 *   or a completion date not known: nothing shows it was late);
 * - open (not started or in progress): **overdue** when the as-of date is after its due date (the
 *   rule of `isTaskOverdue`), else **within its deadline** (no due date, or the due date not passed).
 */
export function taskOutcome(task: TaskOutcomeInput, asOf: IsoDate): TaskOutcome | null {
  if (task.status === 'cancelled') return null;
  if (task.status === 'done')
    return task.due !== null && task.completed !== null && task.completed > task.due ? 'done_late' : 'done_on_time';
  return task.due !== null && task.due < asOf ? 'open_overdue' : 'open_on_time';
}

export function emptyTaskOutcomeCounts(): TaskOutcomeCounts {
  return { done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 };
}

/** How many tasks fall under each outcome at `asOf` (cancelled ones under none). */
export function countTaskOutcomes(tasks: Iterable<TaskOutcomeInput>, asOf: IsoDate): TaskOutcomeCounts {
  const counts = emptyTaskOutcomeCounts();
  for (const task of tasks) {
    const outcome = taskOutcome(task, asOf);
    if (outcome) counts[outcome] += 1;
  }
  return counts;
}

/**
 * The counts per key (a task group, a lead agency), keys in first-seen order; `keyOf` gives the
 * key of a task.
 */
export function countTaskOutcomesBy<T extends TaskOutcomeInput>(
  tasks: Iterable<T>,
  asOf: IsoDate,
  keyOf: (t: T) => string,
): Map<string, TaskOutcomeCounts> {
  const byKey = new Map<string, TaskOutcomeCounts>();
  for (const task of tasks) {
    const key = keyOf(task);
    const counts = byKey.get(key) ?? emptyTaskOutcomeCounts();
    const outcome = taskOutcome(task, asOf);
    if (outcome) counts[outcome] += 1;
    byKey.set(key, counts);
  }
  return byKey;
}
