import { DataSource, EntityManager } from 'typeorm';
import { readProvinceDtiRanks } from '@dx/db';
import { canonicalOrNull, GoalStatusResponse, periodKindSql } from '@dx/domain';
import { comparisonsView, rankView } from './province-summary.reader';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used

/** Reads of stored statuses for single items (the summary has its own reader). */
export class StatusReadsRepository {
  constructor(private readonly dataSource: DataSource | EntityManager) {}

  /** The same reads on a transaction's manager: they run in its snapshot. */
  withTransaction(manager: EntityManager): StatusReadsRepository {
    return new StatusReadsRepository(manager);
  }

  /** A goal with its status at `asOf` (or the latest computed on or before it) and its status history. */
  /** The province a goal belongs to, or null when there is no such goal. */
  async provinceOfGoal(goalId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT d.province_id FROM goal g JOIN document d ON d.id = g.document_id WHERE g.id = $1`, [
      goalId,
    ]);
    return row?.province_id ?? null;
  }

  async goalStatus(goalId: string, asOf: string): Promise<GoalStatusResponse | null> {
    const [goal] = await this.dataSource.query(
      `SELECT g.id, g.code, g.title, g.kind, g.due, g.target_op, g.target_value::text AS target_value, g.reported_status,
              d.code AS document, p.code AS province, i.code AS indicator, d.province_id
         FROM goal g JOIN document d ON d.id = g.document_id JOIN org_unit p ON p.id = d.province_id
         LEFT JOIN indicator i ON i.id = g.indicator_id WHERE g.id = $1`,
      [goalId],
    );
    if (!goal) return null;
    const [status] = await this.dataSource.query(
      `SELECT as_of, status, actual::text AS actual, actual_period, expected::text AS expected, attainment::text AS attainment,
              attainment_display::text AS attainment_display, colour, unverified, computed_at
         FROM goal_status WHERE goal_id = $1 AND org_unit_id = $2 AND as_of <= $3 ORDER BY as_of DESC LIMIT 1`,
      [goalId, goal.province_id, asOf],
    );
    const history = await this.dataSource.query(
      `SELECT from_value AS "from", to_value AS "to", as_of AS "asOf", reason, created_at AS "at"
         FROM status_event WHERE entity_kind = 'goal' AND entity_id = $1 ORDER BY id DESC LIMIT 100`,
      [goalId],
    );
    return {
      id: goal.id,
      code: goal.code,
      title: goal.title,
      kind: goal.kind,
      province: goal.province,
      document: goal.document,
      indicator: goal.indicator,
      target: goal.target_op ? { op: goal.target_op, value: canonicalOrNull(goal.target_value) } : null,
      due: goal.due,
      reportedStatus: goal.reported_status,
      asOf,
      status: status
        ? {
            asOf: status.as_of,
            status: status.status,
            actual: canonicalOrNull(status.actual),
            actualPeriod: status.actual_period,
            expected: canonicalOrNull(status.expected),
            attainment: canonicalOrNull(status.attainment),
            attainmentDisplay: canonicalOrNull(status.attainment_display),
            colour: status.colour,
            unverified: status.unverified,
            computedAt: status.computed_at,
          }
        : null,
      history,
    };
  }

  /**
   * A province's tasks by lead agency as they stood at `asOf` (the status pass's task_status rows of that date:
   * tasks not in the plan yet are left out): how many, how many done, how many overdue (cancelled left out).
   * The same figures as `tasksByLead` (libs/db) reads from the tasks as they are today.
   */
  async tasksByLead(
    provinceId: string,
    asOf: string,
  ): Promise<{ lead: string; name: string; total: number; done: number; overdue: number }[]> {
    return this.dataSource.query(
      `SELECT l.code AS lead, l.name, count(*)::int AS total, count(*) FILTER (WHERE ts.status = 'done')::int AS done,
              count(*) FILTER (WHERE ts.overdue)::int AS overdue
         FROM task_status ts JOIN task t ON t.id = ts.task_id JOIN document d ON d.id = t.document_id JOIN org_unit l ON l.id = t.lead_id
        WHERE d.province_id = $1 AND ts.as_of = $2 AND ts.status <> 'cancelled'
        GROUP BY l.code, l.name ORDER BY overdue DESC, total DESC, l.code`,
      [provinceId, asOf],
    );
  }

  /**
   * A province's values of an indicator over its latest periods of one length (the latest value's), oldest
   * first, for trends; null when the indicator does not exist.
   */
  async indicatorHistory(indicatorCode: string, provinceId: string, limit: number): Promise<{ period: string; value: string }[] | null> {
    const [indicator] = await this.dataSource.query(`SELECT id FROM indicator WHERE code = $1`, [indicatorCode]);
    if (!indicator) return null;
    const rows = await this.dataSource.query(
      `WITH kinds AS (
         SELECT period, period_end, value, ${periodKindSql('period')} AS kind
           FROM kpi_comparison WHERE indicator_id = $1 AND org_unit_id = $2
       )
       SELECT period, trim_scale(value)::text AS value FROM kinds
        WHERE kind = (SELECT kind FROM kinds ORDER BY period_end DESC, period LIMIT 1)
        ORDER BY period_end DESC LIMIT $3`,
      [indicator.id, provinceId, limit],
    );
    return rows.reverse();
  }

  /** The stored comparison of an indicator for a province at a period (default: its latest). */
  async indicatorComparison(
    indicatorCode: string,
    provinceCode: string,
    period: string | null,
  ): Promise<Row | null | 'no-indicator' | 'no-province'> {
    const [indicator] = await this.dataSource.query(
      `SELECT id, code, name, unit, kind, direction, dti_figure FROM indicator WHERE code = $1`,
      [indicatorCode],
    );
    if (!indicator) return 'no-indicator';
    const [province] = await this.dataSource.query(`SELECT id FROM org_unit WHERE kind = 'province' AND code = $1`, [provinceCode]);
    if (!province) return 'no-province';
    const [k] = await this.dataSource.query(
      `SELECT * FROM kpi_comparison WHERE indicator_id = $1 AND org_unit_id = $2 AND ($3::text IS NULL OR period = $3)
        ORDER BY period_end DESC, period DESC LIMIT 1`,
      [indicator.id, province.id, period],
    );
    if (!k) return null;
    // An indicator fed from the DTI ranks as the DTI table does (as the summary does).
    const dti =
      indicator.dti_figure && /^\d{4}$/.test(k.period)
        ? (await readProvinceDtiRanks(this.dataSource, province.id, [{ dtiFigure: indicator.dti_figure, year: Number(k.period) }])).get(
            `${indicator.dti_figure}|${k.period}`,
          )
        : undefined;
    return {
      indicator: { code: indicator.code, name: indicator.name, unit: indicator.unit, kind: indicator.kind, direction: indicator.direction },
      province: provinceCode,
      period: k.period,
      value: canonicalOrNull(k.value),
      targets: k.goal_targets.map(({ goalId: _id, ...t }: Row) => t),
      nationalTarget: k.national_target,
      ...comparisonsView(k),
      rank: rankView(dti, k),
      computedAt: k.computed_at,
    };
  }
}
