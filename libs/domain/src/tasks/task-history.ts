import { todayIn } from '../iso-date';
import type { IsoDate, TaskStatus } from '../plan.types';
import type { EvidenceInput } from '../status/status.types';

/** What the status rules read of a task: its status, progress and evidence. */
export interface TaskSnapshot {
  status: TaskStatus;
  progress: number | null;
  evidence: EvidenceInput | null;
}

/** One recorded change of a task's state (an update through the API, an approved submission, an import that changed it). */
export interface TaskChange {
  /** When it was written: it counts from that calendar day on. */
  at: Date;
  /** Its place among the task's records (the audit log id), for changes written at the same instant. */
  seq: number;
  /** The task's state just before it. */
  before: TaskSnapshot;
}

/** What is known of a task's past. */
export interface TaskHistory {
  /** Its state now (the task row). */
  current: TaskSnapshot;
  /** When the tracker first recorded it (the import that created it). */
  recordedAt: Date;
  /** The issue date of its plan document: the plan, and the tasks it was first loaded with, exist from then. */
  planIssued: IsoDate | null;
  /** When the tracker first recorded its plan document (the first import of the plan file). */
  planRecordedAt: Date;
  /**
   * Changes recorded since: all of them, or any subset that holds, for each date asked about, the
   * first change recorded after that date (what the status engine loads).
   */
  changes: TaskChange[];
}

const later = (a: TaskChange, b: TaskChange) => a.at.getTime() - b.at.getTime() || a.seq - b.seq;

/**
 * The task as it stood at the end of the calendar day `asOf` in `timeZone` (as-of dates are
 * Asia/Ho_Chi_Minh dates: a change at 23:30 there on the as-of date counts on it), or null when
 * it was not part of the plan yet.
 *
 * - **In the plan** from the day the tracker recorded it. A task recorded on the day its document
 *   was first recorded (the first load of a plan file) is in it from the document's issue date if
 *   that is earlier: a plan file loaded today describes a plan that existed since it was issued. A
 *   task a later import added was not in the plan before it was added, whatever the issue date.
 * - **State:** the state just before the first change recorded after `asOf`; with none, the
 *   current one. Every write of a task's state records its change with the state before it, so
 *   this is what the tracker held at the end of that day; a change counts from the day it was
 *   recorded (an approved submission from its approval), whatever dates it mentions, so a report
 *   made on that day and one made later for it agree. Before its first change a task is as its
 *   plan file gave it.
 * - **Evidence dated after `asOf`** did not exist yet: it is left out, and a task `done` with
 *   such evidence was not done yet (in progress, progress unknown). So a plan file that says a
 *   task was done with evidence of 10/07/2023 counts it done from that day, and one without a
 *   date for it counts it done wherever the file's state applies.
 */
export function taskStateAt(history: TaskHistory, asOf: IsoDate, timeZone: string): TaskSnapshot | null {
  const recorded = todayIn(timeZone, history.recordedAt);
  const firstLoad = recorded === todayIn(timeZone, history.planRecordedAt);
  const issuedBefore = firstLoad && history.planIssued !== null && history.planIssued <= asOf;
  if (!issuedBefore && recorded > asOf) return null;
  let next: TaskChange | null = null;
  for (const change of history.changes) {
    if (next !== null && later(change, next) >= 0) continue;
    if (todayIn(timeZone, change.at) > asOf) next = change;
  }
  const state = next ? next.before : history.current;
  const evidenceDate = state.evidence?.date ?? null;
  if (evidenceDate === null || evidenceDate <= asOf) return state;
  return state.status === 'done' ? { status: 'in_progress', progress: null, evidence: null } : { ...state, evidence: null };
}
