import { DataSource, EntityManager } from 'typeorm';
import {
  directiveOverdueSql,
  taskOverdueSql,
  DEFAULT_DUE_SOON_DAYS,
  type GoalChange,
  type NotifiedSubmission,
  type NotifiedTask,
} from '@dx/domain';

type Db = DataSource | EntityManager;

/** The audit actions that make notifications. */
export const NOTIFYING_ACTIONS = [
  'task.submit',
  'observation.submit',
  'submission.approve',
  'submission.return',
  'directive.create',
  'directive.answer',
];

export interface CursorRow {
  lastAuditId: number;
  lastStatusEventId: number;
}

/**
 * The producer's cursor, locked for this transaction; null while another worker holds it. Made at the first pass,
 * after what is already written (a database upgraded with history does not notify its past).
 */
export async function lockCursor(db: Db, name: string): Promise<CursorRow | null> {
  await db.query(
    `INSERT INTO notification_cursor (name, last_audit_id, last_status_event_id)
     SELECT $1, coalesce((SELECT max(id) FROM audit_log), 0), coalesce((SELECT max(id) FROM status_event), 0)
     ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  const [row] = await db.query(
    `SELECT last_audit_id AS "lastAuditId", last_status_event_id AS "lastStatusEventId"
       FROM notification_cursor WHERE name = $1 FOR UPDATE SKIP LOCKED`,
    [name],
  );
  return row ? { lastAuditId: Number(row.lastAuditId), lastStatusEventId: Number(row.lastStatusEventId) } : null;
}

export async function saveCursor(db: Db, name: string, c: CursorRow): Promise<void> {
  await db.query(`UPDATE notification_cursor SET last_audit_id = $2, last_status_event_id = $3, updated_at = now() WHERE name = $1`, [
    name,
    c.lastAuditId,
    c.lastStatusEventId,
  ]);
}

export interface AuditSource {
  id: number;
  action: string;
  entityKind: string;
  entityId: string | null;
  provinceId: string | null;
  after: Record<string, unknown> | null;
}

/**
 * The notifying audit rows after `afterId`, and where the cursor goes next: past every row older than `graceMs` (a
 * request's transaction that took an id and has not committed yet is not passed over), or to the last row read when
 * `limit` stopped the read.
 */
export async function readAudit(db: Db, afterId: number, limit: number, graceMs: number): Promise<{ rows: AuditSource[]; next: number }> {
  const [{ horizon }] = await db.query(
    // Up to the first row still younger than the grace (ids and times need not be in the same order), else to the last.
    `SELECT coalesce((SELECT min(id) - 1 FROM audit_log WHERE id > $1 AND at > now() - $2 * interval '1 millisecond'),
                     (SELECT max(id) FROM audit_log WHERE id > $1), $1) AS horizon`,
    [afterId, graceMs],
  );
  const rows: AuditSource[] = (
    await db.query(
      `SELECT id, action, entity_kind AS "entityKind", entity_id AS "entityId", province_id AS "provinceId", after
         FROM audit_log WHERE id > $1 AND id <= $2 AND action = ANY($3::text[]) ORDER BY id LIMIT $4`,
      [afterId, horizon, NOTIFYING_ACTIONS, limit],
    )
  ).map((r: AuditSource) => ({ ...r, id: Number(r.id) }));
  const next = rows.length === limit ? rows[rows.length - 1].id : Math.max(afterId, Number(horizon));
  return { rows, next };
}

export interface StatusSource extends GoalChange {
  id: number;
  provinceId: string;
  notify: boolean;
}

/**
 * Status events after `afterId` (all of them, for the cursor); `notify` marks a goal's status change from a known
 * status, or a claim that became inconsistent, at an as-of date from `sinceDate` on (not a past date recomputed).
 */
export async function readStatusEvents(db: Db, afterId: number, limit: number, sinceDate: string): Promise<StatusSource[]> {
  const rows = await db.query(
    `SELECT se.id, se.province_id AS "provinceId", se.field, se.from_value AS "from", se.to_value AS "to",
            coalesce(g.code, rc.scope, '') AS code,
            (se.as_of >= $3::date AND (
               (se.entity_kind = 'goal' AND se.field = 'status' AND se.from_value IS NOT NULL)
               OR (se.entity_kind = 'reconciliation' AND se.field = 'verdict' AND se.to_value IN ('differs', 'self_inconsistent')))) AS notify
       FROM status_event se
       LEFT JOIN goal g ON se.entity_kind = 'goal' AND g.id = se.entity_id
       LEFT JOIN reported_claim rc ON se.entity_kind = 'reconciliation' AND rc.id = se.entity_id
      WHERE se.id > $1 ORDER BY se.id LIMIT $2`,
    [afterId, limit, sinceDate],
  );
  return rows.map((r: StatusSource) => ({ ...r, id: Number(r.id) }));
}

/** A submission as its notifications name it; the status is the one the audit entry recorded. */
export async function readSubmission(db: Db, id: string): Promise<(NotifiedSubmission & { provinceId: string }) | null> {
  const [row] = await db.query(
    `SELECT s.id, s.province_id AS "provinceId", s.kind, t.code AS "taskCode", s.payload->>'indicator' AS indicator,
            s.payload->>'period' AS period, s.submitted_by AS "submittedById", s.submitted_by_name AS "submittedBy",
            s.status, s.decided_by_name AS "decidedBy", s.reason
       FROM submission s LEFT JOIN task t ON t.id = s.task_id WHERE s.id = $1`,
    [id],
  );
  if (!row) return null;
  const subject = row.kind === 'task' ? `nhiệm vụ ${row.taskCode ?? ''}` : `số liệu ${row.indicator ?? ''} (${row.period ?? ''})`;
  return {
    id: row.id,
    provinceId: row.provinceId,
    subject: subject.normalize('NFC'),
    submittedById: row.submittedById,
    submittedBy: row.submittedBy,
    status: row.status,
    decidedBy: row.decidedBy,
    reason: row.reason,
  };
}

/** Provinces by code (all when `code` is null): id, code and reminder days. */
export async function readProvinces(db: Db, code: string | null): Promise<{ id: string; code: string; dueSoonDays: number[] }[]> {
  const rows = await db.query(
    `SELECT p.id, p.code, s.due_soon_days AS "dueSoonDays"
       FROM org_unit p LEFT JOIN province_notification_setting s ON s.province_id = p.id
      WHERE p.kind = 'province' AND ($1::text IS NULL OR p.code = $1)
        AND EXISTS (SELECT 1 FROM document d WHERE d.province_id = p.id)
      ORDER BY p.code`,
    [code],
  );
  return rows.map((r: { id: string; code: string; dueSoonDays: number[] | null }) => ({
    ...r,
    dueSoonDays: r.dueSoonDays ?? [...DEFAULT_DUE_SOON_DAYS],
  }));
}

/** A province's open tasks that are late on `asOf` or due in one of `dueSoonDays` days. */
export async function readReminderCandidates(
  db: Db,
  provinceId: string,
  asOf: string,
  dueSoonDays: number[],
): Promise<(NotifiedTask & { overdue: boolean })[]> {
  return db.query(
    `SELECT t.id, t.code, t.title, to_char(t.due, 'YYYY-MM-DD') AS due, t.lead_id AS "leadId", o.name AS "leadName",
            ${taskOverdueSql('$2')} AS overdue
       FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit o ON o.id = t.lead_id
      WHERE d.province_id = $1 AND t.due IS NOT NULL AND t.status NOT IN ('done', 'cancelled')
        AND (t.due < $2::date OR (t.due - $2::date) = ANY($3::int[]))
      ORDER BY t.due, t.code`,
    [provinceId, asOf, dueSoonDays],
  );
}

/** The ids of a province's directives overdue on `asOf`. */
export async function readOverdueDirectiveIds(db: Db, provinceId: string, asOf: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT r.id FROM directive r WHERE r.province_id = $1 AND ${directiveOverdueSql('$2')} ORDER BY r.due, r.id`,
    [provinceId, asOf],
  );
  return rows.map((r: { id: string }) => r.id);
}
