import { DataSource, EntityManager } from 'typeorm';
import type { ReportFormat, ReportFrequency, ReportSchedule, StoredReport } from '@dx/domain';

/** Shared with the web (the report and schedule lists), so declared in libs/domain. */
export type ReportRow = StoredReport;
export type ScheduleRow = ReportSchedule;

const REPORT = `SELECT r.id, p.code AS province, d.code AS document, r.period, r.as_of AS "asOf", r.formats, r.checksum, r.schedule_id AS "scheduleId",
                       r.tick, r.created_by AS "createdBy", r.created_at AS "createdAt",
                       r.number, r.signer_name AS "signerName", r.signer_title AS "signerTitle",
                       json_build_object('pdf', octet_length(r.pdf), 'xlsx', octet_length(r.xlsx), 'docx', octet_length(r.docx)) AS sizes
                  FROM report r JOIN org_unit p ON p.id = r.province_id JOIN document d ON d.id = r.document_id`;
const SCHEDULE = `SELECT s.id, s.province_id AS "provinceId", p.code AS province, d.code AS document, s.frequency, s.cron, s.formats, s.enabled,
                         s.created_by AS "createdBy", s.created_at AS "createdAt", s.version,
                         s.recipients
                    FROM report_schedule s JOIN org_unit p ON p.id = s.province_id JOIN document d ON d.id = s.document_id`;

/** Stored reports (files in the database) and report schedules. */
export class ReportRepository {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The same repository on a transaction's manager: its queries run in that transaction. */
  withTransaction(manager: EntityManager): ReportRepository {
    return new ReportRepository(manager);
  }

  async documentOf(province: string, document: string): Promise<{ provinceId: string; documentId: string } | null> {
    const [row] = await this.db.query(
      `SELECT p.id AS "provinceId", d.id AS "documentId" FROM org_unit p JOIN document d ON d.province_id = p.id WHERE p.kind = 'province' AND p.code = $1 AND d.code = $2`,
      [province, document],
    );
    return row ?? null;
  }

