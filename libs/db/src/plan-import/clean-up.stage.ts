import { EntityTarget, In } from 'typeorm';
import {
  DocumentEntity,
  GoalEntity,
  GoalGroupEntity,
  ObservationEntity,
  OrgUnitEntity,
  ProvinceIndicatorEntity,
  ReportedClaimEntity,
  TaskEntity,
  TaskGroupEntity,
} from '../entities';
import { ImportCounts, ImportEntity } from './import-counts';
import { ImportContext } from './import-context';
import { BATCH } from './import-row.writer';
import { RowChanges } from './row-diff';
import type { DocumentChanges } from './documents.stage';

/** What the earlier stages matched, each with the rows the file no longer mentions (`missing`). */
export interface StageChanges extends DocumentChanges {
  agencies: RowChanges<OrgUnitEntity>;
  documents: RowChanges<DocumentEntity>;
  observations: RowChanges<ObservationEntity>;
}

/**
 * `--prune`: deletes the rows the file no longer mentions, children before parents, and lists each as `--prune`
 * reports it (e.g. `goal G1.3`) in `removed`; then unlinks the indicators the file no longer declares.
 */
export async function pruneMissing(ctx: ImportContext, changes: StageChanges, removed: string[]): Promise<void> {
  const prune = async <R extends { id: string }>(
    entity: ImportEntity,
    target: EntityTarget<R>,
    rows: R[],
    describe: (row: R) => string,
  ) => {
    for (const row of rows) removed.push(describe(row));
    for (let i = 0; i < rows.length; i += BATCH) {
      await ctx.m.delete(target, { id: In(rows.slice(i, i + BATCH).map((r) => r.id)) } as never);
    }
    ctx.writer.counts[entity].removed = rows.length;
  };
  await prune('observations', ObservationEntity, changes.observations.missing, (o) => `observation ${o.period}`);
  await prune('reported_claims', ReportedClaimEntity, changes.claims.missing, (c) => `reported claim ${c.scope} ${c.asOf}`);
  await prune('tasks', TaskEntity, changes.tasks.missing, (t) => `task ${t.code}`);
  await prune('goals', GoalEntity, changes.goals.missing, (g) => `goal ${g.code}`);
  await prune('goal_groups', GoalGroupEntity, changes.goalGroups.missing, (g) => `goal group ${g.code}`);
  await prune('task_groups', TaskGroupEntity, changes.taskGroups.missing, (g) => `task group ${g.code}`);
  await prune('documents', DocumentEntity, changes.documents.missing, (d) => `document ${d.code}`);
  await prune('agencies', OrgUnitEntity, changes.agencies.missing, (a) => `agency ${a.code}`);
  await pruneIndicators(ctx, removed);
}

/** Unlinks indicators the file no longer declares; deletes those nothing else uses. */
async function pruneIndicators(ctx: ImportContext, removed: string[]): Promise<void> {
  const keep = [...ctx.indicatorIds.values()];
  const stale: { indicator_id: string; code: string }[] = await ctx.m.query(
    `SELECT pi.indicator_id, i.code FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id
      WHERE pi.province_id = $1 AND NOT (pi.indicator_id = ANY($2::uuid[]))`,
    [ctx.provinceId, keep],
  );
  for (const { indicator_id: id, code } of stale) {
    await ctx.m.delete(ProvinceIndicatorEntity, { provinceId: ctx.provinceId, indicatorId: id });
    await ctx.m.query(
      `DELETE FROM indicator i WHERE i.id = $1
         AND NOT EXISTS (SELECT 1 FROM province_indicator WHERE indicator_id = i.id)
         AND NOT EXISTS (SELECT 1 FROM goal WHERE indicator_id = i.id)
         AND NOT EXISTS (SELECT 1 FROM observation WHERE indicator_id = i.id)`,
      [id],
    );
    removed.push(`indicator ${code}`);
  }
  ctx.writer.counts.indicators.removed = stale.length;
}

/** Without `--prune`: counts the rows the file no longer mentions as kept. */
export function countKept(counts: ImportCounts, changes: StageChanges): void {
  const kept: [ImportEntity, RowChanges<{ id: string }>][] = [
    ['observations', changes.observations],
    ['reported_claims', changes.claims],
    ['tasks', changes.tasks],
    ['goals', changes.goals],
    ['goal_groups', changes.goalGroups],
    ['task_groups', changes.taskGroups],
    ['documents', changes.documents],
    ['agencies', changes.agencies],
  ];
  for (const [entity, stage] of kept) counts[entity].kept = stage.missing.length;
}
