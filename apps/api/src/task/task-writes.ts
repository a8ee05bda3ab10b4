import { EntityManager } from 'typeorm';
import { AuditRepository, RequestMeta, TaskRepository, TaskRow } from '../../../../libs/db/src';
import type { Principal, TaskState } from '../../../../libs/domain/src';
import { toTaskResponse, TaskResponse } from './task.response';

/**
 * Writes a checked task update inside the caller's transaction: the row, its audit entry
 * and the outbox row that triggers the recompute (a task write cannot change a KPI, so
 * the row needs no KPI pass). Used by direct updates and by approved submissions.
 */
export async function writeTaskUpdate(
  m: EntityManager,
  before: TaskRow,
  next: TaskState,
  comment: string | null | undefined,
  by: { principal: Principal; updatedBy: string; meta: RequestMeta; submissionId?: string },
  today: string,
): Promise<TaskResponse> {
  const trimmed = comment === undefined ? undefined : comment?.trim().normalize('NFC') || null;
  const after = await new TaskRepository(m).update(before.id, next, trimmed, by.updatedBy, today);
  await new AuditRepository(m).append(
    {
      actor: by.principal, meta: by.meta, action: by.submissionId ? 'task.update.approved' : 'task.update', entityKind: 'task', entityId: before.id,
      provinceId: before.provinceId, before: toTaskResponse(before), after: { ...toTaskResponse(after), submission: by.submissionId ?? null },
    },
    { provinceId: before.provinceId, reason: 'task', kpiDone: true },
  );
  return toTaskResponse(after);
}
