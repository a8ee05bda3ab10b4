import { parsePeriod } from '@dx/domain';
import { ImportRunEntity, ObservationEntity, OrgUnitEntity } from '../entities';
import { DTI_ACTOR } from '../dti/dti-observations';
import { ImportContext, NUL } from './import-context';
import { diffRows, idsByKey, RowChanges } from './row-diff';

/** The import's run, which the observations it writes point to (counts are filled in at the end). */
export async function insertRun(ctx: ImportContext, runId: string): Promise<void> {
  const { options } = ctx;
  await ctx.m.insert(ImportRunEntity, {
    id: runId,
    provinceId: ctx.provinceId,
    provinceCode: ctx.plan.province.code,
    fileName: options.fileName,
    checksum: options.checksum,
    actor: options.actor,
    pruned: options.prune,
    counts: {},
    warnings: options.warnings as never,
    startedAt: options.now,
    finishedAt: options.now,
  });
}

/** The file's observations, matched by indicator, org unit, period and source; a changed value is re-attributed to this import. */
export async function syncObservations(ctx: ImportContext, runId: string | null): Promise<RowChanges<ObservationEntity>> {
  const { actor, now } = ctx.options;
  const existing: ObservationEntity[] = await ctx.m
    .createQueryBuilder(ObservationEntity, 'o')
    .innerJoin(OrgUnitEntity, 'u', 'u.id = o.org_unit_id')
    .where('u.province_id = :provinceId', { provinceId: ctx.provinceId })
    // Values copied from DTI results belong to those results, not to the file.
    .andWhere('o.entered_by <> :dti', { dti: DTI_ACTOR })
    .getMany();
  const key = (o: ObservationEntity) => [o.indicatorId, o.orgUnitId, o.period, o.source ?? NUL].join('|');
  const wanted = ctx.plan.observations.map((o, position) => {
    const period = parsePeriod(o.period)!;
    return {
      indicatorId: ctx.indicatorIds.get(o.indicator)!,
      orgUnitId: ctx.orgIds.get(o.org)!,
      period: period.code,
      periodKind: period.kind,
      periodStart: period.start,
      periodEnd: period.end,
      value: o.value,
      numerator: o.numerator,
      denominator: o.denominator,
      source: o.source,
      note: o.note,
      enteredBy: actor,
      enteredAt: now,
      importRunId: runId,
      position,
    } as ObservationEntity;
  });
  const ids = idsByKey(existing, key, wanted.map(key));
  const desired = wanted.map((o) => ({ ...o, id: ids.get(key(o))! }));
  const changes = diffRows(existing, desired, key, ['value', 'numerator', 'denominator', 'note', 'position']);
  for (const update of changes.updates) {
    Object.assign(update.changes, { enteredBy: actor, enteredAt: now, importRunId: runId });
  }
  await ctx.writer.apply('observations', ObservationEntity, changes);
  return changes;
}
