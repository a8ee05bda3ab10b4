import type { GoalEvaluation, GoalRollup, Reconciliation, TaskFlags, TaskRollup } from '../../domain/src';

export type ScopeKind = 'province' | 'document' | 'goal_group' | 'task_group';

export interface RollupRow {
  scopeKind: ScopeKind;
  scopeId: string;
  goals: GoalRollup | null;
  tasks: TaskRollup | null;
}

export interface GoalTargetFigure {
  goalId: string;
  goalCode: string;
  documentCode: string;
  op: string;
  target: string;
  gap: string;
  attainment: string | null;
  met: boolean;
}

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
  nationalTarget: { op: string; target: string; gap: string; attainment: string | null; met: boolean } | null;
  rank: number | null;
  rankOf: number | null;
  percentile: string | null;
}

/** Ranks of other provinces' rows that this recompute refreshes (their values did not change, the field did). */
export interface PeerRank {
  indicatorId: string;
  provinceId: string;
  period: string;
  rank: number;
  rankOf: number;
  percentile: string;
}

/** What a recompute of one province at one as-of date computes. */
export interface ProvinceStatus {
  asOf: string;
  goals: Map<string, GoalEvaluation>;
  tasks: Map<string, TaskFlags>;
  rollups: RollupRow[];
  reconciliations: Map<string, Reconciliation>;
  kpis: KpiRow[];
  peerRanks: PeerRank[];
}
