import { EntityManager } from 'typeorm';
import type { TaskChange, TaskSnapshot } from '@dx/domain';
import { TIME_ZONE } from './clock';
import { KpiScope } from './kpi-comparison.writer';
import { readLatestGoalObservations } from './latest-goal-observations.reader';
import { ProvinceInputs } from './province-inputs';

/**
 * The audit entries that record a change of a task's state, each with the task as it was just
 * before (`before`) and after: updates through the API (`task.update`), approved submissions
 * (`task.update.approved`, written when approved) and imports of a plan file that changed the
 * task (`task.import`).
 */
export const TASK_CHANGE_ACTIONS = ['task.update', 'task.update.approved', 'task.import', 'task.edit', 'task.cancel'];

interface SnapshotRow {
  status: TaskSnapshot['status'];
  progress: number | null;
  evidenceNumber: string | null;
  evidenceDate: string | null;
}

const snapshotOf = (r: SnapshotRow): TaskSnapshot => ({
  status: r.status,
  progress: r.progress,
  evidence: r.evidenceNumber === null && r.evidenceDate === null ? null : { number: r.evidenceNumber, date: r.evidenceDate },
});

type Row = Record<string, unknown>;

/**
 * Pending outbox rows of a KPI pass: their ids (see OutboxSeen), the provinces one of whose rows may have changed
 * anything (`whole`), and what the rows of the others name (`scoped`, `scope`).
 */
export interface KpiPending {
  ids: string[];
  whole: string[];
  scoped: string[];
  scope: KpiScope;
}

/**
 * The outbox rows a pass covers: those committed when it starts, by id. Marking "every row up
 * to the newest id" instead would also mark a row with a smaller id whose transaction
 * committed while the pass ran, after it had read its inputs: that write's statuses would
 * never be computed.
 */
export interface OutboxSeen {
  ids: string[];
  /** The newest id per province, recorded with the run. */
  watermarks: Map<string, string>;
}

function byProvince<T extends Row>(rows: T[]): Map<string, Omit<T, 'provinceId'>[]> {
  const groups = new Map<string, Omit<T, 'provinceId'>[]>();
  for (const { provinceId, ...rest } of rows) {
    const list = groups.get(provinceId as string);
    if (list) list.push(rest);
    else groups.set(provinceId as string, [rest]);
  }
  return groups;
}

/** Reads a recompute's inputs and the stored results it diffs against. All SQL of the status engine lives here. */
export class StatusRepository {
  constructor(private readonly m: EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): StatusRepository {
    return new StatusRepository(manager);
  }

