/** An open task a reminder urges: overdue at the as-of date (with the days late) or due soon (with the days left). */
export interface ReminderTask {
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

/** A lead agency with its overdue tasks and those due within the reminder's window. */
export interface ReminderAgency {
  code: string;
  name: string;
  overdue: ReminderTask[];
  dueSoon: ReminderTask[];
}
