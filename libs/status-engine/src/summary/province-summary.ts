import type { ClaimView, GoalView, KpiView, ProvinceSummary, RollupView } from '@dx/domain';

/** The summary's types are shared with the web, so they live in libs/domain. */
export type { ClaimView, GoalView, KpiView, ProvinceSummary, RollupView };

/** Whether a KPI has a target: a goal's or the national one. */
export function kpiHasTarget(k: KpiView): boolean {
  return k.nationalTarget !== null || k.goalTargets.length > 0;
}

/**
 * One page of a summary's KPIs, those with a target first (then by indicator code, as read),
 * and how many there are in all: a national-scale province tracks hundreds of indicators.
 */
export function kpiPage(kpis: readonly KpiView[], page: number, pageSize: number): { items: KpiView[]; total: number } {
  const ordered = [...kpis.filter(kpiHasTarget), ...kpis.filter((k) => !kpiHasTarget(k))];
  return { items: ordered.slice((page - 1) * pageSize, page * pageSize), total: kpis.length };
}
