import { selectPage } from './select-page';
import { DataSource, EntityManager } from 'typeorm';

export type SubmissionStatus = 'submitted' | 'approved' | 'returned';

export interface SubmissionRow {
  id: string;
  kind: 'task' | 'observation';
  provinceId: string;
  province: string;
  taskId: string | null;
  taskCode: string | null;
  baseVersion: number | null;
  payload: Record<string, unknown>;
  status: SubmissionStatus;
  submittedById: string | null;
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  version: number;
}

const SELECT = `SELECT s.id, s.kind, s.province_id AS "provinceId", p.code AS province, s.task_id AS "taskId", t.code AS "taskCode",
                       s.base_version AS "baseVersion", s.payload, s.status, s.submitted_by AS "submittedById", s.submitted_by_name AS "submittedBy",
                       s.submitted_at AS "submittedAt", s.decided_by_name AS "decidedBy", s.decided_at AS "decidedAt", s.reason, s.version
                  FROM submission s JOIN org_unit p ON p.id = s.province_id LEFT JOIN task t ON t.id = s.task_id`;

/** Province settings and the submissions that wait for an officer. */
export class SubmissionRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): SubmissionRepository {
    return new SubmissionRepository(manager);
  }

  async trustsReporters(provinceId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT trust_reporters FROM province_setting WHERE province_id = $1`, [provinceId]);
    return row?.trust_reporters ?? false;
  }

  async settings(
    provinceId: string,
  ): Promise<{ trustReporters: boolean; version: number; updatedAt: Date | null; updatedBy: string | null }> {
    const [row] = await this.db.query(
      `SELECT trust_reporters AS "trustReporters", version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM province_setting WHERE province_id = $1`,
      [provinceId],
    );
    return row ?? { trustReporters: false, version: 0, updatedAt: null, updatedBy: null };
  }

  async saveSettings(provinceId: string, trustReporters: boolean, by: string): Promise<void> {
    await this.db.query(
      `INSERT INTO province_setting (province_id, trust_reporters, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (province_id) DO UPDATE SET trust_reporters = EXCLUDED.trust_reporters, updated_by = EXCLUDED.updated_by,
         updated_at = now(), version = province_setting.version + 1`,
      [provinceId, trustReporters, by],
    );
  }

  async create(s: {
    kind: 'task' | 'observation';
    provinceId: string;
    taskId: string | null;
    baseVersion: number | null;
    payload: unknown;
    userId: string;
    username: string;
  }): Promise<SubmissionRow> {
    const [{ id }] = await this.db.query(
      `INSERT INTO submission (kind, province_id, task_id, base_version, payload, submitted_by, submitted_by_name)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
      [s.kind, s.provinceId, s.taskId, s.baseVersion, JSON.stringify(s.payload), s.userId, s.username],
    );
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<SubmissionRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  async lockById(id: string): Promise<SubmissionRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    return row ?? null;
  }

  async decide(id: string, status: 'approved' | 'returned', by: string, reason: string | null): Promise<void> {
    await this.db.query(
      `UPDATE submission SET status = $2, decided_by_name = $3, decided_at = now(), reason = $4, version = version + 1 WHERE id = $1`,
      [id, status, by, reason],
    );
  }

  async list(
    f: { provinceId: string; status?: SubmissionStatus; kind?: 'task' | 'observation'; submittedBy?: string },
    page: { offset: number; limit: number },
  ): Promise<{ rows: SubmissionRow[]; total: number }> {
    const where = `s.province_id = $1 AND ($2::text IS NULL OR s.status = $2) AND ($3::text IS NULL OR s.kind = $3) AND ($4::uuid IS NULL OR s.submitted_by = $4)`;
    const params = [f.provinceId, f.status ?? null, f.kind ?? null, f.submittedBy ?? null];
    return selectPage<SubmissionRow>(this.db, `${SELECT} WHERE ${where}`, params, 's.submitted_at DESC, s.id', page);
  }
}
