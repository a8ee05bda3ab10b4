/**
 * What a KPI pass covers:
 * - `national`: every observation of every province, in one statement (full passes);
 * - `province`: every observation of one province;
 * - `scoped`: what the outbox rows of one or more provinces name: (indicator, org unit, period) triples,
 *   (indicator, org unit) pairs, whole indicators of a province (every org unit of it).
 * A changed value moves its own row, the rows whose previous or year-ago period it is (same
 * indicator and org unit) and other provinces' ranks for its period.
 */
export type KpiPass =
  { kind: 'national' } | { kind: 'province'; provinceId: string } | { kind: 'scoped'; provinceIds: string[]; scope: KpiScope };

export interface KpiScope {
  /** Every org unit of the province. */
  indicators: { indicatorId: string; provinceId: string }[];
  /** Every period. */
  pairs: { indicatorId: string; orgUnitId: string }[];
  /** One period: its row, the rows whose previous or year-ago period it is, and their ranks. */
  periods: { indicatorId: string; orgUnitId: string; period: string }[];
}
