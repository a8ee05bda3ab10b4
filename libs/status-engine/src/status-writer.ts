import { EntityManager } from 'typeorm';
import { canonicalOrNull, GoalEvaluation } from '../../domain/src';
import { Column, deleteRows, upsertRows } from './bulk-sql';
import { ProvinceStatus } from './province-status';

type Row = Record<string, unknown>;

export interface StatusEvent {
  entity_kind: 'goal' | 'task' | 'rollup' | 'reconciliation';
  entity_id: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

export interface WriteSummary {
  rowsChanged: number;
  events: StatusEvent[];
}

/** JSON with object keys sorted: jsonb returns keys in its own order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Row)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const same = (a: Row, b: Row, fields: string[]) => fields.every((f) => stableJson(a[f]) === stableJson(b[f]));

/**
 * Writes what changed between the stored results of a province at an as-of date and
 * a fresh computation, and the status-change events that follow. Rows that did not
 * change are not touched, so a repeated recompute writes nothing and logs no event.
 */
export class StatusWriter {
  private rowsChanged = 0;
  private readonly events: StatusEvent[] = [];

  constructor(
    private readonly m: EntityManager,
    private readonly provinceId: string,
    private readonly recomputeId: string,
  ) {}

  async write(status: ProvinceStatus): Promise<WriteSummary> {
    await this.writeGoals(status);
    await this.writeTasks(status);
    await this.writeRollups(status);
    await this.writeReconciliations(status);
    return { rowsChanged: this.rowsChanged, events: this.events };
  }

  private async sync(
    table: string,
    keyColumns: Column[],
    valueColumns: Column[],
    existing: Row[],
    wanted: Row[],
    options: { deleteStale: boolean; extra?: Row },
  ): Promise<Map<string, Row>> {
    const key = (r: Row) => keyColumns.map((c) => String(r[c.name])).join('|');
    const fields = valueColumns.map((c) => c.name);
    const have = new Map(existing.map((r) => [key(r), r]));
    const changed = wanted.filter((r) => {
      const old = have.get(key(r));
      return !old || !same(old, r, fields);
    });
    const wantedKeys = new Set(wanted.map(key));
    const stale = options.deleteStale ? existing.filter((r) => !wantedKeys.has(key(r))) : [];
    const extra = options.extra ?? {};
    const extraColumns: Column[] = Object.keys(extra).map((name) => ({ name, type: name === 'recompute_id' ? 'uuid' : name.endsWith('_at') ? 'timestamptz' : 'text' }));
    if (changed.length) {
      await upsertRows(this.m, table, [...keyColumns, ...valueColumns, ...extraColumns], keyColumns.map((c) => c.name), changed.map((r) => ({ ...r, ...extra })));
    }
    if (stale.length) await deleteRows(this.m, table, keyColumns, stale);
    this.rowsChanged += changed.length + stale.length;
    return have;
  }

  private stamp(): Row {
    return { recompute_id: this.recomputeId, computed_at: new Date().toISOString() };
  }

