import type { GoalRollup, ReconciliationVerdict, TaskRollup } from './status.types';
import type { KpiView, ProvinceSummary } from './province-summary.types';

/**
 * `GET /api/v1/provinces/:code/dashboard`: a leader's first screen. Types only, shared by
 * the API (which builds it) and the web (which shows it).
 */

/** A lead agency's tasks: how many, done, overdue (cancelled left out). */
export interface LeadTaskCounts {
  lead: string;
  name: string;
  total: number;
  done: number;
  overdue: number;
}

export interface DirectiveCounts {
  open: number;
  answered: number;
  overdue: number;
  overdueByAssignee: { code: string | null; name: string | null; overdue: number }[];
}

/** An open directive as the dashboard shows it (the API sends the directive's other fields as well). */
export interface DashboardDirective {
  id: string;
  body: string;
  assignee: string | null;
  due: string | null;
  overdue: boolean;
}

export interface DashboardTarget {
  code: string;
  title: string;
  scope: string;
  goals: GoalRollup | null;
  groups: { code: string; name: string; goals: GoalRollup | null }[];
  reported: {
    scope: string;
    met: number;
    of: number;
    open: number | null;
    asOf: string;
    verdict: ReconciliationVerdict | null;
    computedMet: number | null;
  }[];
}

export interface DashboardResponse {
  province: ProvinceSummary['province'];
  asOf: string;
  computedAt: string | null;
  targets: DashboardTarget[];
  /** The province's task rollup (absent when it has no tasks) and its tasks by lead agency. */
  tasks: Partial<TaskRollup> & { byLead: LeadTaskCounts[] };
  directives: DirectiveCounts;
  openDirectives: DashboardDirective[];
  /** The KPIs with a target, those missing it first. */
  kpis: (KpiView & { met: boolean })[];
}
