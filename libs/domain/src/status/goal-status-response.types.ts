import type { GoalEvaluation } from './status.types';

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
  /** The stored evaluation at `asOf` (its colour as stored), and when it was computed. */
  status: (Omit<GoalEvaluation, 'colour'> & { asOf: string; colour: string | null; computedAt: Date }) | null;
  history: GoalStatusEvent[];
}
