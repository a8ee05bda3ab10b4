import type { Direction, IndicatorKind, TaskOutcomeCounts } from '@dx/domain';

/** The heading of a Vietnamese administrative report (Nghị định 30/2020/NĐ-CP, Phụ lục I), configurable per province. */
export interface ReportHeading {
  /** The body above the issuer, e.g. "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH". */
  parentBody: string;
  /** The issuer, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ" (the Sở TT&TT before 2025-03-01: `ictDepartmentAt`). */
  issuer: string;
  /** Number and symbol: "Số: 125/BC-SKHCN", or left for the clerk: "Số:        /BC-SKHCN". */
  number: string;
  /** Place in the date line: "Quảng Ninh". */
  place: string;
  recipients: string[];
  signerTitle: string;
  signerName: string | null;
}

export interface GroupSummary {
  code: string;
  name: string;
  met: number;
  total: number;
  recorded: number;
  declared: number | null;
}

export interface TaskGroupSummary {
  code: string;
  name: string;
  counts: Record<string, number>;
  total: number;
  overdue: number;
  recorded: number;
  declared: number | null;
}

/** Tasks under the four outcomes of a government progress report (`taskOutcome`) in one scope. */
export interface TaskOutcomeLine {
  code: string;
  name: string;
  counts: TaskOutcomeCounts;
}

export interface ReconciliationLine {
  scope: string;
  asOf: string;
  reportedMet: number;
  reportedOf: number;
  reportedOpen: number | null;
  computedMet: number | null;
  computedTotal: number | null;
  verdict: string | null;
  differingGoals: string[];
  reasons: string[];
}

export interface GoalLine {
  group: string;
  code: string;
  title: string;
  target: string | null;
  actual: number | null;
  actualPeriod: string | null;
  /** 0.95 = 95 %. */
  attainment: number | null;
  status: string | null;
  source: string | null;
}

export interface TaskLine {
  code: string;
  title: string;
  due: string | null;
  status: string;
  progress: number | null;
  flag: 'overdue' | 'due_soon';
}

export interface KpiLine {
  code: string;
  name: string;
  unit: string;
  /** What the value measures and which way is better: a rank (1 the best) reads its changes in places. */
  kind: IndicatorKind;
  direction: Direction;
  period: string;
  value: number;
  target: string | null;
  met: boolean | null;
  previousPeriod: string;
  previousValue: number | null;
  /** value − previousValue, exact (canonical decimal); null without a previous value. */
  previousChange: string | null;
  yearAgoPeriod: string;
  yearAgoValue: number | null;
  rank: number | null;
  rankOf: number | null;
}

export interface DirectiveLine {
  body: string;
  target: string | null;
  assignee: string | null;
  due: string | null;
  status: string;
  overdue: boolean;
  answer: string | null;
}

export interface ChangeLine {
  what: string;
  field: string;
  from: string | null;
  to: string | null;
  asOf: string;
}

/** A DTI pillar or main index of the province: score and rank as published, either may be unknown. */
export interface DtiFigure {
  name: string;
  /** Canonical decimal ("0.7804"), exact as stored. */
  score: string | null;
  rank: number | null;
}

/** An entry of the year's DTI table ranked near the province (the province included). */
export interface DtiPeer {
  name: string;
  /** Our province code when the entry is matched to one. */
  province: string | null;
  rank: number;
  score: string | null;
  /** The report's own province. */
  self: boolean;
}

/**
 * The province's place in the national DTI (Bộ chỉ số đánh giá chuyển đổi số, provinces'
 * table) for the latest year with data up to the report's as-of year.
 */
export interface DtiSection {
  year: number;
  score: string | null;
  rank: number | null;
  /** Whether the rank is as published (else computed from the scores). */
  rankGiven: boolean;
  /** Ranked entries in that year's table. */
  total: number;
  /** Against the year before; positive rankChange = places gained. Null when either year lacks the figure. */
  scoreChange: string | null;
  rankChange: number | null;
  /** The three pillars first (Chính quyền số, Kinh tế số, Xã hội số), then any other, by name. */
  pillars: DtiFigure[];
  /** Main indices with a known figure, in the methodology's order, then any other, by name. */
  indices: DtiFigure[];
  /** Entries ranked up to two places above and below the province, by rank then name. */
  peers: DtiPeer[];
  /** Every year up to the section's, oldest first. */
  history: { year: number; score: string | null; rank: number | null; total: number }[];
}

/** Everything a report shows, computed from the stored statuses: the same data and as-of date give the same report. */
export interface ReportData {
  heading: ReportHeading;
  province: { code: string; name: string };
  document: { code: string; title: string; type: string; scope: string };
  period: string;
  asOf: string;
  /** The report's date, in the date line. */
  issued: string;
  goals: { met: number; total: number; recorded: number; declared: number | null };
  tasks: { total: number; counts: Record<string, number>; overdue: number; recorded: number; declared: number | null };
  goalGroups: GroupSummary[];
  taskGroups: TaskGroupSummary[];
  /** The document's tasks (cancelled ones left out) as done on time, done late, open within the deadline, open past it. */
  taskOutcomes: { total: TaskOutcomeCounts; byGroup: TaskOutcomeLine[]; byLead: TaskOutcomeLine[] };
  reconciliations: ReconciliationLine[];
  goalLines: GoalLine[];
  lateTasks: { lead: string; leadName: string; tasks: TaskLine[] }[];
  kpis: KpiLine[];
  directives: DirectiveLine[];
  /** Status changes since the previous report of the same schedule (or the previous period's end). */
  changesSince: string | null;
  changes: ChangeLine[];
  /** Up to five key KPIs over their last periods, for the trend chart. */
  trends: {
    code: string;
    name: string;
    unit: string;
    kind: IndicatorKind;
    direction: Direction;
    points: { period: string; value: number }[];
  }[];
  /** The province's DTI position; null when no DTI year up to the as-of year mentions it. */
  dti: DtiSection | null;
}
