import { DataSource } from 'typeorm';
import { canonicalOrNull, DomainError, IndicatorKind, MapRow, parsePeriod, reaggregate } from '../../../domain/src';

export interface IndicatorMap {
  indicator: { code: string; name: string; unit: string; kind: IndicatorKind; direction: 'up' | 'down' };
  period: string;
  /** The map the rows are on: the period's last day unless a later map was asked for. */
  map: string;
  reaggregated: boolean;
  rows: MapRow[];
  /** Rows with a value, i.e. what a rank is out of. */
  ranked: number;
}

/**
 * A period's values of an indicator by province, on the map valid at the end of the period
 * or re-aggregated onto a later map (see reaggregate for the rules). A unit's value is its
 * latest entered observation for exactly that period.
 */
export async function readIndicatorMap(ds: DataSource, indicatorCode: string, periodCode: string, mapDate: string | null): Promise<IndicatorMap> {
  const [indicator] = await ds.query(`SELECT id, code, name, unit, kind, scale::text AS scale, direction FROM indicator WHERE code = $1`, [indicatorCode]);
  if (!indicator) throw new DomainError('INDICATOR_NOT_FOUND', `no indicator with code "${indicatorCode}"`);
  const period = parsePeriod(periodCode);
  if (!period) throw new DomainError('INVALID_INPUT', `"${periodCode}" is not a period (2024, 2024-H1, 2024-Q3, 2024-10 or 2024-10-31)`);
  const map = mapDate ?? period.end;
  if (map < period.end) throw new DomainError('INVALID_DATE', `re-aggregation goes onto a later map: ${map} is before the end of ${period.code} (${period.end})`);
  const units = await ds.query(
    `SELECT id, code, name, kind, province_id AS "provinceId", valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM org_unit`,
  );
  const links = await ds.query(`SELECT predecessor_id AS "predecessorId", successor_id AS "successorId", effective::text AS effective FROM org_succession`);
  const figures: { unitId: string; value: unknown; numerator: unknown; denominator: unknown }[] = await ds.query(
    `SELECT DISTINCT ON (org_unit_id) org_unit_id AS "unitId", value, numerator, denominator
       FROM observation WHERE indicator_id = $1 AND period = $2 ORDER BY org_unit_id, entered_at DESC, id`,
    [indicator.id, period.code],
  );
  const rows = reaggregate({
    kind: indicator.kind,
    scale: indicator.kind === 'ratio' ? (indicator.scale ?? '100') : null,
    direction: indicator.direction,
    periodEnd: period.end,
    mapDate: map,
    units,
    links,
    figures: figures.map((f) => ({
      unitId: f.unitId, value: canonicalOrNull(f.value), numerator: canonicalOrNull(f.numerator), denominator: canonicalOrNull(f.denominator),
    })),
  });
  return {
    indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, kind: indicator.kind, direction: indicator.direction },
    period: period.code,
    map,
    reaggregated: map !== period.end,
    rows,
    ranked: rows.filter((r) => r.rank !== null).length,
  };
}