  private async writeGoals(status: ProvinceStatus): Promise<void> {
    const asOf = status.asOf;
    const rows = [...status.goals].map(([goalId, e]) => goalRow(goalId, this.provinceId, asOf, e));
    const existing = (
      await this.m.query(
        `SELECT gs.goal_id, gs.org_unit_id, gs.as_of, gs.status, gs.actual::text AS actual, gs.actual_period, gs.expected::text AS expected,
                gs.attainment::text AS attainment, gs.attainment_display::text AS attainment_display, gs.colour, gs.unverified
           FROM goal_status gs JOIN goal g ON g.id = gs.goal_id JOIN document d ON d.id = g.document_id
          WHERE d.province_id = $1 AND gs.as_of = $2`,
        [this.provinceId, asOf],
      )
    ).map(normaliseNumbers(['actual', 'expected', 'attainment', 'attainment_display']));
    // "from" is the latest earlier status, so the day a goal turns not_met is an event.
    const previous = new Map<string, string>(
      (
        await this.m.query(
          `SELECT DISTINCT ON (gs.goal_id) gs.goal_id, gs.status FROM goal_status gs
             JOIN goal g ON g.id = gs.goal_id JOIN document d ON d.id = g.document_id
            WHERE d.province_id = $1 AND gs.as_of <= $2 ORDER BY gs.goal_id, gs.as_of DESC`,
          [this.provinceId, asOf],
        )
      ).map((r: Row) => [r.goal_id as string, r.status as string]),
    );
    await this.sync('goal_status', GOAL_KEY, GOAL_VALUES, existing, rows, { deleteStale: true, extra: this.stamp() });
    for (const r of rows) {
      const before = previous.get(r.goal_id as string) ?? null;
      if (before !== r.status) this.event('goal', r.goal_id as string, 'status', before, r.status as string);
    }
  }

  private async writeTasks(status: ProvinceStatus): Promise<void> {
    const rows = [...status.tasks].map(([taskId, f]) => ({ task_id: taskId, as_of: status.asOf, overdue: f.overdue, due_soon: f.dueSoon, unverified: f.unverified }));
    const existing = await this.m.query(
      `SELECT ts.task_id, ts.as_of, ts.overdue, ts.due_soon, ts.unverified FROM task_status ts
         JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id WHERE d.province_id = $1 AND ts.as_of = $2`,
      [this.provinceId, status.asOf],
    );
    const previous = new Map<string, Row>(
      (
        await this.m.query(
          `SELECT DISTINCT ON (ts.task_id) ts.task_id, ts.overdue FROM task_status ts
             JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id
            WHERE d.province_id = $1 AND ts.as_of <= $2 ORDER BY ts.task_id, ts.as_of DESC`,
          [this.provinceId, status.asOf],
        )
      ).map((r: Row) => [r.task_id as string, r]),
    );
    await this.sync('task_status', TASK_KEY, TASK_VALUES, existing, rows, { deleteStale: true, extra: this.stamp() });
    for (const r of rows) {
      const before = previous.get(r.task_id);
      if (before?.overdue !== r.overdue && (before || r.overdue)) {
        this.event('task', r.task_id, 'overdue', before ? String(before.overdue) : null, String(r.overdue));
      }
    }
  }

  private async writeRollups(status: ProvinceStatus): Promise<void> {
    const rows = status.rollups.map((r) => ({
      scope_kind: r.scopeKind,
      scope_id: r.scopeId,
      as_of: status.asOf,
      province_id: this.provinceId,
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
    }));
    const existing = (
      await this.m.query(
        `SELECT scope_kind, scope_id, as_of, province_id, goal_counts, goals_met, goals_total, goals_recorded, goals_declared, task_counts,
                tasks_total, tasks_overdue, tasks_due_soon, tasks_unverified, task_progress::text AS task_progress, tasks_recorded, tasks_declared
           FROM rollup WHERE province_id = $1 AND as_of = $2`,
        [this.provinceId, status.asOf],
      )
    ).map(normaliseNumbers(['task_progress']));
    // "from" is the latest earlier figure of the scope, so a new day only logs what moved.
    const previous = new Map<string, Row>(
      (
        await this.m.query(
          `SELECT DISTINCT ON (scope_kind, scope_id) scope_kind, scope_id, goals_met, goals_total FROM rollup
            WHERE province_id = $1 AND as_of <= $2 ORDER BY scope_kind, scope_id, as_of DESC`,
          [this.provinceId, status.asOf],
        )
      ).map((r: Row) => [`${r.scope_kind}|${r.scope_id}`, r]),
    );
    await this.sync('rollup', ROLLUP_KEY, ROLLUP_VALUES, existing, rows, { deleteStale: true, extra: this.stamp() });
    const metOf = (x: Row | undefined) => (x && x.goals_total !== null ? `${x.goals_met}/${x.goals_total}` : null);
    for (const r of rows) {
      const before = metOf(previous.get(`${r.scope_kind}|${r.scope_id}`));
      if (r.goals_total !== null && before !== metOf(r)) this.event('rollup', r.scope_id, 'goals_met', before, metOf(r));
    }
  }

