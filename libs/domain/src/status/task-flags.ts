import { daysBetween } from '../iso-date';
import { isTaskOpen, isTaskOverdue } from '../tasks/task-overdue';
import type { EvidenceInput, TaskFlags, TaskInput } from './status.types';

/** A task is "due soon" from this many days before its due date up to the due date itself. */
export const DUE_SOON_DAYS = 14;

/** Evidence counts only with both a document number and a date (docs/status-rules.md); blank text counts as missing. */
export function hasEvidence(e: EvidenceInput | null): boolean {
  return e !== null && present(e.number) && present(e.date);
}

function present(value: string | null): boolean {
  return value !== null && value.trim() !== '';
}

/**
 * Derived flags of a task at the as-of date. Only open tasks (not done, not cancelled)
 * can be overdue (the rule of task-overdue.ts: as-of strictly after due) or due soon
 * (0–14 days left); a done task without evidence is unverified.
 */
export function taskFlags(task: TaskInput, asOf: string): TaskFlags {
  const daysLeft = isTaskOpen(task.status) && task.due !== null ? daysBetween(asOf, task.due) : null;
  return {
    overdue: isTaskOverdue(task, asOf),
    dueSoon: daysLeft !== null && daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS,
    unverified: task.status === 'done' && !hasEvidence(task.evidence),
  };
}