  async provinceIdByCode(code: string): Promise<string | null> {
    const [row] = await this.m.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = $1`, [code]);
    return row?.id ?? null;
  }

  async allProvinceIds(): Promise<string[]> {
    return (await this.m.query(`SELECT id FROM org_unit WHERE kind = 'province' ORDER BY code`)).map((r: { id: string }) => r.id);
  }

  /**
   * Serialises recomputes of the same provinces across processes and workers (released at
   * commit). `kind` separates status passes from KPI passes, which write different tables.
   * Locks are taken in one order, so overlapping sets cannot deadlock.
   */
  async lockProvinces(kind: 'status' | 'kpi', provinceIds: string[]): Promise<void> {
    await this.m.query(
      `SELECT count(pg_advisory_xact_lock(hashtext($1 || id))) FROM (SELECT id FROM unnest($2::text[]) AS id ORDER BY id) s`,
      [kind === 'status' ? 'dx-recompute:' : 'dx-kpi:', [...provinceIds].sort()],
    );
  }

  /** The provinces' outbox rows no status pass has covered, as committed now: read before the inputs, covered by this pass. */
  async outboxSeen(provinceIds: string[]): Promise<OutboxSeen> {
    const rows: { province_id: string; ids: string[] }[] = await this.m.query(
      `SELECT province_id, array_agg(id ORDER BY id)::text[] AS ids FROM outbox WHERE province_id = ANY($1::uuid[]) AND processed_at IS NULL GROUP BY province_id`,
      [provinceIds],
    );
    return { ids: rows.flatMap((r) => r.ids), watermarks: new Map(rows.map((r) => [r.province_id, r.ids[r.ids.length - 1]])) };
  }

  /** Up to `limit` provinces with outbox rows no `pass` has seen yet: `first` first, then the longest waiting. */
  async pendingProvinces(pass: 'status' | 'kpi', first: string, limit: number): Promise<string[]> {
    const rows: { province_id: string }[] = await this.m.query(
      `SELECT province_id FROM outbox WHERE ${pass === 'kpi' ? 'kpi_processed_at' : 'processed_at'} IS NULL
        GROUP BY province_id ORDER BY province_id = $1 DESC, min(id) LIMIT $2`,
      [first, limit],
    );
    return rows.map((r) => r.province_id);
  }

  async markOutboxProcessed(seen: OutboxSeen): Promise<void> {
    if (!seen.ids.length) return;
    await this.m.query(`UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`, [seen.ids]);
  }

  /**
   * What the provinces' outbox rows not yet seen by a KPI pass say changed: one period of
   * an (indicator, org unit) for an observation write, every period when a row names no
   * period, every org unit when it names no org unit, everything of its province when it names
   * no indicator (imports, plan edits). Null when nothing is pending.
   */
  async kpiPending(provinceIds: string[]): Promise<KpiPending | null> {
    // The ids first, then what exactly those rows name: a row committed in between waits for the next pass.
    const [{ ids }]: { ids: string[] | null }[] = await this.m.query(
      `SELECT array_agg(id ORDER BY id)::text[] AS ids FROM outbox WHERE province_id = ANY($1::uuid[]) AND kpi_processed_at IS NULL`,
      [provinceIds],
    );
    if (!ids) return null;
    const rows: { province_id: string; indicator_id: string | null; org_unit_id: string | null; period: string | null }[] =
      await this.m.query(`SELECT DISTINCT province_id, indicator_id, org_unit_id, period FROM outbox WHERE id = ANY($1::bigint[])`, [ids]);
    const whole = [...new Set(rows.filter((r) => r.indicator_id === null).map((r) => r.province_id))];
    const scope: KpiScope = { indicators: [], pairs: [], periods: [] };
    const scoped = new Set<string>();
    for (const r of rows) {
      if (whole.includes(r.province_id)) continue;
      scoped.add(r.province_id);
      if (r.org_unit_id === null) scope.indicators.push({ indicatorId: r.indicator_id!, provinceId: r.province_id });
      else if (r.period === null) scope.pairs.push({ indicatorId: r.indicator_id!, orgUnitId: r.org_unit_id });
      else scope.periods.push({ indicatorId: r.indicator_id!, orgUnitId: r.org_unit_id, period: r.period });
    }
    return { ids, whole, scoped: [...scoped], scope };
  }

  /** Marks the KPI-pending outbox rows a pass covered done. */
  async markKpiProcessed(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.m.query(`UPDATE outbox SET kpi_processed_at = now() WHERE id = ANY($1::bigint[]) AND kpi_processed_at IS NULL`, [ids]);
  }

  /** Every KPI-pending outbox row, as committed now: what a national pass covers. */
  async kpiPendingIds(): Promise<string[]> {
    const [{ ids }] = await this.m.query(`SELECT array_agg(id ORDER BY id)::text[] AS ids FROM outbox WHERE kpi_processed_at IS NULL`);
    return ids ?? [];
  }

  /**
   * The inputs of each of the provinces for a status pass at `asOf` (absent: no such
   * province), each list in a stable order.
   */
  async loadInputs(provinceIds: string[], asOf: string): Promise<Map<string, ProvinceInputs>> {
    const q = (sql: string) => this.m.query(sql, [provinceIds]);
    const provinces: ProvinceInputs['province'][] = await q(
      `SELECT id, code, name FROM org_unit WHERE id = ANY($1::uuid[]) AND kind = 'province'`,
    );
    const documents = byProvince(
      await q(
        `SELECT province_id AS "provinceId", id, code, scope, title, position FROM document WHERE province_id = ANY($1::uuid[]) ORDER BY position, code`,
      ),
    );
    const groups = async (table: string) =>
      byProvince(
        await q(`SELECT d.province_id AS "provinceId", g.id, g.document_id AS "documentId", g.code, g.name, g.declared_count AS "declaredCount", g.position
                   FROM ${table} g JOIN document d ON d.id = g.document_id WHERE d.province_id = ANY($1::uuid[]) ORDER BY d.position, g.position, g.code`),
      );
    const goalGroups = await groups('goal_group');
    const taskGroups = await groups('task_group');
    const goals = byProvince(
      (
        await q(`SELECT d.province_id AS "provinceId", g.id, g.document_id AS "documentId", g.group_id AS "groupId", g.code, g.title, g.kind,
                        g.indicator_id AS "indicatorId", g.target_op AS "targetOp", g.target_value::text AS "targetValue",
                        g.baseline_value::text AS "baselineValue", g.baseline_date AS "baselineDate", g.due, g.reported_status AS "reportedStatus",
                        g.evidence_number AS "evidenceNumber", g.evidence_date AS "evidenceDate", g.position
                   FROM goal g JOIN document d ON d.id = g.document_id
                  WHERE d.province_id = ANY($1::uuid[]) AND g.cancelled_at IS NULL -- a cancelled goal is left out (issue 19)
                  ORDER BY d.position, g.position, g.code`)
      ).map(({ evidenceNumber, evidenceDate, ...g }: Row) => ({ ...g, evidence: { number: evidenceNumber, date: evidenceDate } })),
    );
    const changes = await this.taskChanges(provinceIds, asOf);
    const tasks = byProvince(
      (
        await q(`SELECT d.province_id AS "provinceId", t.id, t.document_id AS "documentId", t.group_id AS "groupId", t.code, t.due, t.position,
                        t.status, t.progress, t.evidence_number AS "evidenceNumber", t.evidence_date AS "evidenceDate",
                        t.created_at AS "recordedAt", d.issued AS "planIssued", d.created_at AS "planRecordedAt"
                   FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = ANY($1::uuid[]) ORDER BY d.position, t.position, t.code`)
      ).map(({ status, progress, evidenceNumber, evidenceDate, recordedAt, planIssued, planRecordedAt, ...t }: Row) => ({
        ...t,
        history: {
          current: snapshotOf({ status, progress, evidenceNumber, evidenceDate } as SnapshotRow),
          recordedAt,
          planIssued,
          planRecordedAt,
          changes: changes.get(t.id as string) ?? [],
        },
      })),
    );
    const claims = byProvince(
      await q(`SELECT d.province_id AS "provinceId", c.id, c.document_id AS "documentId", c.scope, c.met, c."of", c.open, c.as_of AS "asOf"
                 FROM reported_claim c JOIN document d ON d.id = c.document_id WHERE d.province_id = ANY($1::uuid[]) ORDER BY c.position, c.id`),
    );
    // The indicators the province's goals measure (with its national target of each, for the record).
    const indicators = byProvince(
      (
        await q(`SELECT DISTINCT d.province_id AS "provinceId", i.id, i.code, i.kind, i.scale::text AS scale, i.direction,
                        pi.national_target_op AS "ntOp", pi.national_target_value::text AS "ntValue"
                   FROM goal g JOIN document d ON d.id = g.document_id JOIN indicator i ON i.id = g.indicator_id
                   LEFT JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = d.province_id
                  WHERE d.province_id = ANY($1::uuid[])
                  ORDER BY i.code`)
      ).map(({ ntOp, ntValue, ...i }: Row) => ({ ...i, nationalTarget: ntOp ? { op: ntOp, value: ntValue } : null })),
    );
    const observations = byProvince(await readLatestGoalObservations(this.m, provinceIds, asOf));
    const result = new Map<string, ProvinceInputs>();
    for (const province of provinces) {
      const of = <T>(m: Map<string, T[]>) => m.get(province.id) ?? [];
      result.set(province.id, {
        province,
        documents: of(documents),
        goalGroups: of(goalGroups),
        taskGroups: of(taskGroups),
        goals: of(goals),
        tasks: of(tasks),
        claims: of(claims),
        indicators: of(indicators),
        observations: of(observations),
      } as unknown as ProvinceInputs);
    }
    return result;
  }

  /**
   * For each task of the provinces, the first change of its state recorded after the as-of date and after
   * the date of each reported claim on a task group of its document (by task; tasks without one are left out):
   * with the task's row, all taskStateAt needs to give its state on those dates. The dates are built per
   * document, so a task is probed only at its own document's dates, not at every claim date of the province.
   *
   * Why the audit log: every write of a task's state records its change there in the same statement or
   * transaction as the write (`task.update`, `task.update.approved`, and `task.import` for a plan file
   * that changed it), with the task as it was before and the time, and the log is append-only (a trigger
   * refuses updates and deletes) and kept by backups. The task row alone holds only today's state;
   * `status_event` holds what recomputes derived (flags), only for dates someone computed; `import_run`
   * holds counts, not states. A task's state at the end of a day is then the `before` of its first change
   * recorded after that day, or its row when there is none, so the answer for a date never depends on
   * how many changes came later, and today's view is exactly the rows.
   */
  async taskChanges(provinceIds: string[], asOf: string): Promise<Map<string, TaskChange[]>> {
    const rows: (SnapshotRow & { taskId: string; seq: string; at: Date })[] = await this.m.query(
      `WITH dates AS (
         -- Per document: the as-of date, and the date of each claim on one of its task groups.
         SELECT d.id AS document_id, $2::date AS d FROM document d WHERE d.province_id = ANY($1::uuid[])
         UNION
         SELECT c.document_id, c.as_of FROM reported_claim c JOIN document d ON d.id = c.document_id
           JOIN task_group g ON g.document_id = c.document_id AND g.code = c.scope
          WHERE d.province_id = ANY($1::uuid[])
       )
       SELECT DISTINCT ON (a.id) t.id AS "taskId", a.id::text AS seq, a.at, a.before->>'status' AS status, (a.before->>'progress')::int AS progress,
              a.before->'evidence'->>'number' AS "evidenceNumber", a.before->'evidence'->>'date' AS "evidenceDate"
         FROM dates
         JOIN task t ON t.document_id = dates.document_id
         CROSS JOIN LATERAL (
           -- From the first instant of the next day there (audit_log_task_at_idx: one probe).
           SELECT a.id, a.at, a.before FROM audit_log a
            WHERE a.entity_kind = 'task' AND a.entity_id = t.id AND a.at >= ((dates.d + 1)::timestamp AT TIME ZONE $4)
              AND a.action = ANY($3::text[])
            ORDER BY a.at, a.id LIMIT 1
         ) a
        ORDER BY a.id`,
      [provinceIds, asOf, TASK_CHANGE_ACTIONS, TIME_ZONE],
    );
    const result = new Map<string, TaskChange[]>();
    for (const r of rows) {
      const list = result.get(r.taskId) ?? [];
      list.push({ at: r.at, seq: Number(r.seq), before: snapshotOf(r) });
      result.set(r.taskId, list);
    }
    return result;
  }

  /** The fingerprint of each province's latest status run at the as-of date. */
  async lastFingerprints(provinceIds: string[], asOf: string): Promise<Map<string, string>> {
    const rows: { province_id: string; fingerprint: string }[] = await this.m.query(
      `SELECT DISTINCT ON (province_id) province_id, fingerprint FROM recompute_run
        WHERE province_id = ANY($1::uuid[]) AND as_of = $2 AND kind = 'status' ORDER BY province_id, finished_at DESC, id`,
      [provinceIds, asOf],
    );
    return new Map(rows.map((r) => [r.province_id, r.fingerprint]));
  }
}