  private async writeReconciliations(status: ProvinceStatus): Promise<void> {
    const rows = [...status.reconciliations].map(([claimId, r]) => ({
      claim_id: claimId,
      verdict: r.verdict,
      self_inconsistent: r.selfInconsistent,
      differs: r.differs,
      computed_met: r.computedMet,
      computed_total: r.computedTotal,
      differing_goals: r.differingGoals,
      reasons: r.reasons,
    }));
    const existing = await this.m.query(
      `SELECT r.claim_id, r.verdict, r.self_inconsistent, r.differs, r.computed_met, r.computed_total, r.differing_goals, r.reasons
         FROM reconciliation r JOIN reported_claim c ON c.id = r.claim_id JOIN document d ON d.id = c.document_id WHERE d.province_id = $1`,
      [this.provinceId],
    );
    const have = await this.sync('reconciliation', RECONCILIATION_KEY, RECONCILIATION_VALUES, existing, rows, { deleteStale: true, extra: this.stamp() });
    for (const r of rows) {
      const before = (have.get(r.claim_id)?.verdict as string | undefined) ?? null;
      if (before !== r.verdict) this.event('reconciliation', r.claim_id, 'verdict', before, r.verdict);
    }
  }

  private event(kind: StatusEvent['entity_kind'], id: string, field: string, from: string | null, to: string | null): void {
    this.events.push({ entity_kind: kind, entity_id: id, field, from_value: from, to_value: to });
  }
}

function goalRow(goalId: string, orgUnitId: string, asOf: string, e: GoalEvaluation): Row {
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

const normaliseNumbers = (fields: string[]) => (row: Row) => {
  for (const f of fields) row[f] = canonicalOrNull(row[f]);
  return row;
};

const c = (name: string, type: string): Column => ({ name, type });
const GOAL_KEY = [c('goal_id', 'uuid'), c('org_unit_id', 'uuid'), c('as_of', 'date')];
const GOAL_VALUES = [
  c('status', 'text'), c('actual', 'numeric'), c('actual_period', 'text'), c('expected', 'numeric'), c('attainment', 'numeric'),
  c('attainment_display', 'numeric'), c('colour', 'text'), c('unverified', 'boolean'),
];
const TASK_KEY = [c('task_id', 'uuid'), c('as_of', 'date')];
const TASK_VALUES = [c('overdue', 'boolean'), c('due_soon', 'boolean'), c('unverified', 'boolean')];
const ROLLUP_KEY = [c('scope_kind', 'text'), c('scope_id', 'uuid'), c('as_of', 'date')];
const ROLLUP_VALUES = [
  c('province_id', 'uuid'), c('goal_counts', 'jsonb'), c('goals_met', 'int'), c('goals_total', 'int'), c('goals_recorded', 'int'),
  c('goals_declared', 'int'), c('task_counts', 'jsonb'), c('tasks_total', 'int'), c('tasks_overdue', 'int'), c('tasks_due_soon', 'int'),
  c('tasks_unverified', 'int'), c('task_progress', 'numeric'), c('tasks_recorded', 'int'), c('tasks_declared', 'int'),
];
const RECONCILIATION_KEY = [c('claim_id', 'uuid')];
const RECONCILIATION_VALUES = [
  c('verdict', 'text'), c('self_inconsistent', 'boolean'), c('differs', 'boolean'), c('computed_met', 'int'), c('computed_total', 'int'),
  c('differing_goals', 'jsonb'), c('reasons', 'jsonb'),
];
