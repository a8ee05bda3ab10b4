/** One KPI value as `GET /api/v1/observations` lists it and `PATCH /api/v1/observations/:id` answers it (shared with the web). */
export interface ObservationItem {
  id: string;
  indicator: string;
  /** The indicator's name as the province's plan words it. */
  indicatorName: string;
  unit: string;
  province: string;
  org: string;
  period: string;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  source: string | null;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
  /** Send it back as `If-Match` to correct or remove the value. */
  version: number;
}

/** The sorts of the KPI value list: by period (oldest or newest first), agency, indicator, or latest entered first. */
export const OBSERVATION_LIST_SORTS = ['period', '-period', 'org', 'indicator', '-entered'] as const;
export type ObservationListSort = (typeof OBSERVATION_LIST_SORTS)[number];