  /**
   * Stores a report. When its job already stored one (the job ran again after its worker was
   * killed), that report's id; null when its schedule's tick already has one (another worker made it).
   */
  async insert(r: {
    provinceId: string;
    documentId: string;
    period: string;
    asOf: string;
    formats: ReportFormat[];
    checksum: string;
    data: unknown;
    pdf: Buffer | null;
    xlsx: Buffer | null;
    docx: Buffer | null;
    /** The number and signer it was ordered with (null: the province's heading's). */
    number: string | null;
    signerName: string | null;
    signerTitle: string | null;
    scheduleId: string | null;
    tick: Date | null;
    createdBy: string;
    jobId: string | null;
  }): Promise<string | null> {
    const rows = await this.db.query(
      `INSERT INTO report (province_id, document_id, period, as_of, formats, checksum, data, pdf, xlsx, schedule_id, tick, created_by, job_id,
                           docx, number, signer_name, signer_title)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        r.provinceId,
        r.documentId,
        r.period,
        r.asOf,
        r.formats,
        r.checksum,
        JSON.stringify(r.data),
        r.pdf,
        r.xlsx,
        r.scheduleId,
        r.tick,
        r.createdBy,
        r.jobId,
        r.docx,
        r.number,
        r.signerName,
        r.signerTitle,
      ],
    );
    if (rows[0]) return rows[0].id;
    if (r.jobId === null) return null;
    const [earlier] = await this.db.query(`SELECT id FROM report WHERE job_id = $1`, [r.jobId]);
    return earlier?.id ?? null;
  }

  async findById(id: string): Promise<(ReportRow & { provinceId: string }) | null> {
    const [row] = await this.db.query(`${REPORT.replace('SELECT r.id,', 'SELECT r.id, r.province_id AS "provinceId",')} WHERE r.id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  async file(id: string, format: ReportFormat): Promise<Buffer | null> {
    const column = ({ pdf: 'pdf', xlsx: 'xlsx', docx: 'docx' } as const)[format];
    const [row] = await this.db.query(`SELECT ${column} AS bytes FROM report WHERE id = $1`, [id]);
    return row?.bytes ?? null;
  }

  /** The as-of date of a schedule's latest report before `before`: where "changes since" starts. */
  async previousAsOf(scheduleId: string, before: string): Promise<string | null> {
    const [row] = await this.db.query(`SELECT max(as_of) AS as_of FROM report WHERE schedule_id = $1 AND as_of < $2`, [scheduleId, before]);
    return row?.as_of ?? null;
  }

  async list(f: { provinceId: string; document?: string; period?: string; scheduleId?: string }, page: { offset: number; limit: number }) {
    const where = `r.province_id = $1 AND ($2::text IS NULL OR d.code = $2) AND ($3::text IS NULL OR r.period = $3) AND ($4::uuid IS NULL OR r.schedule_id = $4)`;
    const params = [f.provinceId, f.document ?? null, f.period ?? null, f.scheduleId ?? null];
    const rows: ReportRow[] = await this.db.query(`${REPORT} WHERE ${where} ORDER BY r.created_at DESC, r.id OFFSET $5 LIMIT $6`, [
      ...params,
      page.offset,
      page.limit,
    ]);
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM report r JOIN document d ON d.id = r.document_id WHERE ${where}`,
      params,
    );
    return { rows, total };
  }

  async createSchedule(s: {
    provinceId: string;
    documentId: string;
    frequency: ReportFrequency;
    cron: string | null;
    formats: ReportFormat[];
    createdBy: string;
    recipients?: string[];
  }): Promise<ScheduleRow> {
    const [{ id }] = await this.db.query(
      `INSERT INTO report_schedule (province_id, document_id, frequency, cron, formats, created_by, recipients)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [s.provinceId, s.documentId, s.frequency, s.cron, s.formats, s.createdBy, s.recipients ?? []],
    );
    return (await this.findSchedule(id))!;
  }

  async findSchedule(id: string): Promise<ScheduleRow | null> {
    const [row] = await this.db.query(`${SCHEDULE} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  async updateSchedule(
    id: string,
    s: { frequency: ReportFrequency; cron: string | null; formats: ReportFormat[]; enabled: boolean; recipients?: string[] },
  ): Promise<ScheduleRow> {
    await this.db.query(
      `UPDATE report_schedule SET frequency = $2, cron = $3, formats = $4, enabled = $5, recipients = coalesce($6, recipients), version = version + 1
        WHERE id = $1`,
      [id, s.frequency, s.cron, s.formats, s.enabled, s.recipients ?? null],
    );
    return (await this.findSchedule(id))!;
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.db.query(`DELETE FROM report_schedule WHERE id = $1`, [id]);
  }

  async listSchedules(provinceId: string | null): Promise<ScheduleRow[]> {
    return this.db.query(`${SCHEDULE} WHERE ($1::uuid IS NULL OR s.province_id = $1) ORDER BY p.code, d.code, s.created_at`, [provinceId]);
  }

  /** The province's name and the report heading it chose (null: none, the default applies). */
  async heading(provinceId: string): Promise<{ name: string; heading: Record<string, unknown> | null }> {
    const [row] = await this.db.query(
      `SELECT p.name, s.report_heading FROM org_unit p LEFT JOIN province_setting s ON s.province_id = p.id WHERE p.id = $1`,
      [provinceId],
    );
    return { name: row.name, heading: row.report_heading ?? null };
  }

  /** The heading stored for the province, if any (no join: read before saving, in the save's transaction). */
  async storedHeading(provinceId: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query(`SELECT report_heading FROM province_setting WHERE province_id = $1`, [provinceId]);
    return row?.report_heading ?? null;
  }

  async saveHeading(provinceId: string, heading: Record<string, unknown>, by: string): Promise<void> {
    await this.db.query(
      `INSERT INTO province_setting (province_id, report_heading, updated_by) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (province_id) DO UPDATE SET report_heading = EXCLUDED.report_heading, updated_by = EXCLUDED.updated_by, updated_at = now(),
         version = province_setting.version + 1`,
      [provinceId, JSON.stringify(heading), by],
    );
  }
}
