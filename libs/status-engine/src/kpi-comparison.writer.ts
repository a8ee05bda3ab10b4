import { EntityManager } from 'typeorm';
import { KpiPass } from './kpi-sql/kpi-pass.types';
import { nationalKpiSql } from './kpi-sql/kpi-national.sql';
import { provinceKpiSql } from './kpi-sql/kpi-province.sql';
import { scopedKpiSql } from './kpi-sql/kpi-scoped.sql';

export type { KpiPass, KpiScope } from './kpi-sql/kpi-pass.types';

/**
 * The KPI comparisons of status-rules.md ("KPI comparisons, per indicator, org unit and
 * period"), computed and written set-based in PostgreSQL: the country holds millions of
 * observations, too many to move through the application. `computeKpiComparisons`
 * (compute-province-status.ts) implements the same rules with the pure domain functions;
 * a test checks that both agree.
 *
 * Per (indicator, org unit, period): one observation among sources (latest start, then
 * source, value, numerator, denominator ascending), its value (ratio: numerator /
 * denominator × scale when both are known, rounded to 6 decimals; percent without a
 * value: numerator / denominator × 100), the previous period of the same length and the
 * same period a year earlier (absolute change, relative change to 4 decimals), the
 * province's goals on the indicator and its national target (gap, attainment to 4
 * decimals, met), and for a province's own row the rank among provinces with data
 * (competition ranking, direction respected) and percentile. Each pass kind has its own
 * statement in kpi-sql/, built from the parts they share.
 */
function kpiSql(pass: KpiPass): string {
  if (pass.kind === 'national') return nationalKpiSql();
  return pass.kind === 'scoped' ? scopedKpiSql() : provinceKpiSql();
}

function kpiParams(pass: KpiPass, recomputeId: string): unknown[] {
  if (pass.kind === 'national') return [recomputeId];
  if (pass.kind === 'province') return [recomputeId, [pass.provinceId]];
  const { indicators, pairs, periods } = pass.scope;
  return [
    recomputeId,
    pass.provinceIds,
    indicators.map((i) => i.indicatorId),
    indicators.map((i) => i.provinceId),
    pairs.map((p) => p.indicatorId),
    pairs.map((p) => p.orgUnitId),
    periods.map((p) => p.indicatorId),
    periods.map((p) => p.orgUnitId),
    periods.map((p) => p.period),
  ];
}

/** Writes the KPI comparisons a pass covers; returns the rows it changed. */
export async function writeKpiComparisons(m: EntityManager, pass: KpiPass, recomputeId: string): Promise<number> {
  // The sorts of a national-scale pass spill to disk at the default 4 MB; this transaction only.
  await m.query(`SET LOCAL work_mem = '${pass.kind === 'national' ? '256MB' : '64MB'}'`);
  // The planner's estimate triggers JIT compilation, which costs more than it saves here (measured: 5.4 s → 2.7 s).
  await m.query(`SET LOCAL jit = off`);
  const [row] = await m.query(kpiSql(pass), kpiParams(pass, recomputeId));
  return row.upserted + row.deleted + row.peers;
}
