import { In } from 'typeorm';
import { TaskEntity, TaskSupportEntity } from '../entities';
import { AuditEntry, AuditRepository } from '../audit/audit.repository';
import type { ScopedKey } from './documents.stage';
import { ImportContext } from './import-context';
import { diffRows, idsByKey, RowChanges } from './row-diff';
import { fileOwned, noteWebItems, WEB_FIELDS } from './web-items';

/** What of a task the status rules read, as the task's audit entries record it. */
const TASK_STATE_FIELDS = ['status', 'progress', 'evidenceNumber', 'evidenceDate', 'evidenceIssuer'] as const;

const taskState = (t: Pick<TaskEntity, (typeof TASK_STATE_FIELDS)[number]>) => ({
  status: t.status,
  progress: t.progress,
  evidence: t.evidenceNumber ? { number: t.evidenceNumber, date: t.evidenceDate, issuer: t.evidenceIssuer } : null,
});

/** The documents' tasks, matched by code within their document, with their supporting agencies. */
export async function syncTasks(
  ctx: ImportContext,
  docId: Map<string, string>,
  taskGroupIds: Map<string, string>,
  scoped: ScopedKey,
): Promise<RowChanges<TaskEntity>> {
  const existing = await ctx.m.find(TaskEntity, { where: { documentId: In([...docId.values()]) } });
  const wanted = ctx.plan.documents.flatMap((d) => d.taskGroups.flatMap((g) => g.tasks.map((task) => ({ d, g, task }))));
  const ids = idsByKey(
    existing,
    scoped,
    wanted.map(({ d, task }) => `${docId.get(d.code)}|${task.code}`),
  );
  const byId = new Map(existing.map((t) => [t.id, t]));
  const desired = wanted.map(({ d, g, task }, position) => {
    const documentId = docId.get(d.code)!;
    const id = ids.get(`${documentId}|${task.code}`)!;
    return {
      ...fileOwned(byId.get(id), task.status === 'cancelled'),
      id,
      documentId,
      groupId: taskGroupIds.get(`${documentId}|${g.code}`)!,
      code: task.code,
      title: task.title,
      leadId: ctx.orgIds.get(task.lead)!,
      due: task.due,
      status: task.status,
      progress: task.progress,
      evidenceNumber: task.evidence?.number ?? null,
      evidenceDate: task.evidence?.date ?? null,
      evidenceIssuer: task.evidence?.issuer ?? null,
      position,
      createdAt: ctx.options.now, // a new task is recorded at the import's time, like its audit entries (taskStateAt)
    } as TaskEntity;
  });
  const changes = diffRows(existing, desired, scoped, [
    'groupId',
    'title',
    'leadId',
    'due',
    'status',
    'progress',
    'evidenceNumber',
    'evidenceDate',
    'evidenceIssuer',
    'position',
    ...WEB_FIELDS,
  ]);
  noteWebItems(ctx.webItems, 'task', existing, changes, ctx.options.prune);
  const wantedSupport = new Map(wanted.map(({ task }, i) => [changes.rows[i].id, task.support.map((c) => ctx.orgIds.get(c)!)]));
  const changedSupport = await tasksWithChangedSupport(ctx, changes, wantedSupport);
  await ctx.writer.apply('tasks', TaskEntity, changes);
  await auditTaskStates(ctx, existing, changes);
  if (changedSupport.length > 0) {
    await ctx.m.delete(TaskSupportEntity, { taskId: In(changedSupport) });
    const rows = changedSupport.flatMap((taskId) =>
      wantedSupport.get(taskId)!.map((orgUnitId, position) => ({ taskId, orgUnitId, position })),
    );
    await ctx.writer.insertBatched(TaskSupportEntity, rows);
  }
  return changes;
}

/** Tasks whose list of supporting agencies changed: a changed list counts as an update of its task. */
async function tasksWithChangedSupport(
  ctx: ImportContext,
  changes: RowChanges<TaskEntity>,
  wantedSupport: Map<string, string[]>,
): Promise<string[]> {
  const taskIds = changes.rows.map((t) => t.id);
  const supports = taskIds.length ? await ctx.m.find(TaskSupportEntity, { where: { taskId: In(taskIds) } }) : [];
  const changedSupport: string[] = [];
  for (const [taskId, orgIds] of wantedSupport) {
    const have = supports
      .filter((s) => s.taskId === taskId)
      .sort((a, b) => a.position - b.position)
      .map((s) => s.orgUnitId);
    if (have.join() !== orgIds.join()) changedSupport.push(taskId);
  }
  const updatedIds = new Set(changes.updates.map((u) => u.id));
  const insertedIds = new Set(changes.inserts.map((t) => t.id));
  for (const taskId of changedSupport) {
    if (!updatedIds.has(taskId) && !insertedIds.has(taskId)) {
      changes.updates.push({ id: taskId, changes: {} });
      changes.unchanged--;
    }
  }
  return changedSupport;
}

/**
 * An audit entry for each existing task whose state (status, progress, evidence) the file changed, at the
 * import's time, with the state before and after: like the API's updates, so a task's state at an earlier date
 * is the one before its first later change (the status engine's taskStateAt). A new task needs none: until its
 * first change it is as the file that created it gave it.
 */
async function auditTaskStates(ctx: ImportContext, existing: TaskEntity[], changes: RowChanges<TaskEntity>): Promise<void> {
  const { actor, fileName, now } = ctx.options;
  const before = new Map(existing.map((t) => [t.id, t]));
  const entries: AuditEntry[] = [];
  for (const { id, changes: fields } of changes.updates) {
    if (!TASK_STATE_FIELDS.some((f) => f in fields)) continue;
    const old = before.get(id)!;
    entries.push({
      actor: null,
      actorLabel: actor,
      meta: null,
      action: 'task.import',
      entityKind: 'task',
      entityId: id,
      provinceId: ctx.provinceId,
      before: { ...taskState(old), file: fileName },
      after: { ...taskState({ ...old, ...fields }), file: fileName },
      at: now,
    });
  }
  await new AuditRepository(ctx.m).appendMany(entries);
}
