import { daysBetween } from '../iso-date';

/** A task as a reminder names it. */
export interface NotifiedTask {
  id: string;
  code: string;
  title: string;
  due: string;
  /** The lead agency (org unit id) and its name. */
  leadId: string;
  leadName: string;
}

/** A directive as its notifications name it. */
export interface NotifiedDirective {
  id: string;
  body: string;
  targetCode: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  due: string | null;
  /** The username of the leader who gave it. */
  createdBy: string;
  answer: string | null;
  answeredBy: string | null;
}

/** A submission (an update waiting for approval) as its notifications name it. */
export interface NotifiedSubmission {
  id: string;
  /** What it updates: "nhiệm vụ NV-01" or "số liệu CDS-01 (2025)"; built by the producer. */
  subject: string;
  submittedById: string | null;
  submittedBy: string;
  status: 'submitted' | 'approved' | 'returned';
  decidedBy: string | null;
  reason: string | null;
}

/** One change a goal digest lists. */
export interface GoalChange {
  code: string;
  field: string;
  from: string | null;
  to: string | null;
}

/** Everything that makes a notification; `provinceId` bounds who receives it. */
export type NotificationEvent =
  | { kind: 'task.due_soon'; provinceId: string; task: NotifiedTask; asOf: string }
  | { kind: 'task.overdue'; provinceId: string; task: NotifiedTask; asOf: string }
  | { kind: 'submission.waiting'; provinceId: string; submission: NotifiedSubmission }
  | { kind: 'submission.decided'; provinceId: string; submission: NotifiedSubmission }
  | { kind: 'directive.assigned'; provinceId: string; directive: NotifiedDirective }
  | { kind: 'directive.answered'; provinceId: string; directive: NotifiedDirective }
  | { kind: 'directive.overdue'; provinceId: string; directive: NotifiedDirective; asOf: string }
  | { kind: 'goal.status_changed'; provinceId: string; date: string; changes: GoalChange[] }
  | { kind: 'report.made'; provinceId: string; report: { id: string; title: string }; accountIds: string[] };

/** Who receives an event, as rules the repository resolves to active accounts. */
export type RecipientRule =
  { role: 'officer' | 'leader'; provinceId: string } | { reportersOf: string } | { accountId: string } | { username: string };

/** Days a task is late on `asOf` (0 when not late). */
export function daysLate(due: string, asOf: string): number {
  return Math.max(0, daysBetween(due, asOf));
}

/** The event's key: one notification per account and key, one delivery per key, recipient and channel. */
export function eventKey(e: NotificationEvent): string {
  switch (e.kind) {
    case 'task.due_soon':
      return `${e.kind}:${e.task.id}:${e.task.due}:${daysBetween(e.asOf, e.task.due)}`;
    case 'task.overdue':
      // Once when it becomes late (days 1–7), then once a week while it stays late (days 8–14, …).
      return `${e.kind}:${e.task.id}:${e.task.due}:w${Math.floor((daysLate(e.task.due, e.asOf) - 1) / 7)}`;
    case 'submission.waiting':
    case 'submission.decided':
      return `${e.kind}:${e.submission.id}`;
    case 'directive.assigned':
    case 'directive.answered':
      return `${e.kind}:${e.directive.id}`;
    case 'directive.overdue':
      return `${e.kind}:${e.directive.id}:${e.directive.due}`;
    case 'goal.status_changed':
      return `${e.kind}:${e.provinceId}:${e.date}`;
    case 'report.made':
      return `${e.kind}:${e.report.id}`;
  }
}

/** Who receives an event (docs/notifications.md, "who gets what"). */
export function recipientsFor(e: NotificationEvent): RecipientRule[] {
  const officers = { role: 'officer', provinceId: e.provinceId } as const;
  switch (e.kind) {
    case 'task.due_soon':
    case 'task.overdue':
      return [{ reportersOf: e.task.leadId }, officers];
    case 'submission.waiting':
      return [officers];
    case 'submission.decided':
      return e.submission.submittedById ? [{ accountId: e.submission.submittedById }] : [];
    case 'directive.assigned':
      return e.directive.assigneeId ? [{ reportersOf: e.directive.assigneeId }] : [];
    case 'directive.answered':
      return [{ username: e.directive.createdBy }];
    case 'directive.overdue':
      return [...(e.directive.assigneeId ? [{ reportersOf: e.directive.assigneeId }] : []), { username: e.directive.createdBy }];
    case 'goal.status_changed':
      return [{ role: 'leader', provinceId: e.provinceId }, officers];
    case 'report.made':
      return e.accountIds.map((accountId) => ({ accountId }));
  }
}

/** The web page an event opens (a hash of apps/web's route table). */
export function linkFor(e: NotificationEvent): string {
  switch (e.kind) {
    case 'task.due_soon':
    case 'task.overdue':
      return `#/cong-viec?task=${e.task.id}`;
    case 'submission.waiting':
    case 'submission.decided':
      return `#/cho-duyet?submission=${e.submission.id}`;
    case 'directive.assigned':
    case 'directive.answered':
    case 'directive.overdue':
      return `#/chi-dao?directive=${e.directive.id}`;
    case 'goal.status_changed':
      return '#/tong-quan';
    case 'report.made':
      return `#/bao-cao?report=${e.report.id}`;
  }
}

/** The row a notification is about. */
export function entityOf(e: NotificationEvent): { kind: string; id: string | null } {
  switch (e.kind) {
    case 'task.due_soon':
    case 'task.overdue':
      return { kind: 'task', id: e.task.id };
    case 'submission.waiting':
    case 'submission.decided':
      return { kind: 'submission', id: e.submission.id };
    case 'directive.assigned':
    case 'directive.answered':
    case 'directive.overdue':
      return { kind: 'directive', id: e.directive.id };
    case 'goal.status_changed':
      return { kind: 'province', id: e.provinceId };
    case 'report.made':
      return { kind: 'report', id: e.report.id };
  }
}
