import { In } from 'typeorm';
import {
  DomainError,
  mergeNationalMeaning,
  NATIONAL_ATTRIBUTES,
  NATIONAL_CONFLICT_ADVICE,
  NationalConflict,
  nationalConflictMessage,
  NationalMeaning,
} from '@dx/domain';
import { IndicatorEntity, ProvinceIndicatorEntity } from '../entities';
import { ImportContext } from './import-context';
import { diffRows, idsByKey } from './row-diff';

/**
 * Indicators: their national meaning (unit, kind, scale, direction, DTI feed) is one catalogue entry shared by
 * code, so provinces compare; the label and national target are this province's (province_indicator). A file
 * indicator counts as updated when either part changes. Resolves to whether the import set or changed the DTI
 * figure feeding a shared indicator (every province using it is then synced).
 */
export async function syncIndicators(ctx: ImportContext): Promise<boolean> {
  const { m, plan } = ctx;
  const codes = plan.indicators.map((i) => i.code);
  const existing = codes.length ? await m.find(IndicatorEntity, { where: { code: In(codes) } }) : [];
  const ids = idsByKey(existing, (r) => r.code, codes);
  const stated = new Map(
    plan.indicators.map((i) => [i.code, { unit: i.unit, kind: i.kind, scale: i.scale, direction: i.direction, dti: i.dti }]),
  );
  const meaning = await nationalMeanings(ctx, existing, stated);
  const desired = plan.indicators.map((i) => {
    const n = meaning.get(i.code) ?? stated.get(i.code)!;
    return {
      id: ids.get(i.code)!,
      code: i.code,
      name: i.name,
      unit: n.unit,
      kind: n.kind,
      scale: n.scale,
      direction: n.direction,
      dtiFigure: n.dti,
    };
  });
  const shared = diffRows(existing, desired as IndicatorEntity[], (r) => r.code, ['unit', 'kind', 'scale', 'direction', 'dtiFigure']);
  const dtiFeedChanged = shared.updates.some((u) => 'dtiFigure' in u.changes);
  await ctx.writer.insertBatched(IndicatorEntity, shared.inserts);
  for (const { id, changes } of shared.updates) await m.update(IndicatorEntity, { id }, changes);
  for (const row of shared.rows) ctx.indicatorIds.set(row.code, row.id);
  const own = await syncProvinceIndicators(ctx);

  const changed = new Set([...shared.updates, ...own.updates].map((u) => u.id));
  const created = new Set(own.inserts.map((l) => l.indicatorId));
  const c = ctx.writer.counts.indicators;
  c.created += created.size;
  c.updated += [...changed].filter((id) => !created.has(id)).length;
  c.unchanged += desired.length - created.size - [...changed].filter((id) => !created.has(id)).length;
  return dtiFeedChanged;
}

/** This province's links to the file's indicators: label, national target and position. */
async function syncProvinceIndicators(ctx: ImportContext) {
  const { m, plan, provinceId, indicatorIds } = ctx;
  const links = await m.find(ProvinceIndicatorEntity, { where: { provinceId } });
  const linkKey = (l: { indicatorId: string }) => l.indicatorId;
  const wanted = plan.indicators.map((i, position) => ({
    id: indicatorIds.get(i.code)!,
    provinceId,
    indicatorId: indicatorIds.get(i.code)!,
    name: i.name,
    nationalTargetOp: i.nationalTarget?.op ?? null,
    nationalTargetValue: i.nationalTarget?.value ?? null,
    nationalTargetDue: i.nationalTarget?.due ?? null,
    nationalTargetSource: i.nationalTarget?.source ?? null,
    position,
  }));
  const own = diffRows(
    links.map((l) => ({ ...l, id: l.indicatorId })),
    wanted,
    linkKey,
    ['name', 'nationalTargetOp', 'nationalTargetValue', 'nationalTargetDue', 'nationalTargetSource', 'position'],
  );
  const strip = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
  await ctx.writer.insertBatched(ProvinceIndicatorEntity, own.inserts.map(strip) as ProvinceIndicatorEntity[]);
  for (const { id, changes } of own.updates) {
    await m.update(ProvinceIndicatorEntity, { provinceId, indicatorId: id }, changes);
  }
  return own;
}

/**
 * The catalogue entries of the file's indicators that already exist, after this file (`mergeNationalMeaning`):
 * keys it leaves out keep what other provinces' files set; a value that contradicts the catalogue while other
 * provinces use the indicator refuses the import, naming the file, both values and those provinces.
 */
