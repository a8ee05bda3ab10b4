import { EntityTarget, FindOptionsWhere, In } from 'typeorm';
import { DocumentEntity, GoalEntity, GoalGroupEntity, ReportedClaimEntity, TaskEntity, TaskGroupEntity } from '../entities';
import { ImportContext, NUL } from './import-context';
import { fileOwned, noteWebItems, WEB_FIELDS } from './web-items';
import { diffRows, idsByKey, parentsFirst, RowChanges } from './row-diff';
import { syncTasks } from './tasks.stage';

/** Ids of a document's rows by natural key: `${documentId}|${code}`. */
export type ScopedKey = (r: { documentId: string; code: string }) => string;

const scoped: ScopedKey = (r) => `${r.documentId}|${r.code}`;

/** What the documents stage leaves for the clean-up: each table's changes, with the rows the file no longer has. */
export interface DocumentChanges {
  goalGroups: RowChanges<GoalGroupEntity>;
  taskGroups: RowChanges<TaskGroupEntity>;
  goals: RowChanges<GoalEntity>;
  tasks: RowChanges<TaskEntity>;
  claims: RowChanges<ReportedClaimEntity>;
}

/** The province's documents, matched by code; a document is inserted after the one it implements. */
export async function syncDocuments(ctx: ImportContext): Promise<RowChanges<DocumentEntity>> {
  const existing = await ctx.m.find(DocumentEntity, { where: { provinceId: ctx.provinceId } });
  const ids = idsByKey(
    existing,
    (r) => r.code,
    ctx.plan.documents.map((d) => d.code),
  );
  const desired = ctx.plan.documents.map((d, position) => ({
    id: ids.get(d.code)!,
    provinceId: ctx.provinceId,
    code: d.code,
    type: d.type,
    issuer: d.issuer,
    issued: d.issued,
    title: d.title,
    periodFrom: d.period?.from ?? null,
    periodTo: d.period?.to ?? null,
    scope: d.scope,
    implementsId: d.implements === null ? null : ids.get(d.implements)!,
    position,
    createdAt: ctx.options.now, // written for a new document only (not a diffed field): recorded at the import's time
  }));
  const changes = diffRows(existing, desired as DocumentEntity[], (r) => r.code, [
    'type',
    'issuer',
    'issued',
    'title',
    'periodFrom',
    'periodTo',
    'scope',
    'implementsId',
    'position',
  ]);
  changes.inserts = parentsFirst(changes.inserts, (r) => r.implementsId);
  await ctx.writer.apply('documents', DocumentEntity, changes);
  return changes;
}

/** The documents' groups, goals, tasks and reported claims, each matched by its code within its document. */
export async function syncDocumentContents(ctx: ImportContext, documents: DocumentEntity[]): Promise<DocumentChanges> {
  const docId = new Map(documents.map((d) => [d.code, d.id]));
  const documentIds = documents.map((d) => d.id);
  const goalGroups = await syncGroups(ctx, docId, documentIds, { entity: GoalGroupEntity, kind: 'goalGroups', table: 'goal_groups' });
  const taskGroups = await syncGroups(ctx, docId, documentIds, { entity: TaskGroupEntity, kind: 'taskGroups', table: 'task_groups' });
  const groupId = (rows: { documentId: string; code: string; id: string }[]) => new Map(rows.map((g) => [scoped(g), g.id]));

  const goals = await syncGoals(ctx, docId, groupId(goalGroups.rows));
  const tasks = await syncTasks(ctx, docId, groupId(taskGroups.rows), scoped);
  const claims = await syncClaims(ctx, docId);
  return { goalGroups, taskGroups, goals, tasks, claims };
}

/** The columns an import compares on a goal or task group. */
const GROUP_FIELDS = ['name', 'declaredCount', 'position'] as const;

/** One kind of group (goal or task groups) of the documents, matched by code within its document, then written. */
async function syncGroups<G extends GoalGroupEntity | TaskGroupEntity>(
  ctx: ImportContext,
  docId: Map<string, string>,
  documentIds: string[],
  group: { entity: EntityTarget<G>; kind: 'goalGroups' | 'taskGroups'; table: 'goal_groups' | 'task_groups' },
): Promise<RowChanges<G>> {
  const existing = await ctx.m.find(group.entity, { where: { documentId: In(documentIds) } as FindOptionsWhere<G> });
  const changes = diffRows(existing, groupRows<G>(ctx, docId, group.kind, existing), scoped, GROUP_FIELDS);
  await ctx.writer.apply(group.table, group.entity, changes);
  return changes;
}

