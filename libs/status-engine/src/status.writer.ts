import { EntityManager } from 'typeorm';
import { Column, deleteRows, upsertRows } from './bulk-sql';
import { ProvinceStatus } from './province-status';
import {
  GOAL_KEY,
  GOAL_VALUES,
  goalRow,
  normaliseNumbers,
  RECONCILIATION_KEY,
  RECONCILIATION_VALUES,
  reconciliationRow,
  ROLLUP_KEY,
  ROLLUP_VALUES,
  rollupRow,
  Row,
  TASK_KEY,
  TASK_VALUES,
  taskRow,
} from './status-rows';

export interface StatusEvent {
  province_id: string;
  entity_kind: 'goal' | 'task' | 'rollup' | 'reconciliation';
  entity_id: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
}

export interface WriteSummary {
  rowsChanged: number;
  /** Rows changed per province. */
  rowsByProvince: Map<string, number>;
  events: StatusEvent[];
}

/** JSON with object keys sorted: jsonb returns keys in its own order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Row)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const same = (a: Row, b: Row, fields: string[]) => fields.every((f) => stableJson(a[f]) === stableJson(b[f]));

/** One province's fresh computation and the recompute run that writes it. */
export interface ProvinceWrite {
  provinceId: string;
  runId: string;
  status: ProvinceStatus;
}

const STAMP_COLUMNS: Column[] = [
  { name: 'recompute_id', type: 'uuid' },
  { name: 'computed_at', type: 'timestamptz' },
];

/**
 * Writes what changed between the stored results of provinces at one as-of date and a
 * fresh computation, and the status-change events that follow, set-based over all the
 * provinces at once. Rows that did not change are not touched, so a repeated recompute
 * writes nothing and logs no event.
 */
export class StatusWriter {
  private rowsChanged = 0;
  private readonly rowsByProvince = new Map<string, number>();
  private readonly events: StatusEvent[] = [];
  private readonly provinceIds: string[];
  private readonly asOf: string;
  private readonly computedAt = new Date().toISOString();

  constructor(
    private readonly m: EntityManager,
    private readonly writes: ProvinceWrite[],
  ) {
    this.provinceIds = writes.map((w) => w.provinceId);
    const dates = new Set(writes.map((w) => w.status.asOf));
    if (dates.size > 1) throw new Error('StatusWriter: one as-of date per write');
    this.asOf = writes[0]?.status.asOf ?? '';
  }

  async write(): Promise<WriteSummary> {
    if (this.writes.length) {
      await this.writeGoals();
      await this.writeTasks();
      await this.writeRollups();
      await this.writeReconciliations();
    }
    return { rowsChanged: this.rowsChanged, rowsByProvince: this.rowsByProvince, events: this.events };
  }

  /** Rows of every province, each with its province's id and run stamp. */
  private rows(map: (w: ProvinceWrite) => Row[]): Row[] {
    return this.writes.flatMap((w) =>
      map(w).map((r) => ({ ...r, province_of_row: w.provinceId, recompute_id: w.runId, computed_at: this.computedAt })),
    );
  }

  private read(sql: string): Promise<Row[]> {
    return this.m.query(sql, [this.provinceIds, this.asOf]);
  }

  private async sync(
    table: string,
    keyColumns: Column[],
    valueColumns: Column[],
    existing: Row[],
    wanted: Row[],
  ): Promise<Map<string, Row>> {
    const key = (r: Row) => keyColumns.map((c) => String(r[c.name])).join('|');
    const fields = valueColumns.map((c) => c.name);
    const have = new Map(existing.map((r) => [key(r), r]));
    const changed = wanted.filter((r) => {
      const old = have.get(key(r));
      return !old || !same(old, r, fields);
    });
    const wantedKeys = new Set(wanted.map(key));
    const stale = existing.filter((r) => !wantedKeys.has(key(r)));
    if (changed.length) {
      await upsertRows(
        this.m,
        table,
        [...keyColumns, ...valueColumns, ...STAMP_COLUMNS],
        keyColumns.map((c) => c.name),
        changed,
      );
    }
    if (stale.length) await deleteRows(this.m, table, keyColumns, stale);
    this.rowsChanged += changed.length + stale.length;
    for (const r of [...changed, ...stale]) {
      const province = r.province_of_row as string;
      this.rowsByProvince.set(province, (this.rowsByProvince.get(province) ?? 0) + 1);
    }
    return have;
  }

  private async writeGoals(): Promise<void> {
    const rows = this.rows((w) => [...w.status.goals].map(([goalId, e]) => goalRow(goalId, w.provinceId, this.asOf, e)));
    const existing = (
      await this.read(
        `SELECT d.province_id AS province_of_row, gs.goal_id, gs.org_unit_id, gs.as_of, gs.status, gs.actual::text AS actual, gs.actual_period, gs.expected::text AS expected,
                gs.attainment::text AS attainment, gs.attainment_display::text AS attainment_display, gs.colour, gs.unverified
           FROM goal_status gs JOIN goal g ON g.id = gs.goal_id JOIN document d ON d.id = g.document_id
          WHERE d.province_id = ANY($1::uuid[]) AND gs.as_of = $2`,
      )
    ).map(normaliseNumbers(['actual', 'expected', 'attainment', 'attainment_display']));
    // "from" is the latest earlier status, so the day a goal turns not_met is an event.
    const previous = new Map<string, string>(
      (
        await this.read(
          `SELECT DISTINCT ON (gs.goal_id) gs.goal_id, gs.status FROM goal_status gs
             JOIN goal g ON g.id = gs.goal_id JOIN document d ON d.id = g.document_id
            WHERE d.province_id = ANY($1::uuid[]) AND gs.as_of <= $2 ORDER BY gs.goal_id, gs.as_of DESC`,
        )
      ).map((r: Row) => [r.goal_id as string, r.status as string]),
    );
    await this.sync('goal_status', GOAL_KEY, GOAL_VALUES, existing, rows);
    for (const r of rows) {
      const before = previous.get(r.goal_id as string) ?? null;
      if (before !== r.status) this.event(r, 'goal', r.goal_id as string, 'status', before, r.status as string);
    }
  }

