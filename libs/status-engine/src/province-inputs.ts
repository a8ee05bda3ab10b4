import type {
  ComparisonOp,
  Direction,
  DocumentScope,
  GoalInput,
  IndicatorKind,
  ObservationInput,
  ReportedStatus,
  TaskHistory,
} from '@dx/domain';

/** Everything a recompute of one province reads, loaded in one snapshot. */
export interface ProvinceInputs {
  province: { id: string; code: string; name: string };
  documents: { id: string; code: string; scope: DocumentScope; title: string; position: number }[];
  goalGroups: GroupInput[];
  taskGroups: GroupInput[];
  goals: (GoalInput & { id: string; documentId: string; groupId: string; title: string; indicatorId: string | null; position: number })[];
  /**
   * Every task with what its state at a date is computed from (taskStateAt): its state now, when it entered the
   * plan, and the recorded changes that matter at the as-of date and the claims' dates.
   */
  tasks: { id: string; documentId: string; groupId: string; code: string; due: string | null; position: number; history: TaskHistory }[];
  claims: { id: string; documentId: string; scope: string; met: number; of: number; open: number | null; asOf: string }[];
  indicators: IndicatorRow[];
  /** The province's own observations of its goal indicators that a goal evaluation at the as-of date or a claim's date can choose. */
  observations: (ObservationInput & { indicatorId: string; orgUnitId: string })[];
}

export interface GroupInput {
  id: string;
  documentId: string;
  code: string;
  name: string;
  declaredCount: number | null;
  position: number;
}

export interface IndicatorRow {
  id: string;
  code: string;
  kind: IndicatorKind;
  scale: string | null;
  direction: Direction;
  /** This province's national target for the indicator, if its file gives one. */
  nationalTarget: { op: ComparisonOp; value: string } | null;
}

/** Province-level values of every province for the (indicator, period) pairs being ranked. */
export interface PeerObservation extends ObservationInput {
  indicatorId: string;
  provinceId: string;
  provinceCode: string;
}

export type { ReportedStatus };
