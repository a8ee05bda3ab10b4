import type { SubmissionResponse } from '../submissions/submission-response.types';

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
  enteredAt: Date;
  /** Send it back as `If-Match` to correct or remove the value. */
  version: number;
}

/** The sorts of the KPI value list: by period (oldest or newest first), agency, indicator, or latest entered first. */
export const OBSERVATION_LIST_SORTS = ['period', '-period', 'org', 'indicator', '-entered'] as const;
export type ObservationListSort = (typeof OBSERVATION_LIST_SORTS)[number];

/** A rule's warning on a value that was still accepted (`path` is the request field). */
export interface ObservationWarning {
  path: string;
  message: string;
}

/**
 * `POST /api/v1/observations`: the value as stored (201 new, 200 replacing the same indicator, agency, period and
 * source), or, for a reporter whose province wants approval, the submission that waits for it (202).
 */
export type ObservationWriteResponse =
  | { observation: object; created: boolean; warnings: ObservationWarning[] }
  | { submission: SubmissionResponse; warnings: ObservationWarning[] };

/** `PATCH /api/v1/observations/:id`: the value as corrected (200), or the reporter's correction waiting for approval (202). */
export type ObservationCorrectResponse = ObservationItem | { submission: SubmissionResponse };
