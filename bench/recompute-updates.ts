import { Client } from 'pg';
import {
  BenchShape,
  benchUuid,
  CANONICAL_VALUES,
  communeKey,
  communeProvince,
  indicatorKey,
  PROVINCE_FIRST_MONTH,
  COMMUNE_FIRST_MONTH,
  provinceKey,
} from './dataset';
import { prng } from './support';

/**
 * One write of the incremental phase: a task's status (changes a task-group rollup), a
 * province's value of one of its goals' indicators (changes the goal's figures and its
 * group's rollup, and KPI comparisons), or any observation (KPI comparisons only).
 */
export interface Update {
  k: number;
  kind: 'task' | 'goal_observation' | 'observation';
  provinceId: string;
  taskId?: string;
  indicatorId?: string;
  orgUnitId?: string;
  period?: string;
  delta: string;
  value?: string;
  outboxId?: string;
  committedAt?: number;
  /** The province's statuses (goals, tasks, rollups) include the write. */
  statusAt?: number;
  /** The KPI comparison shows the new value. */
  kpiAt?: number;
}

/** Distinct writes, a third of each kind, drawn (seeded) uniformly within their kind. */
export function pickUpdates(shape: BenchShape, count: number, seed: number): Update[] {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const month = (first: string, m: number) => {
    const [y, mo] = first.split('-').map(Number);
    const total = y * 12 + (mo - 1) + m;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  };
  const provinceObs = shape.provinces * shape.indicators * shape.provinceMonths;
  const communeObs = shape.communes * shape.communeIndicators * shape.communeMonths;
  const goalsPerProvince = shape.documentsPerProvince * shape.goalsPerDocument;
  const seen = new Set<string>();
  const updates: Update[] = [];
  for (let attempts = 0; updates.length < count && attempts < count * 100; attempts++) {
    const k = updates.length;
    const delta = String(0.25 * (1 + (k % 8)));
    const p = int(shape.provinces) + 1;
    const provinceId = benchUuid(provinceKey(p));
    let u: Update;
    if (k % 3 === 0) {
      const t = int(shape.tasksPerProvince) + 1;
      u = { k, kind: 'task', provinceId, taskId: benchUuid(`dxb:task:${p}:${t}`), delta };
    } else if (k % 3 === 1) {
      // As dataset.ts assigns goals their indicators; every 9th goal is a milestone without one.
      const n = int(goalsPerProvince) + 1;
      if (n % 9 === 0) continue;
      const i = ((p * 7 + n * 13) % shape.indicators) + 1;
      u = {
        k,
        kind: 'goal_observation',
        provinceId,
        indicatorId: benchUuid(indicatorKey(i)),
        orgUnitId: provinceId,
        period: month(PROVINCE_FIRST_MONTH, int(shape.provinceMonths)),
        delta,
      };
    } else if (int(provinceObs + communeObs) < provinceObs) {
      u = {
        k,
        kind: 'observation',
        provinceId,
        indicatorId: benchUuid(indicatorKey(int(shape.indicators) + 1)),
        orgUnitId: provinceId,
        period: month(PROVINCE_FIRST_MONTH, int(shape.provinceMonths)),
        delta,
      };
    } else {
      const c = int(shape.communes) + 1;
      u = {
        k,
        kind: 'observation',
        indicatorId: benchUuid(indicatorKey(int(shape.communeIndicators) + 1)),
        orgUnitId: benchUuid(communeKey(c)),
        provinceId: benchUuid(provinceKey(communeProvince(c, shape))),
        period: month(COMMUNE_FIRST_MONTH, int(shape.communeMonths)),
        delta,
      };
    }
    const key = u.kind === 'task' ? `task|${u.taskId}` : `${u.indicatorId}|${u.orgUnitId}|${u.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    updates.push(u);
  }
  return updates;
}

/** Commits one update with its outbox row in one transaction, as the write path does; records the new value and the outbox id. */
export async function commitUpdate(writer: Client, u: Update): Promise<void> {
  await writer.query('BEGIN');
  if (u.kind === 'task') {
    // The next status (not started → in progress → done → in progress); a task write cannot change a KPI, so its outbox row needs no KPI pass.
    const { rows } = await writer.query(
      `UPDATE task SET status = CASE status WHEN 'not_started' THEN 'in_progress' WHEN 'in_progress' THEN 'done' ELSE 'in_progress' END,
                       progress = NULL, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING status`,
      [u.taskId],
    );
    if (rows.length !== 1) throw new Error(`task ${u.taskId} not found`);
    u.value = rows[0].status;
    const { rows: out } = await writer.query(
      `INSERT INTO outbox (province_id, reason, kpi_processed_at) VALUES ($1, 'task', now()) RETURNING id::text`,
      [u.provinceId],
    );
    u.outboxId = out[0].id;
  } else {
    const { rows } = await writer.query(
      `UPDATE observation SET value = ${CANONICAL_VALUES ? 'trim_scale(value + $4::numeric)' : 'value + $4::numeric'}, updated_at = now(), version = version + 1
        WHERE indicator_id = $1 AND org_unit_id = $2 AND period = $3 AND source IS NULL RETURNING value::text AS value`,
      [u.indicatorId, u.orgUnitId, u.period, u.delta],
    );
    if (rows.length !== 1) throw new Error(`observation ${u.indicatorId}/${u.orgUnitId}/${u.period} not found`);
    u.value = rows[0].value;
    // The write path names the indicator, org unit and period, so the KPI pass redoes the rows that depend on them only.
    const { rows: out } = await writer.query(
      `INSERT INTO outbox (province_id, indicator_id, org_unit_id, period, reason) VALUES ($1, $2, $3, $4, 'observation') RETURNING id::text`,
      [u.provinceId, u.indicatorId, u.orgUnitId, u.period],
    );
    u.outboxId = out[0].id;
  }
  await writer.query('COMMIT');
}
