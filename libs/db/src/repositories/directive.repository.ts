import { selectPage } from './select-page';
import { DataSource, EntityManager } from 'typeorm';
import { directiveOverdueSql } from '@dx/domain';

export type DirectiveStatus = 'open' | 'answered' | 'closed';
export type ReviewTargetKind = 'goal' | 'task' | 'goal_group' | 'task_group';

export interface DirectiveRow {
  id: string;
  provinceId: string;
  province: string;
  kind: 'directive' | 'comment';
  targetKind: ReviewTargetKind;
  targetId: string;
  targetCode: string | null;
  body: string;
  assigneeId: string | null;
  assignee: string | null;
  assigneeName: string | null;
  due: string | null;
  status: DirectiveStatus;
  answer: string | null;
  createdBy: string;
  createdAt: Date;
  answeredBy: string | null;
  answeredAt: Date | null;
  closedBy: string | null;
  closedAt: Date | null;
  overdue: boolean;
  version: number;
}

const TARGET_TABLES: Record<ReviewTargetKind, { table: string; via: string }> = {
  goal: { table: 'goal', via: 'x.document_id' },
  task: { table: 'task', via: 'x.document_id' },
  goal_group: { table: 'goal_group', via: 'x.document_id' },
  task_group: { table: 'task_group', via: 'x.document_id' },
};

const SELECT = `SELECT r.id, r.province_id AS "provinceId", p.code AS province, r.kind, r.target_kind AS "targetKind", r.target_id AS "targetId",
                       COALESCE(g.code, t.code, gg.code, tg.code) AS "targetCode", r.body, r.assignee_id AS "assigneeId", a.code AS assignee,
                       a.name AS "assigneeName", r.due, r.status, r.answer, r.created_by_name AS "createdBy", r.created_at AS "createdAt",
                       r.answered_by_name AS "answeredBy", r.answered_at AS "answeredAt", r.closed_by_name AS "closedBy", r.closed_at AS "closedAt",
                       ${directiveOverdueSql('$1')} AS overdue, r.version
                  FROM directive r JOIN org_unit p ON p.id = r.province_id LEFT JOIN org_unit a ON a.id = r.assignee_id
                  LEFT JOIN goal g ON r.target_kind = 'goal' AND g.id = r.target_id
                  LEFT JOIN task t ON r.target_kind = 'task' AND t.id = r.target_id
                  LEFT JOIN goal_group gg ON r.target_kind = 'goal_group' AND gg.id = r.target_id
                  LEFT JOIN task_group tg ON r.target_kind = 'task_group' AND tg.id = r.target_id`;

/** Leaders' directives (chỉ đạo) and comments on goals, tasks and groups. */
export class DirectiveRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): DirectiveRepository {
    return new DirectiveRepository(manager);
  }

  /** The province of a goal, task or group, or null when there is none with that id. */
  async targetProvince(kind: ReviewTargetKind, id: string): Promise<string | null> {
    const { table, via } = TARGET_TABLES[kind];
    const [row] = await this.db.query(`SELECT d.province_id FROM ${table} x JOIN document d ON d.id = ${via} WHERE x.id = $1`, [id]);
    return row?.province_id ?? null;
  }

  async orgUnitIn(provinceId: string, code: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT id FROM org_unit WHERE province_id = $1 AND code = $2`, [provinceId, code]);
    return row?.id ?? null;
  }

  async create(
    d: {
      provinceId: string;
      kind: 'directive' | 'comment';
      targetKind: ReviewTargetKind;
      targetId: string;
      body: string;
      assigneeId: string | null;
      due: string | null;
      by: string;
    },
    today: string,
  ): Promise<DirectiveRow> {
    const [{ id }] = await this.db.query(
      `INSERT INTO directive (province_id, kind, target_kind, target_id, body, assignee_id, due, created_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [d.provinceId, d.kind, d.targetKind, d.targetId, d.body, d.assigneeId, d.due, d.by],
    );
    return (await this.findById(id, today))!;
  }

  async findById(id: string, today: string): Promise<DirectiveRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE r.id = $2`, [today, id]);
    return row ?? null;
  }

  async lockById(id: string, today: string): Promise<DirectiveRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE r.id = $2 FOR UPDATE OF r`, [today, id]);
    return row ?? null;
  }

  async answer(id: string, answer: string, by: string): Promise<void> {
    await this.db.query(
      `UPDATE directive SET status = 'answered', answer = $2, answered_by_name = $3, answered_at = now(), version = version + 1 WHERE id = $1`,
      [id, answer, by],
    );
  }

  async close(id: string, by: string): Promise<void> {
    await this.db.query(
      `UPDATE directive SET status = 'closed', closed_by_name = $2, closed_at = now(), version = version + 1 WHERE id = $1`,
      [id, by],
    );
  }

  async list(
    f: {
      provinceId: string;
      status?: DirectiveStatus;
      kind?: 'directive' | 'comment';
      assigneeCode?: string;
      overdue?: boolean;
      targetId?: string;
    },
    page: { offset: number; limit: number },
    today: string,
  ): Promise<{ rows: DirectiveRow[]; total: number }> {
    const where = `r.province_id = $2 AND ($3::text IS NULL OR r.status = $3) AND ($4::text IS NULL OR r.kind = $4) AND ($5::text IS NULL OR a.code = $5)
                   AND ($6::uuid IS NULL OR r.target_id = $6)
                   AND ($7::boolean IS NULL OR ${directiveOverdueSql('$1')} = $7)`;
    const params = [today, f.provinceId, f.status ?? null, f.kind ?? null, f.assigneeCode ?? null, f.targetId ?? null, f.overdue ?? null];
    return selectPage<DirectiveRow>(this.db, `${SELECT} WHERE ${where}`, params, 'r.due NULLS LAST, r.created_at DESC, r.id', page);
  }

  /** Open and overdue directives of a province, and the overdue ones per assignee agency. */
  async counts(
    provinceId: string,
    today: string,
  ): Promise<{
    open: number;
    answered: number;
    overdue: number;
    overdueByAssignee: { code: string | null; name: string | null; overdue: number }[];
  }> {
    const [c] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'answered')::int AS answered,
              count(*) FILTER (WHERE ${directiveOverdueSql('$2', 'directive')})::int AS overdue,
              (SELECT coalesce(json_agg(x ORDER BY x.overdue DESC, x.code), '[]')
                 FROM (SELECT a.code, a.name, count(*)::int AS overdue FROM directive r LEFT JOIN org_unit a ON a.id = r.assignee_id
                        WHERE r.province_id = $1 AND ${directiveOverdueSql('$2')}
                        GROUP BY a.code, a.name) x) AS "overdueByAssignee"
         FROM directive WHERE province_id = $1 AND kind = 'directive'`,
      [provinceId, today],
    );
    return c;
  }
}
