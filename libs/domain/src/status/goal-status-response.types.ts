import type { GoalStatus } from './status.types';

/** A change of a goal's status, and what caused it (`outbox`, `import`, `schedule:daily`, …). */
export interface GoalStatusEvent {
  from: string | null;
  to: string;
  asOf: string;
  reason: string;
  at: Date;
}

/** `GET /api/v1/goals/:id/status`: a goal, its status at the as-of date, and its latest status changes (newest first). */
export interface GoalStatusResponse {
  id: string;
  code: string;
  title: string;
  kind: 'quantitative' | 'milestone';
  province: string;
  document: string;
  indicator: string | null;
  target: { op: string; value: string | null } | null;
  due: string;
  reportedStatus: string | null;
  asOf: string;
  status: {
    asOf: string;
    status: GoalStatus;
    actual: string | null;
    actualPeriod: string | null;
    expected: string | null;
    attainment: string | null;
    attainmentDisplay: string | null;
    colour: string | null;
    unverified: boolean;
    computedAt: Date;
  } | null;
  history: GoalStatusEvent[];
}
