import type { ReminderAgency, ReminderTask } from '@dx/domain';
import type { ReportHeading } from '../report.types';

/** A task in a reminder dispatch: overdue (with the days late) or due soon (with the days left). */
export type DispatchTask = ReminderTask;

/** A lead agency with its overdue tasks and those due within the dispatch's window. */
export type DispatchAgency = ReminderAgency;

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