async function nationalMeanings(
  ctx: ImportContext,
  existing: IndicatorEntity[],
  stated: Map<string, NationalMeaning>,
): Promise<Map<string, NationalMeaning>> {
  const storedOf = (r: IndicatorEntity): NationalMeaning => ({
    unit: r.unit,
    kind: r.kind,
    scale: r.scale,
    direction: r.direction,
    dti: r.dtiFigure,
  });
  // Only an entry the file does not state exactly as stored can change, so only those need their users.
  const differing = existing.filter((r) => NATIONAL_ATTRIBUTES.some((a) => storedOf(r)[a] !== stated.get(r.code)![a]));
  const users = await otherProvincesUsing(
    ctx,
    differing.map((r) => r.id),
  );
  const result = new Map<string, NationalMeaning>();
  const refused: RefusedIndicator[] = [];
  for (const r of differing) {
    const sharedWith = users.get(r.id) ?? [];
    const merged = mergeNationalMeaning(storedOf(r), stated.get(r.code)!, sharedWith);
    result.set(r.code, merged.meaning);
    if (merged.conflicts.length) refused.push({ indicator: r.code, sharedWith, conflicts: merged.conflicts });
  }
  for (const r of existing) if (!result.has(r.code)) result.set(r.code, storedOf(r));
  if (refused.length === 0) return result;
  throw await conflictError(ctx, refused);
}

interface RefusedIndicator {
  indicator: string;
  sharedWith: string[];
  conflicts: NationalConflict[];
}

/** The refusal of an import that contradicts shared catalogue entries. */
async function conflictError(ctx: ImportContext, refused: RefusedIndicator[]): Promise<DomainError> {
  // Which file says what: the catalogue's values stand as the users' latest imports left them.
  const files = await latestImportFiles(
    ctx,
    refused.flatMap((x) => x.sharedWith),
  );
  const problems: string[] = [];
  const conflicts: Record<string, unknown>[] = [];
  for (const { indicator, sharedWith, conflicts: found } of refused) {
    const sources = sharedWith.filter((p) => files.has(p)).map((p) => ({ province: p, file: files.get(p)! }));
    problems.push(
      nationalConflictMessage({
        file: ctx.options.fileName,
        province: ctx.plan.province.code,
        indicator,
        sharedWith,
        sources,
        conflicts: found,
      }),
    );
    for (const x of found) conflicts.push({ indicator, ...x, provinces: sharedWith, files: sources });
  }
  return new DomainError('IMPORT_CONFLICT', `${problems.join('; ')}; ${NATIONAL_CONFLICT_ADVICE}`, { conflicts });
}

/** The file of each of these provinces' latest recorded import, by province code (provinces never imported from a file are left out). */
async function latestImportFiles(ctx: ImportContext, provinceCodes: string[]): Promise<Map<string, string>> {
  const rows: { code: string; file_name: string }[] = await ctx.m.query(
    `SELECT DISTINCT ON (r.province_id) p.code, r.file_name FROM import_run r JOIN org_unit p ON p.id = r.province_id
      WHERE p.kind = 'province' AND p.code = ANY($1::text[]) ORDER BY r.province_id, r.finished_at DESC, r.started_at DESC`,
    [[...new Set(provinceCodes)]],
  );
  return new Map(rows.map((r) => [r.code, r.file_name]));
}

/** Codes of the other provinces that declare these indicators or hold goals or values on them, by indicator id. */
async function otherProvincesUsing(ctx: ImportContext, indicatorIds: string[]): Promise<Map<string, string[]>> {
  if (indicatorIds.length === 0) return new Map();
  const rows: { indicator_id: string; codes: string[] }[] = await ctx.m.query(
    `SELECT x.indicator_id, array_agg(DISTINCT p.code ORDER BY p.code) AS codes FROM (
       SELECT indicator_id, province_id FROM province_indicator WHERE indicator_id = ANY($1::uuid[])
       UNION SELECT g.indicator_id, d.province_id FROM goal g JOIN document d ON d.id = g.document_id WHERE g.indicator_id = ANY($1::uuid[])
       UNION SELECT o.indicator_id, u.province_id FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE o.indicator_id = ANY($1::uuid[])
     ) x JOIN org_unit p ON p.id = x.province_id WHERE x.province_id <> $2 GROUP BY x.indicator_id`,
    [indicatorIds, ctx.provinceId],
  );
  return new Map(rows.map((r) => [r.indicator_id, r.codes]));
}
