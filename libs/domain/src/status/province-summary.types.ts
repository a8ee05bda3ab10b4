import type { Direction, IndicatorKind } from '../plan.types';
import type { GoalRollup, GoalStatus, Reconciliation, TaskRollup } from './status.types';

/**
 * A province's computed state at an as-of date, as `cli status` prints it and
 * `GET /api/v1/provinces/:code/summary` returns it (the web reads the same types).
 * Types only: the status engine builds these, the API serialises them.
 */

export interface RollupView {
  goals: GoalRollup | null;
  tasks: TaskRollup | null;
}

export interface GoalView {
  id: string;
  code: string;
  title: string;
  kind: 'quantitative' | 'milestone';
  indicator: string | null;
  target: { op: string; value: string } | null;
  due: string;
  status: GoalStatus | null;
  actual: string | null;
  actualPeriod: string | null;
  attainment: string | null;
  colour: string | null;
  unverified: boolean;
  reportedStatus: string | null;
  /** The goal's version (If-Match of `PATCH /api/v1/goals/:id`). */
  version?: number;
  /** `web`: added in the web app. */
  origin?: 'import' | 'web';
  /** Cancelled in the web app: left out of evaluations and rollups, shown as "đã hủy". */
  cancelled?: { at: string; reason: string | null } | null;
}

export interface ClaimView {
  scope: string;
  met: number;
  of: number;
  open: number | null;
  asOf: string;
  source: string | null;
  reconciliation: Pick<
    Reconciliation,
    'verdict' | 'selfInconsistent' | 'differs' | 'computedMet' | 'computedTotal' | 'differingGoals' | 'reasons'
  > | null;
}

/** A KPI value against a target: how far it is and whether it is met. */
export interface TargetGap {
  op: string;
  target: string;
  gap: string;
  attainment: string | null;
  met: boolean;
}

/** A KPI value against one goal's target. */
export interface GoalTargetGap extends TargetGap {
  goalCode: string;
  documentCode: string;
}

export interface KpiView {
  indicator: { code: string; name: string; unit: string; kind: IndicatorKind; direction: Direction };
  period: string;
  value: string;
  previous: { period: string; value: string | null; change: string | null; changeRelative: string | null };
  yearAgo: { period: string; value: string | null; change: string | null; changeRelative: string | null };
  goalTargets: GoalTargetGap[];
  nationalTarget: TargetGap | null;
  /**
   * `observations`: among the provinces here with a value for the period; `dti`: the DTI
   * table's rank, out of the provinces on that year's map (an indicator fed from the DTI).
   */
  rank: { rank: number; of: number; percentile: string; source: 'observations' | 'dti' } | null;
}

export interface SummaryDocument {
  code: string;
  title: string;
  type: string;
  scope: string;
  implements: string | null;
  rollup: RollupView;
  goalGroups: { id: string; code: string; name: string; rollup: RollupView; goals: GoalView[] }[];
  taskGroups: { id: string; code: string; name: string; rollup: RollupView }[];
  claims: ClaimView[];
}

/** One province's computed state at an as-of date: what `cli status` prints and the summary endpoint returns. */
export interface ProvinceSummary {
  province: { code: string; name: string };
  asOf: string;
  /** When the stored results were computed; null when nothing has been computed for this date. */
  computedAt: string | null;
  totals: RollupView;
  documents: SummaryDocument[];
  /** The province's latest value of each indicator, with its comparisons. */
  kpis: KpiView[];
}

/** `GET /api/v1/provinces/:code/summary`: the summary with one page of its KPIs and the job computing it, if any. */
export interface SummaryResponse extends ProvinceSummary {
  kpiPage: { page: number; pageSize: number; total: number };
  /** The recompute job of an as-of date nothing was computed for yet. */
  pendingJob: string | null;
}
