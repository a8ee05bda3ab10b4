import { Not } from 'typeorm';
import { randomUUID } from 'crypto';
import { OrgUnitEntity } from '../entities';
import { provinceReference } from '../orgs/province-reference.loader';
import { ImportContext } from './import-context';
import { diffRows, idsByKey, parentsFirst, RowChanges } from './row-diff';

/** The province's own row, matched by code; sets the context's province id. */
export async function syncProvince(ctx: ImportContext): Promise<void> {
  const { province } = ctx.plan;
  const existing = await ctx.m.findOne(OrgUnitEntity, { where: { kind: 'province', code: province.code } });
  ctx.provinceId = existing?.id ?? randomUUID();
  // Matched to the reference list by code or name, for its official statistical code.
  const reference = provinceReference();
  const official = (reference.matchOnAnyMap(province.code) ?? reference.matchOnAnyMap(province.name))?.code ?? null;
  const row = {
    id: ctx.provinceId,
    provinceId: ctx.provinceId,
    code: province.code,
    name: province.name,
    kind: 'province' as const,
    parentId: null,
    validFrom: province.validFrom,
    validTo: existing?.validTo ?? null,
    officialCode: official,
    position: 0,
  };
  const changes = diffRows(existing ? [existing] : [], [row as OrgUnitEntity], (r) => r.code, ['name', 'validFrom', 'officialCode']);
  await ctx.writer.apply('provinces', OrgUnitEntity, changes);
  ctx.orgIds.set(province.code, ctx.provinceId);
}

/** The province's agencies, matched by code. */
export async function syncAgencies(ctx: ImportContext): Promise<RowChanges<OrgUnitEntity>> {
  const existing = await ctx.m.find(OrgUnitEntity, { where: { provinceId: ctx.provinceId, kind: Not('province') } });
  const ids = idsByKey(
    existing,
    (r) => r.code,
    ctx.plan.agencies.map((a) => a.code),
  );
  const desired = ctx.plan.agencies.map((a, position) => ({
    id: ids.get(a.code)!,
    provinceId: ctx.provinceId,
    code: a.code,
    name: a.name,
    kind: a.kind,
    parentId: a.parent === null ? null : ids.get(a.parent)!,
    validFrom: null,
    validTo: null,
    officialCode: null,
    position,
  }));
  const changes = diffRows(existing, desired as OrgUnitEntity[], (r) => r.code, ['name', 'kind', 'parentId', 'position']);
  changes.inserts = parentsFirst(changes.inserts, (r) => r.parentId);
  // A new agency may become the parent of an existing one: insert first, then update.
  await ctx.writer.apply('agencies', OrgUnitEntity, changes);
  for (const row of changes.rows) ctx.orgIds.set(row.code, row.id);
  return changes;
}
