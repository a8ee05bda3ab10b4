import type { ComparisonOp, Direction, IndicatorKind, IsoDate, ReportedStatus, TaskStatus } from '../plan.types';
import type { PeriodKind } from '../period';

/**
 * Inputs and outputs of the status rules (docs/status-rules.md). Everything is a
 * pure function of these values and an as-of date: same input, same output, whatever
 * the order of arrays.
 */

export const GOAL_STATUSES = ['met', 'not_met', 'on_track', 'at_risk', 'in_progress', 'no_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export type AttainmentColour = 'green' | 'amber' | 'red';

/** One stored KPI value, as the rules need it. Values are canonical decimal strings. */
export interface ObservationInput {
  period: string;
  periodKind: PeriodKind;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  source: string | null;
}

export interface IndicatorInput {
  code: string;
  kind: IndicatorKind;
  /** ratio only */
  scale: string | null;
  direction: Direction;
}

export interface EvidenceInput {
  number: string | null;
  date: IsoDate | null;
}

export interface GoalInput {
  code: string;
  kind: 'quantitative' | 'milestone';
  /** quantitative only */
  targetOp: ComparisonOp | null;
  targetValue: string | null;
  baselineValue: string | null;
  baselineDate: IsoDate | null;
  due: IsoDate;
  reportedStatus: ReportedStatus | null;
  evidence: EvidenceInput | null;
}

export interface GoalEvaluation {
  status: GoalStatus;
  /** The actual value used (decimal string), null without data or for milestones. */
  actual: string | null;
  /** Period code of the observation the actual comes from. */
  actualPeriod: string | null;
  /** The linear expected value at the as-of date (needs a baseline), else null. */
  expected: string | null;
  /** actual/target (direction up) or target/actual (down); null when undefined (no data, division by zero). Not capped. */
  attainment: string | null;
  /** attainment capped at 1.5 for display. */
  attainmentDisplay: string | null;
  colour: AttainmentColour | null;
  /** A milestone counted as met without evidence (document number and date). */
  unverified: boolean;
}

export interface TaskInput {
  code: string;
  status: TaskStatus;
  due: IsoDate | null;
  progress: number | null;
  evidence: EvidenceInput | null;
  /** Weight in the group's progress mean; default 1. */
  weight?: number;
}

export interface TaskFlags {
  overdue: boolean;
  dueSoon: boolean;
  unverified: boolean;
}

export interface GoalRollup {
  /** Count per status; all statuses present (0 when none). Sums to `total`. */
  counts: Record<GoalStatus, number>;
  met: number;
  total: number;
  /** Goals recorded against the declared count (null when nothing declared). */
  recorded: number;
  declared: number | null;
}

export interface TaskRollup {
  counts: Record<TaskStatus, number>;
  total: number;
  overdue: number;
  dueSoon: number;
  unverified: number;
  /** Mean task progress (0..100, 2 decimals as a decimal string), cancelled tasks excluded; null when no task counts. */
  progress: string | null;
  recorded: number;
  declared: number | null;
}

export type ReconciliationVerdict = 'consistent' | 'differs' | 'self_inconsistent';

export interface ClaimInput {
  met: number;
  of: number;
  open: number | null;
}

export interface GoalComparisonInput {
  code: string;
  reportedStatus: ReportedStatus | null;
  computed: GoalStatus;
}

export interface Reconciliation {
  /** self_inconsistent wins over differs, which wins over consistent. */
  verdict: ReconciliationVerdict;
  selfInconsistent: boolean;
  differs: boolean;
  reportedMet: number;
  reportedOf: number;
  reportedOpen: number | null;
  computedMet: number;
  computedTotal: number;
  /** Goals whose computed status disagrees with their reported_status, in code order. */
  differingGoals: { code: string; reported: ReportedStatus; computed: GoalStatus }[];
  /** Human-readable reasons, in Vietnamese. */
  reasons: string[];
}

export interface ChangeFigures {
  previousValue: string | null;
  previousPeriod: string;
  absolute: string | null;
  /** (value − previous) / |previous|; null when previous is missing or 0. */
  relative: string | null;
}

export interface RankFigures {
  /** 1 = best, respecting direction; ties share a rank and the next rank skips. */
  rank: number;
  /** Provinces with data for the period. */
  of: number;
  /** 100 × (of − rank) / (of − 1), 100 when alone. */
  percentile: string;
}

export interface TargetFigures {
  op: ComparisonOp;
  target: string;
  /** actual − target, in the indicator's unit. */
  gap: string;
  attainment: string | null;
  met: boolean;
}
