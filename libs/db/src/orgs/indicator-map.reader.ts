import { DataSource } from 'typeorm';
import {
  canonicalOrNull,
  commonMessages,
  DomainError,
  IndicatorMap,
  kpiMessages,
  MapUnit,
  orgMessages,
  parsePeriod,
  reaggregate,
  UnitFigure,
} from '@dx/domain';
import { readDtiFigures } from '../dti/dti-figures.reader';
import { provinceReference } from './province-reference.loader';

/** The answer's type is shared with the web, so it lives in libs/domain. */
export type { IndicatorMap };

/**
 * A DTI-fed indicator's figures from the year's table (`readDtiFigures`): a row matched to
 * one of our provinces is its figure; a province the table gives the figure for that is not
 * in this database gets a unit of its own, named as the table names it and coded by the
 * reference list, valid on that year's map only.
 */
async function dtiFigures(
  ds: DataSource,
  dtiFigure: string,
  year: number,
  units: MapUnit[],
): Promise<{ figures: UnitFigure[]; units: MapUnit[]; total: number } | null> {
  const table = await readDtiFigures(ds.manager, dtiFigure, year);
  if (!table) return null;
  const onDate = `${year}-12-31`;
  const byCode = new Map(units.filter((u) => u.kind === 'province').map((u) => [u.code.toUpperCase(), u.id]));
  const extra: MapUnit[] = [];
  const figures: UnitFigure[] = [];
  for (const r of table.rows) {
    const ref = provinceReference().match(r.code ?? r.name, onDate) ?? provinceReference().match(r.name, onDate);
    const code = ref?.shortCode ?? r.code ?? r.name;
    let unitId = r.orgUnitId ?? byCode.get(code.toUpperCase()) ?? null;
    if (!unitId && r.value === null) continue;
    if (!unitId) {
      unitId = `dti:${code}`;
      byCode.set(code.toUpperCase(), unitId);
      extra.push({
        id: unitId,
        code,
        name: r.name,
        kind: 'province',
        provinceId: unitId,
        validFrom: ref?.validFrom ?? null,
        validTo: ref?.validTo ?? onDate,
      });
    }
    figures.push({ unitId, value: r.value, numerator: null, denominator: null, rank: r.rank });
  }
  return { figures, units: [...units, ...extra], total: table.total };
}

/**
 * A period's values of an indicator by province, on the map valid at the end of the period
 * or re-aggregated onto a later map (see reaggregate for the rules). A unit's value is its
 * latest entered observation for exactly that period; for an indicator fed from the DTI it
 * is the year's DTI table (every province it names, with the table's ranks), the figures
 * the DTI pages show.
 */
export async function readIndicatorMap(
  ds: DataSource,
  indicatorCode: string,
  periodCode: string,
  mapDate: string | null,
): Promise<IndicatorMap> {
  const [indicator] = await ds.query(
    `SELECT id, code, name, unit, kind, scale::text AS scale, direction, dti_figure FROM indicator WHERE code = $1`,
    [indicatorCode],
  );
  if (!indicator) throw new DomainError('INDICATOR_NOT_FOUND', kpiMessages.indicatorNotFound(indicatorCode));
  const period = parsePeriod(periodCode);
  if (!period) throw new DomainError('INVALID_INPUT', commonMessages.notAPeriodWithForms(periodCode));
  const map = mapDate ?? period.end;
  if (map < period.end) throw new DomainError('INVALID_DATE', orgMessages.reaggregationBackwards(map, period.code, period.end));
  const units: (MapUnit & { officialCode: string | null })[] = await ds.query(
    `SELECT id, code, name, kind, province_id AS "provinceId", valid_from::text AS "validFrom", valid_to::text AS "validTo",
            official_code AS "officialCode" FROM org_unit`,
  );
  const links = await ds.query(
    `SELECT predecessor_id AS "predecessorId", successor_id AS "successorId", effective::text AS effective FROM org_succession`,
  );
  // An indicator fed from the DTI reads the year's table, as the DTI pages do; a year without a table, the observations.
  const dti =
    indicator.dti_figure && period.kind === 'year' ? await dtiFigures(ds, indicator.dti_figure, Number(period.code), units) : null;
  const figures: UnitFigure[] =
    dti?.figures ??
    (
      await ds.query(
        `SELECT DISTINCT ON (org_unit_id) org_unit_id AS "unitId", value, numerator, denominator
         FROM observation WHERE indicator_id = $1 AND period = $2 ORDER BY org_unit_id, entered_at DESC, id`,
        [indicator.id, period.code],
      )
    ).map((f: Record<string, unknown>) => ({
      unitId: f.unitId as string,
      value: canonicalOrNull(f.value),
      numerator: canonicalOrNull(f.numerator),
      denominator: canonicalOrNull(f.denominator),
    }));
  const rows = reaggregate({
    kind: indicator.kind,
    scale: indicator.kind === 'ratio' ? (indicator.scale ?? '100') : null,
    direction: indicator.direction,
    periodEnd: period.end,
    mapDate: map,
    units: dti?.units ?? units,
    links,
    figures,
  });
  // A province the national reference list does not know (the illustrative Tỉnh Mẫu, a test province) has no place on
  // the national map: it is listed only where it has figures (its own or its predecessors').
  const unlisted = new Set(units.filter((u) => u.kind === 'province' && u.officialCode === null).map((u) => u.code));
  const listed = rows.filter((r) => !unlisted.has(r.code) || r.value !== null || r.parts.length > 0);
  return {
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, kind: indicator.kind, direction: indicator.direction },
    period: period.code,
    source: dti ? 'dti' : 'observations',
    map,
    reaggregated: map !== period.end,
    rows: listed,
    ranked: dti ? dti.total : listed.filter((r) => r.rank !== null).length,
  };
}
