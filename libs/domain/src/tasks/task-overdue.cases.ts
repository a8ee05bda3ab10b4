import type { TaskStatus } from '../plan.types';

/**
 * The cases the task-overdue rule must decide, shared by the test of `isTaskOverdue` and the test of
 * `taskOverdueSql` in PostgreSQL, so the two statements of the rule cannot drift apart.
 */
export const TASK_OVERDUE_CASES: readonly { today: string; due: string | null; status: TaskStatus; overdue: boolean }[] = [
  { today: '2024-03-15', due: '2024-03-14', status: 'in_progress', overdue: true },
  { today: '2024-03-15', due: '2024-03-14', status: 'not_started', overdue: true },
  { today: '2024-03-15', due: '2024-03-15', status: 'in_progress', overdue: false },
  { today: '2024-03-15', due: '2024-03-16', status: 'not_started', overdue: false },
  { today: '2024-03-15', due: '2024-03-14', status: 'done', overdue: false },
  { today: '2024-03-15', due: '2024-03-14', status: 'cancelled', overdue: false },
  { today: '2024-03-15', due: null, status: 'in_progress', overdue: false },
  { today: '2024-01-01', due: '2023-12-31', status: 'in_progress', overdue: true },
  { today: '2025-06-01', due: '2023-12-31', status: 'not_started', overdue: true },
  { today: '2024-03-01', due: '2024-02-29', status: 'in_progress', overdue: true },
];
