import type { ReportHeading } from '../report.types';

/** A task in a reminder dispatch: overdue (with the days late) or due soon (with the days left). */
export interface DispatchTask {
  code: string;
  title: string;
  /** The code of the plan document the task belongs to, e.g. "37/KH-UBND". */
  document: string;
  due: string;
  /** Days since the due date (overdue tasks), else null. */
  daysLate: number | null;
  /** Days until the due date (tasks due soon), else null. */
  daysLeft: number | null;
}

/** A lead agency with its overdue tasks and those due within the dispatch's window. */
export interface DispatchAgency {
  code: string;
  name: string;
  overdue: DispatchTask[];
  dueSoon: DispatchTask[];
}

/** The tasks a reminder dispatch urges, for a province at an as-of date. */
export interface ReminderTasks {
  province: { code: string; name: string };
  /** The province's configured report heading (null: the default applies). */
  heading: Partial<ReportHeading> | null;
  asOf: string;
  /** "Due soon": due within this many days of the as-of date. */
  dueWithinDays: number;
  /** Only the agencies with at least one overdue or due-soon task. */
  agencies: DispatchAgency[];
}

/** What one dispatch PDF prints. */
export interface DispatchData {
  heading: ReportHeading;
  /** The date printed after the place. */
  issued: string;
  asOf: string;
  dueWithinDays: number;
  /** One agency (a dispatch to it) or several (one dispatch to all, grouped by agency). */
  agencies: DispatchAgency[];
}

export type DispatchMode = 'per-agency' | 'all';

/** How to make dispatches from the tasks read: one per agency or one for all, with an own number and signer. */
export interface DispatchOptions {
  mode: DispatchMode;
  /** Only this agency (per agency). */
  agency?: string;
  /** The number ("125/SKHCN-CĐS"), printed "Số: 125/SKHCN-CĐS"; unset: left blank for the clerk. */
  number?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
  /** Default: the as-of date. */
  issued?: string;
}

export interface DispatchFile {
  name: string;
  /** The agency it is addressed to; null for the dispatch to all. */
  agency: string | null;
  bytes: Buffer;
}
