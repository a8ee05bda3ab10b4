import { AuditEntry, auditStatement, OutboxEntry } from '../audit/audit.repository';
import { selectPage } from './select-page';
import { DataSource, EntityManager } from 'typeorm';
import { taskOverdueSql, type TaskOutcomeInput, type TaskState, type TaskStatus } from '@dx/domain';

export const TASK_SORTS = ['position', 'code', 'due', '-due', 'status', '-updated'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const ORDER: Record<TaskSort, string> = {
  position: 'd.position, t.position, t.code',
  code: 't.code, d.position',
  due: 't.due NULLS LAST, t.code',
  '-due': 't.due DESC NULLS LAST, t.code',
  status: 't.status, t.code',
  '-updated': 't.updated_at DESC, t.code',
};

export interface TaskRow extends TaskState {
  id: string;
  code: string;
  title: string;
  provinceId: string;
  provinceCode: string;
  documentCode: string;
  groupCode: string;
  leadId: string;
  leadCode: string;
  leadName: string;
  due: string | null;
  lastComment: string | null;
  updatedBy: string | null;
  updatedAt: Date;
  version: number;
  overdue: boolean | null;
  /** `web`: added in the web app (issue 19). */
  origin: 'import' | 'web';
  cancelReason: string | null;
  /** Supporting agencies' codes, in order. */
  support: string[];
}

export interface TaskFilter {
  provinceId: string;
  documentCode?: string;
  groupCode?: string;
  leadCode?: string;
  status?: TaskStatus;
  /** As of `today`: not done or cancelled and due before it. */
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  /** Matches titles and codes with or without Vietnamese diacritics. */
  text?: string;
  today: string;
}

const SELECT = `
  SELECT t.id, t.code, t.title, d.province_id AS "provinceId", p.code AS "provinceCode", d.code AS "documentCode", g.code AS "groupCode",
         t.lead_id AS "leadId", l.code AS "leadCode", l.name AS "leadName", t.due, t.status, t.progress,
         t.evidence_number AS "evidenceNumber", t.evidence_date AS "evidenceDate", t.evidence_issuer AS "evidenceIssuer",
         t.evidence_link AS "evidenceLink", t.last_comment AS "lastComment", t.updated_by AS "updatedBy", t.updated_at AS "updatedAt", t.version,
         ${taskOverdueSql('$1')} AS overdue, t.origin, t.cancel_reason AS "cancelReason",
         ARRAY(SELECT o.code FROM task_support s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.task_id = t.id ORDER BY s.position) AS support
    FROM task t
    JOIN document d ON d.id = t.document_id
    JOIN org_unit p ON p.id = d.province_id
    JOIN task_group g ON g.id = t.group_id
    JOIN org_unit l ON l.id = t.lead_id`;

/** The WHERE clause of a task filter and its parameters ($1 today, $2 the province). */
function filterSql(f: TaskFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [f.today, f.provinceId];
  const where = ['d.province_id = $2'];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.documentCode) add((n) => `d.code = ${n}`, f.documentCode);
  if (f.groupCode) add((n) => `g.code = ${n}`, f.groupCode);
  if (f.leadCode) add((n) => `l.code = ${n}`, f.leadCode);
  if (f.status) add((n) => `t.status = ${n}`, f.status);
  if (f.dueBefore) add((n) => `t.due < ${n}::date`, f.dueBefore);
  if (f.dueAfter) add((n) => `t.due > ${n}::date`, f.dueAfter);
  if (f.overdue !== undefined) where.push(`${f.overdue ? '' : 'NOT '}${taskOverdueSql('$1')}`);
  if (f.text) {
    const like = `%${f.text.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((n) => `(dx_fold(t.title) LIKE dx_fold(${n}) OR dx_fold(t.code) LIKE dx_fold(${n}))`, like);
  }
  return { where: where.join(' AND '), params };
}

/** Tasks as the API reads and writes them. */
export class TaskRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): TaskRepository {
    return new TaskRepository(manager);
  }

  async list(f: TaskFilter, page: { offset: number; limit: number; sort: TaskSort }): Promise<{ rows: TaskRow[]; total: number }> {
    const { where, params } = filterSql(f);
    return selectPage<TaskRow>(this.db, `${SELECT} WHERE ${where}`, params, `${ORDER[page.sort]}, t.id`, page);
  }

  /**
   * What `taskOutcome` reads of every task the filter matches (all pages, today's state): status,
   * due date and, for a done task, the date of its evidence as its completion date.
   */
  async outcomeInputs(f: TaskFilter): Promise<TaskOutcomeInput[]> {
    const { where, params } = filterSql(f);
    return this.db.query(
      // $1 (today) is named in the select list too, as every parameter must be.
      `SELECT t.status, t.due::text AS due, CASE WHEN t.status = 'done' THEN t.evidence_date::text END AS completed, $1::date AS today
         FROM task t JOIN document d ON d.id = t.document_id JOIN task_group g ON g.id = t.group_id JOIN org_unit l ON l.id = t.lead_id
        WHERE ${where}`,
      params,
    );
  }

  async findById(id: string, today: string): Promise<TaskRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE t.id = $2`, [today, id]);
    return row ?? null;
  }

  /** Several tasks by id, in one query (ids without a task are left out). */
  async findByIds(ids: readonly string[], today: string): Promise<Map<string, TaskRow>> {
    const rows: TaskRow[] = await this.db.query(`${SELECT} WHERE t.id = ANY($2::uuid[])`, [today, ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The task, locked until the transaction ends (concurrent updates of it wait, then see the new version). */
  async lockById(id: string, today: string): Promise<TaskRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE t.id = $2 FOR UPDATE OF t`, [today, id]);
    return row ?? null;
  }

  /**
   * Writes a checked update of the task if it is still at `version` (version + 1, `updated_at` = `at`), with its audit
   * entry and the outbox row of its recompute, in one statement: atomic on its own, so a direct update needs no
   * transaction and no row lock (the version is the check). False when the task has moved on or is gone.
   */
  async updateAtVersion(
    id: string,
    version: number,
    next: TaskState,
    comment: string | null | undefined,
    by: string,
    at: Date,
    audit: AuditEntry,
    outbox: OutboxEntry,
  ): Promise<boolean> {
    const params: unknown[] = [
      id,
      version,
      next.status,
      next.progress,
      next.evidenceNumber,
      next.evidenceDate,
      next.evidenceIssuer,
      next.evidenceLink,
      comment !== undefined,
      comment ?? null,
      by,
      at,
    ];
    const logged = auditStatement(audit, outbox, params.length + 1, 't');
    const [row] = await this.db.query(
      `WITH t AS (
         UPDATE task SET status = $3, progress = $4, evidence_number = $5, evidence_date = $6, evidence_issuer = $7, evidence_link = $8,
                last_comment = CASE WHEN $9::boolean THEN $10 ELSE last_comment END, updated_by = $11, updated_at = $12, version = version + 1
          WHERE id = $1 AND version = $2 RETURNING id),
       ${logged.ctes}
       SELECT count(*)::int AS written FROM t`,
      [...params, ...logged.params],
    );
    return row.written === 1;
  }
}

/** A province's tasks by lead agency: how many, how many done, how many overdue at `today` (cancelled left out). */
export async function tasksByLead(
  db: DataSource | EntityManager,
  provinceId: string,
  today: string,
): Promise<{ lead: string; name: string; total: number; done: number; overdue: number }[]> {
  return db.query(
    `SELECT l.code AS lead, l.name, count(*)::int AS total, count(*) FILTER (WHERE t.status = 'done')::int AS done,
            count(*) FILTER (WHERE ${taskOverdueSql('$2')})::int AS overdue
       FROM task t JOIN document d ON d.id = t.document_id JOIN org_unit l ON l.id = t.lead_id
      WHERE d.province_id = $1 AND t.status <> 'cancelled'
      GROUP BY l.code, l.name ORDER BY overdue DESC, total DESC, l.code`,
    [provinceId, today],
  );
}
