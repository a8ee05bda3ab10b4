/**
 * What a KPI pass covers:
 * - `national`: every observation of every province, in one statement (full passes);
 * - `province` with `scope: null`: every observation of one province;
 * - `province` with a scope: what the province's outbox rows name: (indicator, org unit,
 *   period) triples, (indicator, org unit) pairs, whole indicators (every org unit).
 * A changed value moves its own row, the rows whose previous or year-ago period it is (same
 * indicator and org unit) and other provinces' ranks for its period.
 */
export type KpiPass = { kind: 'national' } | { kind: 'province'; provinceId: string; scope: KpiScope | null };

export interface KpiScope {
  /** Every org unit of the province. */
  indicators: string[];
  /** Every period. */
  pairs: { indicatorId: string; orgUnitId: string }[];
  /** One period: its row, the rows whose previous or year-ago period it is, and their ranks. */
  periods: { indicatorId: string; orgUnitId: string; period: string }[];
}
