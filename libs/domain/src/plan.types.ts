/**
 * The plan model: one province with its agencies, indicators, documents and KPI
 * observations, as described by `dx-tracker/plan@1` (docs/plan-format.md).
 * Optional values are `null`, never `undefined`, so two models compare field by field.
 * Measured values are canonical decimal strings (see decimal.ts), never floats.
 */
export const PLAN_SCHEMA = 'dx-tracker/plan@1';

export const ORG_KINDS = ['department', 'district', 'commune', 'other'] as const;
export const INDICATOR_KINDS = ['ratio', 'percent', 'count', 'amount', 'score', 'rank', 'boolean'] as const;
export const DIRECTIONS = ['up', 'down'] as const;
export const DOCUMENT_TYPES = ['resolution', 'plan', 'decision', 'program', 'report'] as const;
export const DOCUMENT_SCOPES = ['province', 'national'] as const;
export const COMPARISON_OPS = ['>=', '<=', '=', '>', '<'] as const;
export const REPORTED_STATUSES = ['met', 'not_met', 'in_progress'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;

export type OrgKind = (typeof ORG_KINDS)[number];
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** `YYYY-MM-DD`, a real calendar date. */
export type IsoDate = string;
/** A canonical decimal string such as `81`, `0.7024`, `-3.5`. */
export type DecimalString = string;

export interface Evidence {
  number: string | null;
  date: IsoDate | null;
  issuer: string | null;
}

export interface PlanProvince {
  code: string;
  name: string;
  validFrom: IsoDate | null;
}

export interface PlanAgency {
  code: string;
  name: string;
  kind: OrgKind;
  parent: string | null;
}

export interface NationalTarget {
  op: ComparisonOp;
  value: DecimalString;
  due: IsoDate | null;
  source: string | null;
}

export interface PlanIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  /** Only for `ratio`: value = numerator / denominator * scale. */
  scale: DecimalString | null;
  direction: Direction;
  nationalTarget: NationalTarget | null;
  /** The DTI figure that feeds it (`rank`, `score`, `government.rank`, `institutions.rank`…), taken from the imported DTI results. */
  dti: string | null;
}

export interface GoalTarget {
  op: ComparisonOp;
  value: DecimalString;
}

export interface Baseline {
  value: DecimalString;
  date: IsoDate;
}

export interface PlanGoal {
  code: string;
  title: string;
  /** Quantitative goals name an indicator and a target; milestones have neither. */
  indicator: string | null;
  target: GoalTarget | null;
  milestone: boolean;
  baseline: Baseline | null;
  due: IsoDate;
  reportedStatus: ReportedStatus | null;
  reportedAsOf: IsoDate | null;
  evidence: Evidence | null;
  source: string | null;
  note: string | null;
}

export interface PlanGoalGroup {
  code: string;
  name: string;
  declaredCount: number | null;
  goals: PlanGoal[];
}

export interface PlanTask {
  code: string;
  title: string;
  lead: string;
  support: string[];
  due: IsoDate | null;
  status: TaskStatus;
  progress: number | null;
  evidence: Evidence | null;
}

export interface PlanTaskGroup {
  code: string;
  name: string;
  declaredCount: number | null;
  tasks: PlanTask[];
}

/** A total the document's own reports claim, e.g. "6/9 targets met, 4 still open". */
export interface ReportedClaim {
  /** `document`, or the code of a goal group or task group of the same document. */
  scope: string;
  met: number;
  of: number;
  open: number | null;
  asOf: IsoDate;
  source: string | null;
}

export interface PlanDocument {
  code: string;
  type: DocumentType;
  issuer: string;
  issued: IsoDate;
  title: string;
  period: { from: IsoDate; to: IsoDate } | null;
  scope: DocumentScope;
  implements: string | null;
  goalGroups: PlanGoalGroup[];
  taskGroups: PlanTaskGroup[];
  reported: ReportedClaim[];
}

export interface PlanObservation {
  indicator: string;
  /** The province code or an agency code. */
  org: string;
  /** Canonical period code, see period.ts. */
  period: string;
  value: DecimalString | null;
  numerator: DecimalString | null;
  denominator: DecimalString | null;
  source: string | null;
  note: string | null;
}

export interface PlanFile {
  province: PlanProvince;
  agencies: PlanAgency[];
  indicators: PlanIndicator[];
  documents: PlanDocument[];
  observations: PlanObservation[];
}

/** The scope code a reported claim uses for the whole document. */
export const DOCUMENT_SCOPE_CODE = 'document';