function groupRows<G>(
  ctx: ImportContext,
  docId: Map<string, string>,
  kind: 'goalGroups' | 'taskGroups',
  existing: { id: string; documentId: string; code: string }[],
): G[] {
  const wanted = ctx.plan.documents.flatMap((d) =>
    d[kind].map((g, position) => ({
      documentId: docId.get(d.code)!,
      code: g.code,
      name: g.name,
      declaredCount: g.declaredCount,
      position,
    })),
  );
  const ids = idsByKey(existing, scoped, wanted.map(scoped));
  return wanted.map((g) => ({ ...g, id: ids.get(scoped(g))! }) as G);
}

async function syncGoals(
  ctx: ImportContext,
  docId: Map<string, string>,
  goalGroupIds: Map<string, string>,
): Promise<RowChanges<GoalEntity>> {
  const existing = await ctx.m.find(GoalEntity, { where: { documentId: In([...docId.values()]) } });
  const wanted = ctx.plan.documents.flatMap((d) => d.goalGroups.flatMap((g) => g.goals.map((goal) => ({ d, g, goal }))));
  const ids = idsByKey(
    existing,
    scoped,
    wanted.map(({ d, goal }) => `${docId.get(d.code)}|${goal.code}`),
  );
  const byId = new Map(existing.map((g) => [g.id, g]));
  const desired = wanted.map(({ d, g, goal }, position) => {
    const documentId = docId.get(d.code)!;
    const id = ids.get(`${documentId}|${goal.code}`)!;
    return {
      ...fileOwned(byId.get(id), false),
      cancelledAt: null, // a goal the file states is not cancelled
      id,
      documentId,
      groupId: goalGroupIds.get(`${documentId}|${g.code}`)!,
      code: goal.code,
      title: goal.title,
      kind: goal.milestone ? 'milestone' : 'quantitative',
      indicatorId: goal.indicator === null ? null : ctx.indicatorIds.get(goal.indicator)!,
      targetOp: goal.target?.op ?? null,
      targetValue: goal.target?.value ?? null,
      baselineValue: goal.baseline?.value ?? null,
      baselineDate: goal.baseline?.date ?? null,
      due: goal.due,
      reportedStatus: goal.reportedStatus,
      reportedAsOf: goal.reportedAsOf,
      evidenceNumber: goal.evidence?.number ?? null,
      evidenceDate: goal.evidence?.date ?? null,
      evidenceIssuer: goal.evidence?.issuer ?? null,
      source: goal.source,
      note: goal.note,
      position,
    } as GoalEntity;
  });
  const goals = diffRows(existing, desired, scoped, [
    'groupId',
    'title',
    'kind',
    'indicatorId',
    'targetOp',
    'targetValue',
    'baselineValue',
    'baselineDate',
    'due',
    'reportedStatus',
    'reportedAsOf',
    'evidenceNumber',
    'evidenceDate',
    'evidenceIssuer',
    'source',
    'note',
    'position',
    ...WEB_FIELDS,
    'cancelledAt',
  ]);
  noteWebItems(ctx.webItems, 'goal', existing, goals, ctx.options.prune);
  await ctx.writer.apply('goals', GoalEntity, goals);
  return goals;
}

async function syncClaims(ctx: ImportContext, docId: Map<string, string>): Promise<RowChanges<ReportedClaimEntity>> {
  const existing = await ctx.m.find(ReportedClaimEntity, { where: { documentId: In([...docId.values()]) } });
  const claimKey = (c: ReportedClaimEntity) => [c.documentId, c.scope, c.asOf, c.source ?? NUL].join('|');
  const wanted = ctx.plan.documents.flatMap((d) =>
    d.reported.map((c) => ({
      documentId: docId.get(d.code)!,
      scope: c.scope,
      met: c.met,
      of: c.of,
      open: c.open,
      asOf: c.asOf,
      source: c.source,
    })),
  );
  const ids = idsByKey(
    existing,
    claimKey,
    wanted.map((c) => claimKey(c as ReportedClaimEntity)),
  );
  const desired = wanted.map(
    (c, position) => ({ ...c, position, id: ids.get(claimKey(c as ReportedClaimEntity))! }) as ReportedClaimEntity,
  );
  const claims = diffRows(existing, desired, claimKey, ['met', 'of', 'open', 'position']);
  await ctx.writer.apply('reported_claims', ReportedClaimEntity, claims);
  return claims;
}
