import type { GoalEvaluation, GoalRollup, GoalTargetGap, Reconciliation, TargetGap, TaskFlags, TaskRollup, TaskStatus } from '@dx/domain';

export type ScopeKind = 'province' | 'document' | 'goal_group' | 'task_group';

export interface RollupRow {
  scopeKind: ScopeKind;
  scopeId: string;
  goals: GoalRollup | null;
  tasks: TaskRollup | null;
}

export interface GoalTargetFigure extends GoalTargetGap {
  goalId: string;
}

/** One KPI comparison as the pure rules compute it (computeKpiComparisons); the reference for the set-based writer. */
export interface KpiRow {
  indicatorId: string;
  orgUnitId: string;
  period: string;
  periodEnd: string;
  value: string;
  previousPeriod: string;
  previousValue: string | null;
  previousChange: string | null;
  previousChangeRel: string | null;
  yearAgoPeriod: string;
  yearAgoValue: string | null;
  yearAgoChange: string | null;
  yearAgoChangeRel: string | null;
  goalTargets: GoalTargetFigure[];
  nationalTarget: TargetGap | null;
  rank: number | null;
  rankOf: number | null;
  percentile: string | null;
}

/** A task at the as-of date: its status and progress then, and the flags they give. */
export interface TaskAsOf extends TaskFlags {
  status: TaskStatus;
  progress: number | null;
}

/** What a recompute of one province at one as-of date computes in the application (KPI comparisons are set-based: kpi-comparison.writer.ts). */
export interface ProvinceStatus {
  asOf: string;
  goals: Map<string, GoalEvaluation>;
  /** The tasks in the plan at the as-of date. */
  tasks: Map<string, TaskAsOf>;
  rollups: RollupRow[];
  reconciliations: Map<string, Reconciliation>;
}
