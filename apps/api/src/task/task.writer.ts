import { DataSource, EntityManager } from 'typeorm';
import { RequestMeta, TaskRepository, TaskRow } from '@dx/db';
import { isTaskOverdue, type Principal, type TaskState } from '@dx/domain';
import { toTaskResponse, TaskResponse } from './task.response';

/** Who writes a task update: the account, the name recorded on the task, the request, the submission it approves. */
export interface TaskWriter {
  principal: Principal;
  updatedBy: string;
  meta: RequestMeta;
  submissionId?: string;
}

/**
 * Writes a checked task update of the task as read in `before`: the row, its audit entry and the outbox row that
 * triggers the recompute (a task write cannot change a KPI, so the row needs no KPI pass), in one statement that
 * writes only while the task is still at `before.version`. Null when it has moved on since (or is gone): nothing is
 * written. Used by direct updates (no transaction: the version is the check) and by approved submissions (in theirs,
 * the row locked). The answer is the task as read with the update applied, as the statement writes it.
 */
export async function writeTaskUpdate(
  db: TaskRepository | DataSource | EntityManager,
  before: TaskRow,
  next: TaskState,
  comment: string | null | undefined,
  by: TaskWriter,
  today: string,
): Promise<TaskResponse | null> {
  const trimmed = comment === undefined ? undefined : comment?.trim().normalize('NFC') || null;
  const at = new Date();
  const after: TaskRow = {
    ...before,
    ...next,
    lastComment: trimmed === undefined ? before.lastComment : trimmed,
    updatedBy: by.updatedBy,
    updatedAt: at,
    version: before.version + 1,
    overdue: isTaskOverdue({ due: before.due, status: next.status }, today),
  };
  // The services pass their TaskRepository (bound to their transaction, if any); tests may pass a DataSource.
  const tasks = db instanceof TaskRepository ? db : new TaskRepository(db);
  const written = await tasks.updateAtVersion(
    before.id,
    before.version,
    next,
    trimmed,
    by.updatedBy,
    at,
    {
      actor: by.principal,
      meta: by.meta,
      action: by.submissionId ? 'task.update.approved' : 'task.update',
      entityKind: 'task',
      entityId: before.id,
      provinceId: before.provinceId,
      before: toTaskResponse(before),
      after: { ...toTaskResponse(after), submission: by.submissionId ?? null },
    },
    { provinceId: before.provinceId, reason: 'task', kpiDone: true },
  );
  return written ? toTaskResponse(after) : null;
}

/**
 * writeTaskUpdate for a row the caller's transaction has locked (`lockById`): it is still at the version just read.
 * `tasks` is bound to that transaction (withTransaction).
 */
export async function writeLockedTaskUpdate(
  tasks: TaskRepository,
  before: TaskRow,
  next: TaskState,
  comment: string | null | undefined,
  by: TaskWriter,
  today: string,
): Promise<TaskResponse> {
  const after = await writeTaskUpdate(tasks, before, next, comment, by, today);
  if (!after) throw new Error(`task ${before.code} changed under its row lock`);
  return after;
}