  private async writeTasks(): Promise<void> {
    const rows = this.rows((w) => [...w.status.tasks].map(([taskId, f]) => taskRow(taskId, this.asOf, f)));
    const existing = await this.read(
      `SELECT d.province_id AS province_of_row, ts.task_id, ts.as_of, ts.status, ts.progress, ts.overdue, ts.due_soon, ts.unverified FROM task_status ts
         JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id WHERE d.province_id = ANY($1::uuid[]) AND ts.as_of = $2`,
    );
    const previous = new Map<string, Row>(
      (
        await this.read(
          `SELECT DISTINCT ON (ts.task_id) ts.task_id, ts.overdue FROM task_status ts
             JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id
            WHERE d.province_id = ANY($1::uuid[]) AND ts.as_of <= $2 ORDER BY ts.task_id, ts.as_of DESC`,
        )
      ).map((r: Row) => [r.task_id as string, r]),
    );
    await this.sync('task_status', TASK_KEY, TASK_VALUES, existing, rows);
    for (const r of rows) {
      const before = previous.get(r.task_id as string);
      if (before?.overdue !== r.overdue && (before || r.overdue)) {
        this.event(r, 'task', r.task_id as string, 'overdue', before ? String(before.overdue) : null, String(r.overdue));
      }
    }
  }

  private async writeRollups(): Promise<void> {
    const rows = this.rows((w) => w.status.rollups.map((r) => rollupRow(r, this.asOf, w.provinceId)));
    const existing = (
      await this.read(
        `SELECT province_id AS province_of_row, scope_kind, scope_id, as_of, province_id, goal_counts, goals_met, goals_total, goals_recorded, goals_declared, task_counts,
                tasks_total, tasks_overdue, tasks_due_soon, tasks_unverified, task_progress::text AS task_progress, tasks_recorded, tasks_declared
           FROM rollup WHERE province_id = ANY($1::uuid[]) AND as_of = $2`,
      )
    ).map(normaliseNumbers(['task_progress']));
    // "from" is the latest earlier figure of the scope, so a new day only logs what moved.
    const previous = new Map<string, Row>(
      (
        await this.read(
          `SELECT DISTINCT ON (scope_kind, scope_id) scope_kind, scope_id, goals_met, goals_total FROM rollup
            WHERE province_id = ANY($1::uuid[]) AND as_of <= $2 ORDER BY scope_kind, scope_id, as_of DESC`,
        )
      ).map((r: Row) => [`${r.scope_kind}|${r.scope_id}`, r]),
    );
    await this.sync('rollup', ROLLUP_KEY, ROLLUP_VALUES, existing, rows);
    const metOf = (x: Row | undefined) => (x && x.goals_total !== null ? `${x.goals_met}/${x.goals_total}` : null);
    for (const r of rows) {
      const before = metOf(previous.get(`${r.scope_kind}|${r.scope_id}`));
      if (r.goals_total !== null && before !== metOf(r)) this.event(r, 'rollup', r.scope_id as string, 'goals_met', before, metOf(r));
    }
  }

  private async writeReconciliations(): Promise<void> {
    const rows = this.rows((w) => [...w.status.reconciliations].map(([claimId, r]) => reconciliationRow(claimId, r)));
    // Reconciliations are checked at each claim's own date: one row per claim, whatever the as-of date.
    const existing = await this.m.query(
      `SELECT d.province_id AS province_of_row, r.claim_id, r.verdict, r.self_inconsistent, r.differs, r.computed_met, r.computed_total, r.differing_goals, r.reasons
         FROM reconciliation r JOIN reported_claim c ON c.id = r.claim_id JOIN document d ON d.id = c.document_id WHERE d.province_id = ANY($1::uuid[])`,
      [this.provinceIds],
    );
    const have = await this.sync('reconciliation', RECONCILIATION_KEY, RECONCILIATION_VALUES, existing, rows);
    for (const r of rows) {
      const before = (have.get(r.claim_id as string)?.verdict as string | undefined) ?? null;
      if (before !== r.verdict) this.event(r, 'reconciliation', r.claim_id as string, 'verdict', before, r.verdict as string);
    }
  }

  private event(row: Row, kind: StatusEvent['entity_kind'], id: string, field: string, from: string | null, to: string | null): void {
    this.events.push({
      province_id: row.province_of_row as string,
      entity_kind: kind,
      entity_id: id,
      field,
      from_value: from,
      to_value: to,
    });
  }
}
