import { EntityManager } from 'typeorm';
import { ProvinceInputs } from './province-inputs';

/** Reads a recompute's inputs and the stored results it diffs against. All SQL of the status engine lives here. */
export class StatusRepository {
  constructor(private readonly m: EntityManager) {}

  async provinceIdByCode(code: string): Promise<string | null> {
    const [row] = await this.m.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = $1`, [code]);
    return row?.id ?? null;
  }

  async allProvinceIds(): Promise<string[]> {
    return (await this.m.query(`SELECT id FROM org_unit WHERE kind = 'province' ORDER BY code`)).map((r: { id: string }) => r.id);
  }

  /** Serialises recomputes of one province across processes and workers (released at commit). */
  async lockProvince(provinceId: string): Promise<void> {
    await this.m.query(`SELECT pg_advisory_xact_lock(hashtext('dx-recompute:' || $1))`, [provinceId]);
  }

  async outboxWatermark(provinceId: string): Promise<string | null> {
    const [row] = await this.m.query(`SELECT max(id)::text AS id FROM outbox WHERE province_id = $1 AND processed_at IS NULL`, [provinceId]);
    return row?.id ?? null;
  }

  /**
   * What the pending outbox rows up to the watermark say changed: null when a row names
   * no indicator (recompute everything), else the indicators whose observations changed.
   * An empty list means there is nothing pending (another job already covered it).
   */
  async pendingScope(provinceId: string, watermark: string | null): Promise<string[] | null> {
    if (watermark === null) return [];
    const [row] = await this.m.query(
      `SELECT bool_or(indicator_id IS NULL) AS everything, array_agg(DISTINCT indicator_id) FILTER (WHERE indicator_id IS NOT NULL) AS ids
         FROM outbox WHERE province_id = $1 AND id <= $2 AND processed_at IS NULL`,
      [provinceId, watermark],
    );
    return row.everything ? null : (row.ids ?? []);
  }

  async markOutboxProcessed(provinceId: string, watermark: string | null): Promise<void> {
    if (watermark === null) return;
    await this.m.query(`UPDATE outbox SET processed_at = now() WHERE province_id = $1 AND id <= $2 AND processed_at IS NULL`, [provinceId, watermark]);
  }

  async loadInputs(provinceId: string): Promise<ProvinceInputs | null> {
    const q = (sql: string) => this.m.query(sql, [provinceId]);
    const [province] = await q(`SELECT id, code, name FROM org_unit WHERE id = $1 AND kind = 'province'`);
    if (!province) return null;
    const orgUnits = await q(`SELECT id, code, kind FROM org_unit WHERE province_id = $1 ORDER BY code`);
    const documents = await q(`SELECT id, code, scope, title, position FROM document WHERE province_id = $1 ORDER BY position, code`);
    const groups = (table: string) =>
      q(`SELECT g.id, g.document_id AS "documentId", g.code, g.name, g.declared_count AS "declaredCount", g.position
           FROM ${table} g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1 ORDER BY d.position, g.position, g.code`);
    const goalGroups = await groups('goal_group');
    const taskGroups = await groups('task_group');
    const goals = (
      await q(`SELECT g.id, g.document_id AS "documentId", g.group_id AS "groupId", g.code, g.title, g.kind, g.indicator_id AS "indicatorId",
                      g.target_op AS "targetOp", g.target_value::text AS "targetValue", g.baseline_value::text AS "baselineValue",
                      g.baseline_date AS "baselineDate", g.due, g.reported_status AS "reportedStatus",
                      g.evidence_number AS "evidenceNumber", g.evidence_date AS "evidenceDate", g.position
                 FROM goal g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1 ORDER BY d.position, g.position, g.code`)
    ).map(({ evidenceNumber, evidenceDate, ...g }: Record<string, unknown>) => ({ ...g, evidence: { number: evidenceNumber, date: evidenceDate } }));
    const tasks = await q(`SELECT t.id, t.document_id AS "documentId", t.group_id AS "groupId", t.code, t.status, t.due, t.progress,
                                  t.evidence_number AS "evidenceNumber", t.evidence_date AS "evidenceDate", t.position
                             FROM task t JOIN document d ON d.id = t.document_id WHERE d.province_id = $1 ORDER BY d.position, t.position, t.code`);
    const claims = await q(`SELECT c.id, c.document_id AS "documentId", c.scope, c.met, c."of", c.open, c.as_of AS "asOf"
                              FROM reported_claim c JOIN document d ON d.id = c.document_id WHERE d.province_id = $1 ORDER BY c.position, c.id`);
    const indicators = (
      await q(`SELECT i.id, i.code, i.kind, i.scale::text AS scale, i.direction,
                      pi.national_target_op AS "ntOp", pi.national_target_value::text AS "ntValue"
                 FROM indicator i LEFT JOIN province_indicator pi ON pi.indicator_id = i.id AND pi.province_id = $1
                WHERE pi.province_id IS NOT NULL
                   OR i.id IN (SELECT g.indicator_id FROM goal g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1)
                ORDER BY i.code`)
    ).map(({ ntOp, ntValue, ...i }: Record<string, unknown>) => ({ ...i, nationalTarget: ntOp ? { op: ntOp, value: ntValue } : null }));
    // Goals are evaluated for the province itself: only its own observations of goal indicators are needed here
    // (KPI comparisons of every observation are computed set-based in the database).
    const observations = await q(`SELECT o.indicator_id AS "indicatorId", o.org_unit_id AS "orgUnitId", o.period, o.period_kind AS "periodKind",
                                         o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value,
                                         o.numerator::text AS numerator, o.denominator::text AS denominator, o.source
                                    FROM observation o
                                   WHERE o.org_unit_id = $1
                                     AND o.indicator_id IN (SELECT g.indicator_id FROM goal g JOIN document d ON d.id = g.document_id WHERE d.province_id = $1)
                                   ORDER BY o.indicator_id, o.period, o.source COLLATE "C" NULLS LAST`);
    return { province, orgUnits, documents, goalGroups, taskGroups, goals, tasks, claims, indicators, observations } as ProvinceInputs;
  }

  /** A cheap fingerprint of all the province's observations: any insert, update or delete changes it. */
  async observationStats(provinceId: string): Promise<Record<string, unknown>> {
    const [row] = await this.m.query(
      // Inserts and deletes move the count or the latest change, updates the latest change and the versions.
      `SELECT count(*)::int AS count, max(o.updated_at)::text AS updated, sum(o.version)::text AS versions
         FROM observation o JOIN org_unit u ON u.id = o.org_unit_id WHERE u.province_id = $1`,
      [provinceId],
    );
    return row;
  }

  async lastFingerprint(provinceId: string, asOf: string): Promise<string | null> {
    const [row] = await this.m.query(
      `SELECT fingerprint FROM recompute_run WHERE province_id = $1 AND as_of = $2 ORDER BY finished_at DESC, id LIMIT 1`,
      [provinceId, asOf],
    );
    return row?.fingerprint ?? null;
  }
}
