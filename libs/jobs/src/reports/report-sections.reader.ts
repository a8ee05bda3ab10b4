/**
 * The report sections read with their own SQL (readReportData assembles them): tasks late or
 * due soon by lead agency, directives, status changes since the previous report, KPI trends.
 */
import { DataSource } from 'typeorm';
import { directiveOverdueSql } from '@dx/domain';
import { ReportData } from '@dx/reports';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used

/** How many periods the KPI trend chart shows, and for how many KPIs. */
const TREND_PERIODS = 6;
const TREND_KPIS = 5;

const query = (ds: DataSource, sql: string, params: unknown[]) => ds.query(sql, params) as Promise<Row[]>;

/** The document's tasks overdue or due soon at the as-of date, grouped by lead agency. */
export async function readLateTasks(ds: DataSource, documentId: string, asOf: string): Promise<ReportData['lateTasks']> {
  const lateTasks = await query(
    ds,
    // The task's status and progress at the as-of date, as the status pass computed them, not today's.
    `SELECT l.code AS lead, l.name AS lead_name, t.code, t.title, t.due, ts.status, ts.progress, ts.overdue
       FROM task t JOIN task_status ts ON ts.task_id = t.id AND ts.as_of = $2 JOIN org_unit l ON l.id = t.lead_id
      WHERE t.document_id = $1 AND (ts.overdue OR ts.due_soon)
      ORDER BY l.code, ts.overdue DESC, t.due NULLS LAST, t.code`,
    [documentId, asOf],
  );
  const byLead = new Map<string, ReportData['lateTasks'][number]>();
  for (const t of lateTasks) {
    const entry: ReportData['lateTasks'][number] = byLead.get(t.lead) ?? { lead: t.lead, leadName: t.lead_name, tasks: [] };
    entry.tasks.push({
      code: t.code,
      title: t.title,
      due: t.due,
      status: t.status,
      progress: t.progress,
      flag: t.overdue ? 'overdue' : 'due_soon',
    });
    byLead.set(t.lead, entry);
  }
  return [...byLead.values()];
}

/** The directives on the document or its goals, tasks and groups, given by the as-of date. */
export async function readDirectives(ds: DataSource, documentId: string, asOf: string): Promise<ReportData['directives']> {
  const directives = await query(
    ds,
    `SELECT r.body, COALESCE(g.code, t.code, gg.code, tg.code) AS target, a.name AS assignee, r.due, r.status, r.answer,
            ${directiveOverdueSql('$2')} AS overdue
       FROM directive r LEFT JOIN org_unit a ON a.id = r.assignee_id
       LEFT JOIN goal g ON r.target_kind = 'goal' AND g.id = r.target_id
       LEFT JOIN task t ON r.target_kind = 'task' AND t.id = r.target_id
       LEFT JOIN goal_group gg ON r.target_kind = 'goal_group' AND gg.id = r.target_id
       LEFT JOIN task_group tg ON r.target_kind = 'task_group' AND tg.id = r.target_id
      WHERE r.kind = 'directive' AND r.created_at::date <= $2::date AND COALESCE(g.document_id, t.document_id, gg.document_id, tg.document_id) = $1
      ORDER BY r.status, r.due NULLS LAST, r.created_at`,
    [documentId, asOf],
  );
  return directives.map((d) => ({
    body: d.body,
    target: d.target,
    assignee: d.assignee,
    due: d.due,
    status: d.status,
    overdue: d.overdue,
    answer: d.answer,
  }));
}

/** The document's status changes after `since`, up to the as-of date; none without a `since`. */
export async function readChanges(
  ds: DataSource,
  ids: { provinceId: string; documentId: string },
  since: string | null,
  asOf: string,
): Promise<ReportData['changes']> {
  const changes = since
    ? await query(
        ds,
        `SELECT COALESCE('Mục tiêu ' || g.code, 'Nhiệm vụ ' || t.code, 'Nhóm ' || COALESCE(gg.code, tg.code), 'Văn bản ' || d.code, e.entity_kind) AS what,
                e.field, e.from_value, e.to_value, e.as_of
           FROM status_event e
           LEFT JOIN goal g ON e.entity_kind = 'goal' AND g.id = e.entity_id
           LEFT JOIN task t ON e.entity_kind = 'task' AND t.id = e.entity_id
           LEFT JOIN goal_group gg ON e.entity_kind = 'rollup' AND gg.id = e.entity_id
           LEFT JOIN task_group tg ON e.entity_kind = 'rollup' AND tg.id = e.entity_id
           LEFT JOIN document d ON e.entity_kind = 'rollup' AND d.id = e.entity_id
          WHERE e.province_id = $1 AND e.as_of > $3::date AND e.as_of <= $4::date AND e.entity_kind IN ('goal', 'task', 'rollup')
            AND COALESCE(g.document_id, t.document_id, gg.document_id, tg.document_id, d.id) = $2
          ORDER BY e.as_of, e.id`,
        [ids.provinceId, ids.documentId, since, asOf],
      )
    : [];
  return changes.map((c) => ({ what: c.what, field: c.field, from: c.from_value, to: c.to_value, asOf: c.as_of }));
}

/** The last periods' values of the first KPIs (those with a target first, then by code). */
export async function readTrends(
  ds: DataSource,
  kpis: ReportData['kpis'],
  provinceId: string,
  asOf: string,
): Promise<ReportData['trends']> {
  const trendCodes = [...kpis]
    .sort((a, b) => Number(b.target !== null) - Number(a.target !== null) || a.code.localeCompare(b.code))
    .slice(0, TREND_KPIS);
  const trends: ReportData['trends'] = [];
  for (const k of trendCodes) {
    const points = await query(
      ds,
      `SELECT k.period, k.value::float8 AS value FROM kpi_comparison k JOIN indicator i ON i.id = k.indicator_id
        WHERE i.code = $1 AND k.org_unit_id = $2 AND k.period_end <= $3::date ORDER BY k.period_end DESC, k.period LIMIT $4`,
      [k.code, provinceId, asOf, TREND_PERIODS],
    );
    trends.push({
      code: k.code,
      name: k.name,
      unit: k.unit,
      kind: k.kind,
      direction: k.direction,
      points: points.reverse().map((p) => ({ period: p.period, value: Number(p.value) })),
    });
  }
  return trends;
}
