/**
 * The rows of the four status tables (goal_status, task_status, rollup, reconciliation)
 * as StatusWriter compares and writes them: one row builder per table, and each table's
 * key and value columns.
 */
import { canonicalOrNull, GoalEvaluation, Reconciliation } from '@dx/domain';
import { Column } from './bulk-sql';
import { RollupRow, TaskAsOf } from './province-status';

/** A row as StatusWriter reads and writes it: column name → value. */
export type Row = Record<string, unknown>;

export function goalRow(goalId: string, orgUnitId: string, asOf: string, e: GoalEvaluation): Row {
  return {
    goal_id: goalId,
    org_unit_id: orgUnitId,
    as_of: asOf,
    status: e.status,
    // Canonical like the stored side (inputs may hold 57.50), so unchanged goals compare equal.
    actual: canonicalOrNull(e.actual),
    actual_period: e.actualPeriod,
    expected: canonicalOrNull(e.expected),
    attainment: canonicalOrNull(e.attainment),
    attainment_display: canonicalOrNull(e.attainmentDisplay),
    colour: e.colour,
    unverified: e.unverified,
  };
}

export function taskRow(taskId: string, asOf: string, f: TaskAsOf): Row {
  return {
    task_id: taskId,
    as_of: asOf,
    status: f.status,
    progress: f.progress,
    overdue: f.overdue,
    due_soon: f.dueSoon,
    unverified: f.unverified,
  };
}

export function rollupRow(r: RollupRow, asOf: string, provinceId: string): Row {
  return {
    scope_kind: r.scopeKind,
    scope_id: r.scopeId,
    as_of: asOf,
    province_id: provinceId,
    goal_counts: r.goals?.counts ?? null,
    goals_met: r.goals?.met ?? null,
    goals_total: r.goals?.total ?? null,
    goals_recorded: r.goals?.recorded ?? null,
    goals_declared: r.goals?.declared ?? null,
    task_counts: r.tasks?.counts ?? null,
    tasks_total: r.tasks?.total ?? null,
    tasks_overdue: r.tasks?.overdue ?? null,
    tasks_due_soon: r.tasks?.dueSoon ?? null,
    tasks_unverified: r.tasks?.unverified ?? null,
    task_progress: r.tasks?.progress ?? null,
    tasks_recorded: r.tasks?.recorded ?? null,
    tasks_declared: r.tasks?.declared ?? null,
  };
}

export function reconciliationRow(claimId: string, r: Reconciliation): Row {
  return {
    claim_id: claimId,
    verdict: r.verdict,
    self_inconsistent: r.selfInconsistent,
    differs: r.differs,
    computed_met: r.computedMet,
    computed_total: r.computedTotal,
    differing_goals: r.differingGoals,
    reasons: r.reasons,
  };
}

export const normaliseNumbers = (fields: string[]) => (row: Row) => {
  for (const f of fields) row[f] = canonicalOrNull(row[f]);
  return row;
};

const c = (name: string, type: string): Column => ({ name, type });
export const GOAL_KEY = [c('goal_id', 'uuid'), c('org_unit_id', 'uuid'), c('as_of', 'date')];
export const GOAL_VALUES = [
  c('status', 'text'),
  c('actual', 'numeric'),
  c('actual_period', 'text'),
  c('expected', 'numeric'),
  c('attainment', 'numeric'),
  c('attainment_display', 'numeric'),
  c('colour', 'text'),
  c('unverified', 'boolean'),
];
export const TASK_KEY = [c('task_id', 'uuid'), c('as_of', 'date')];
export const TASK_VALUES = [
  c('status', 'text'),
  c('progress', 'int'),
  c('overdue', 'boolean'),
  c('due_soon', 'boolean'),
  c('unverified', 'boolean'),
];
export const ROLLUP_KEY = [c('scope_kind', 'text'), c('scope_id', 'uuid'), c('as_of', 'date')];
export const ROLLUP_VALUES = [
  c('province_id', 'uuid'),
  c('goal_counts', 'jsonb'),
  c('goals_met', 'int'),
  c('goals_total', 'int'),
  c('goals_recorded', 'int'),
  c('goals_declared', 'int'),
  c('task_counts', 'jsonb'),
  c('tasks_total', 'int'),
  c('tasks_overdue', 'int'),
  c('tasks_due_soon', 'int'),
  c('tasks_unverified', 'int'),
  c('task_progress', 'numeric'),
  c('tasks_recorded', 'int'),
  c('tasks_declared', 'int'),
];
export const RECONCILIATION_KEY = [c('claim_id', 'uuid')];
export const RECONCILIATION_VALUES = [
  c('verdict', 'text'),
  c('self_inconsistent', 'boolean'),
  c('differs', 'boolean'),
  c('computed_met', 'int'),
  c('computed_total', 'int'),
  c('differing_goals', 'jsonb'),
  c('reasons', 'jsonb'),
];
