import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { ComparisonOp, TaskStatus } from '@dx/domain';
import { AuditEntry, AuditRepository, OutboxEntry } from '../audit/audit.repository';

/** A document of a province, as adding a task or goal to it needs it. */
export interface PlanDocumentRow {
  id: string;
  code: string;
  provinceId: string;
}

/** What a new or edited task or goal is checked against: the document's groups and codes, the province's agencies and indicators. */
export interface PlanItemContext {
  groups: { id: string; code: string }[];
  codes: string[];
  agencies: { id: string; code: string }[];
  indicators: { id: string; code: string }[];
}

/** A goal as the web app edits it. */
export interface GoalItemRow {
  id: string;
  code: string;
  title: string;
  kind: 'quantitative' | 'milestone';
  provinceId: string;
  documentCode: string;
  groupCode: string;
  indicator: string | null;
  targetOp: ComparisonOp | null;
  targetValue: string | null;
  due: string;
  origin: 'import' | 'web';
  cancelledAt: Date | null;
  cancelReason: string | null;
  version: number;
}

export interface NewTaskRow {
  documentId: string;
  groupId: string;
  code: string;
  title: string;
  leadId: string;
  supportIds: string[];
  due: string | null;
  status: TaskStatus;
  progress: number | null;
  by: string;
}

export interface NewGoalRow {
  documentId: string;
  groupId: string;
  code: string;
  title: string;
  indicatorId: string | null;
  target: { op: ComparisonOp; value: string } | null;
  due: string;
}

const GOAL_SELECT = `
  SELECT g.id, g.code, g.title, g.kind, d.province_id AS "provinceId", d.code AS "documentCode", gg.code AS "groupCode",
         i.code AS indicator, g.target_op AS "targetOp", g.target_value::text AS "targetValue", g.due, g.origin,
         g.cancelled_at AS "cancelledAt", g.cancel_reason AS "cancelReason", g.version
    FROM goal g JOIN document d ON d.id = g.document_id JOIN goal_group gg ON gg.id = g.group_id
    LEFT JOIN indicator i ON i.id = g.indicator_id`;

/**
 * Tasks and goals added, edited and cancelled in the web app (issue 19). Each write runs in the caller's
 * transaction (withTransaction), the row locked and checked at its version by the caller, with its audit entry
 * and the outbox row of the recompute.
 */
export class PlanItemRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  withTransaction(manager: EntityManager): PlanItemRepository {
    return new PlanItemRepository(manager);
  }

  async document(provinceId: string, code: string): Promise<PlanDocumentRow | null> {
    const [row] = await this.db.query(`SELECT id, code, province_id AS "provinceId" FROM document WHERE province_id = $1 AND code = $2`, [
      provinceId,
      code,
    ]);
    return row ?? null;
  }

  /** Until the transaction ends, other additions to the document wait (so a suggested code stays free). */
  async lockDocument(documentId: string): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dx-plan-item:${documentId}`]);
  }

  /** The document's task or goal groups and codes, the province's agencies (its own unit first) and indicators. */
  async context(doc: PlanDocumentRow, kind: 'task' | 'goal'): Promise<PlanItemContext> {
    const groups = await this.db.query(`SELECT id, code FROM ${kind}_group WHERE document_id = $1 ORDER BY position, code`, [doc.id]);
    const codes = (await this.db.query(`SELECT code FROM ${kind} WHERE document_id = $1`, [doc.id])).map((r: { code: string }) => r.code);
    const agencies = await this.db.query(
      `SELECT id, code FROM org_unit WHERE province_id = $1 AND (valid_to IS NULL OR id = $1) ORDER BY (id = $1) DESC, code`,
      [doc.provinceId],
    );
    const indicators =
      kind === 'goal'
        ? await this.db.query(
            `SELECT i.id, i.code FROM province_indicator pi JOIN indicator i ON i.id = pi.indicator_id WHERE pi.province_id = $1 ORDER BY i.code`,
            [doc.provinceId],
          )
        : [];
    return { groups, codes, agencies, indicators };
  }

  /** Inserts a task added in the web app (origin `web`, recorded now) with its supporting agencies; its id. */
  async insertTask(t: NewTaskRow): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO task (id, document_id, group_id, code, title, lead_id, due, status, progress, position, origin, updated_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce(max(position) + 1, 0), 'web', $10 FROM task WHERE document_id = $2`,
      [id, t.documentId, t.groupId, t.code, t.title, t.leadId, t.due, t.status, t.progress, t.by],
    );
    await this.replaceSupport(id, t.supportIds);
    return id;
  }

  async replaceSupport(taskId: string, orgIds: string[]): Promise<void> {
    await this.db.query(`DELETE FROM task_support WHERE task_id = $1`, [taskId]);
    if (orgIds.length === 0) return;
    await this.db.query(
      `INSERT INTO task_support (task_id, org_unit_id, position) SELECT $1, o.id, o.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n)`,
      [taskId, orgIds],
    );
  }

  /** Sets the given columns of a task (snake_case names from a fixed list), bumping its version; marks it edited on the web. */
  async updateTask(id: string, set: Partial<Record<TaskColumn, unknown>>, by: string): Promise<void> {
    await this.updateRow('task', id, set, by);
  }

  async lockGoal(id: string): Promise<GoalItemRow | null> {
    const [row] = await this.db.query(`${GOAL_SELECT} WHERE g.id = $1 FOR UPDATE OF g`, [id]);
    return row ?? null;
  }

  async findGoal(id: string): Promise<GoalItemRow | null> {
    const [row] = await this.db.query(`${GOAL_SELECT} WHERE g.id = $1`, [id]);
    return row ?? null;
  }

  async insertGoal(g: NewGoalRow): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO goal (id, document_id, group_id, code, title, kind, indicator_id, target_op, target_value, due, position, origin)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, coalesce(max(position) + 1, 0), 'web' FROM goal WHERE document_id = $2`,
      [
        id,
        g.documentId,
        g.groupId,
        g.code,
        g.title,
        g.target ? 'quantitative' : 'milestone',
        g.indicatorId,
        g.target?.op ?? null,
        g.target?.value ?? null,
        g.due,
      ],
    );
    return id;
  }

  async updateGoal(id: string, set: Partial<Record<GoalColumn, unknown>>): Promise<void> {
    await this.updateRow('goal', id, set, null);
  }

  /** The audit entry of a write and the outbox row of its recompute. */
  async log(entry: AuditEntry, outbox: OutboxEntry): Promise<void> {
    await new AuditRepository(this.db).append(entry, outbox);
  }

  private async updateRow(table: 'task' | 'goal', id: string, set: Record<string, unknown>, by: string | null): Promise<void> {
    const allowed: readonly string[] = table === 'task' ? TASK_COLUMNS : GOAL_COLUMNS;
    const entries = Object.entries(set).filter(([, v]) => v !== undefined);
    for (const [column] of entries) if (!allowed.includes(column)) throw new Error(`${table}.${column} is not editable`);
    const params: unknown[] = [id, ...entries.map(([, v]) => v)];
    const assignments = entries.map(([column], i) => `${column} = $${i + 2}${column === 'target_value' ? '::numeric' : ''}`);
    if (by !== null) {
      params.push(by);
      assignments.push(`updated_by = $${params.length}`);
    }
    await this.db.query(
      `UPDATE ${table} SET ${[...assignments, 'updated_at = now()', 'version = version + 1'].join(', ')} WHERE id = $1`,
      params,
    );
  }
}

const TASK_COLUMNS = [
  'title',
  'lead_id',
  'due',
  'status',
  'progress',
  'evidence_number',
  'evidence_date',
  'evidence_issuer',
  'evidence_link',
  'last_comment',
  'cancel_reason',
  'web_edited_at',
] as const;
type TaskColumn = (typeof TASK_COLUMNS)[number];
const GOAL_COLUMNS = ['title', 'due', 'target_op', 'target_value', 'cancelled_at', 'cancel_reason', 'web_edited_at'] as const;
type GoalColumn = (typeof GOAL_COLUMNS)[number];
