import { DataSource } from 'typeorm';
import { addDays, directiveOverdueSql, DomainError, parsePeriod, viDate, viNumber } from '@dx/domain';
import { defaultHeading, ReportData, ReportHeading } from '@dx/reports';
import { readProvinceSummary } from '@dx/status-engine';
import { readReportDti } from './report-dti.reader';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows: each column is read and converted where it is used

/** How many periods the KPI trend chart shows, and for how many KPIs. */
const TREND_PERIODS = 6;
const TREND_KPIS = 5;

export interface ReportRequest {
  province: string;
  document: string;
  period: string;
  /** Default: the period's last day, or today if the period has not ended. */
  asOf?: string;
  /** Where "changes since the previous report" start; default: the previous period's end. */
  since?: string | null;
}

/** The as-of date of a report: the period's end, or today while the period runs. */
export function reportAsOf(period: string, today: string): string {
  const p = parsePeriod(period);
  if (!p) throw new DomainError('INVALID_INPUT', `"${period}" is not a period`, { errors: [{ path: 'period', messages: ['must be 2023, 2023-H1, 2023-Q3, 2023-10 or 2023-10-31'] }] });
  return p.end < today ? p.end : today;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Assembles a report's data from the stored statuses of a province at an as-of date (the
 * caller recomputes that date first): nothing here computes a status, so a report shows
 * what the dashboard and `cli status` show.
 */
export async function readReportData(ds: DataSource, r: ReportRequest & { asOf: string; issued: string }): Promise<ReportData> {
  const q = (sql: string, params: unknown[]) => ds.query(sql, params) as Promise<Row[]>;
  const summary = await readProvinceSummary(ds, r.province, r.asOf);
  if (!summary) throw new DomainError('PROVINCE_NOT_FOUND', `no province with code "${r.province}"`);
  const doc = summary.documents.find((d) => d.code === r.document);
  if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND', `no document "${r.document}" in ${r.province}`);
  const [ids] = await q(
    `SELECT p.id AS province_id, d.id AS document_id, s.report_heading FROM org_unit p JOIN document d ON d.province_id = p.id
       LEFT JOIN province_setting s ON s.province_id = p.id WHERE p.code = $1 AND d.code = $2`,
    [r.province, r.document],
  );
  const heading: ReportHeading = { ...defaultHeading(summary.province.name), ...(ids.report_heading ?? {}) };
  const since = r.since === undefined ? previousPeriodEnd(r.period) : r.since;

  const lateTasks = await q(
    // The task's status and progress at the as-of date, as the status pass computed them, not today's.
    `SELECT l.code AS lead, l.name AS lead_name, t.code, t.title, t.due, ts.status, ts.progress, ts.overdue
       FROM task t JOIN task_status ts ON ts.task_id = t.id AND ts.as_of = $2 JOIN org_unit l ON l.id = t.lead_id
      WHERE t.document_id = $1 AND (ts.overdue OR ts.due_soon)
      ORDER BY l.code, ts.overdue DESC, t.due NULLS LAST, t.code`,
    [ids.document_id, r.asOf],
  );
  const byLead = new Map<string, ReportData['lateTasks'][number]>();
  for (const t of lateTasks) {
    const entry: ReportData['lateTasks'][number] = byLead.get(t.lead) ?? { lead: t.lead, leadName: t.lead_name, tasks: [] };
    entry.tasks.push({ code: t.code, title: t.title, due: t.due, status: t.status, progress: t.progress, flag: t.overdue ? 'overdue' : 'due_soon' });
    byLead.set(t.lead, entry);
  }

  const directives = await q(
    `SELECT r.body, COALESCE(g.code, t.code, gg.code, tg.code) AS target, a.name AS assignee, r.due, r.status, r.answer,
            ${directiveOverdueSql('$2')} AS overdue
       FROM directive r LEFT JOIN org_unit a ON a.id = r.assignee_id
       LEFT JOIN goal g ON r.target_kind = 'goal' AND g.id = r.target_id
       LEFT JOIN task t ON r.target_kind = 'task' AND t.id = r.target_id
       LEFT JOIN goal_group gg ON r.target_kind = 'goal_group' AND gg.id = r.target_id
       LEFT JOIN task_group tg ON r.target_kind = 'task_group' AND tg.id = r.target_id
      WHERE r.kind = 'directive' AND r.created_at::date <= $2::date AND COALESCE(g.document_id, t.document_id, gg.document_id, tg.document_id) = $1
      ORDER BY r.status, r.due NULLS LAST, r.created_at`,
    [ids.document_id, r.asOf],
  );

  const changes = since
    ? await q(
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
        [ids.province_id, ids.document_id, since, r.asOf],
      )
    : [];

  const goalIndicators = new Set(doc.goalGroups.flatMap((g) => g.goals.map((x) => x.indicator).filter(Boolean)));
  const kpis = summary.kpis
    .filter((k) => k.period && (goalIndicators.size === 0 || goalIndicators.has(k.indicator.code) || k.nationalTarget))
    .map((k) => {
      const targets = [...k.goalTargets.map((t) => ({ ...t, label: `${t.op} ${viNumber(t.target)}` })), ...(k.nationalTarget ? [{ ...k.nationalTarget, label: `${k.nationalTarget.op} ${viNumber(k.nationalTarget.target)} (quốc gia)` }] : [])];
      return {
        code: k.indicator.code, name: k.indicator.name, unit: k.indicator.unit, kind: k.indicator.kind, direction: k.indicator.direction, period: k.period, value: Number(k.value),
        target: targets.length ? targets.map((t) => t.label).join('; ') : null, met: targets.length ? targets.every((t) => t.met) : null,
        previousPeriod: k.previous.period, previousValue: num(k.previous.value), previousChange: k.previous.change, yearAgoPeriod: k.yearAgo.period, yearAgoValue: num(k.yearAgo.value),
        rank: k.rank?.rank ?? null, rankOf: k.rank?.of ?? null,
      };
    });
  const trendCodes = [...kpis].sort((a, b) => Number(b.target !== null) - Number(a.target !== null) || a.code.localeCompare(b.code)).slice(0, TREND_KPIS);
  const trends: ReportData['trends'] = [];
  for (const k of trendCodes) {
    const points = await q(
      `SELECT k.period, k.value::float8 AS value FROM kpi_comparison k JOIN indicator i ON i.id = k.indicator_id
        WHERE i.code = $1 AND k.org_unit_id = $2 AND k.period_end <= $3::date ORDER BY k.period_end DESC, k.period LIMIT $4`,
      [k.code, ids.province_id, r.asOf, TREND_PERIODS],
    );
    trends.push({ code: k.code, name: k.name, unit: k.unit, kind: k.kind, direction: k.direction, points: points.reverse().map((p) => ({ period: p.period, value: Number(p.value) })) });
  }

  // The latest DTI table whose year is not after the as-of date's year.
  const dti = await readReportDti(ds, ids.province_id, Number(r.asOf.slice(0, 4)));

  const goals = doc.rollup.goals;
  const tasks = doc.rollup.tasks;
  return {
    heading,
    province: summary.province,
    document: { code: doc.code, title: doc.title, type: doc.type, scope: doc.scope },
    period: r.period,
    asOf: r.asOf,
    issued: r.issued,
    goals: { met: goals?.met ?? 0, total: goals?.total ?? 0, recorded: goals?.recorded ?? 0, declared: goals?.declared ?? null },
    tasks: { total: tasks?.total ?? 0, counts: tasks?.counts ?? {}, overdue: tasks?.overdue ?? 0, recorded: tasks?.recorded ?? 0, declared: tasks?.declared ?? null },
    goalGroups: doc.goalGroups.map((g) => ({
      code: g.code, name: g.name, met: g.rollup.goals?.met ?? 0, total: g.rollup.goals?.total ?? 0, recorded: g.rollup.goals?.recorded ?? 0, declared: g.rollup.goals?.declared ?? null,
    })),
    taskGroups: doc.taskGroups.map((g) => ({
      code: g.code, name: g.name, counts: g.rollup.tasks?.counts ?? {}, total: g.rollup.tasks?.total ?? 0, overdue: g.rollup.tasks?.overdue ?? 0,
      recorded: g.rollup.tasks?.recorded ?? 0, declared: g.rollup.tasks?.declared ?? null,
    })),
    reconciliations: doc.claims.map((c) => ({
      scope: c.scope, asOf: c.asOf, reportedMet: c.met, reportedOf: c.of, reportedOpen: c.open, computedMet: c.reconciliation?.computedMet ?? null,
      computedTotal: c.reconciliation?.computedTotal ?? null, verdict: c.reconciliation?.verdict ?? null,
      differingGoals: (c.reconciliation?.differingGoals ?? []).map((g) => (typeof g === 'string' ? g : (g as { code: string }).code)),
      reasons: c.reconciliation?.reasons ?? [],
    })),
    goalLines: doc.goalGroups.flatMap((g) =>
      g.goals.map((x) => ({
        group: g.code, code: x.code, title: x.title, target: x.target ? `${x.target.op} ${viNumber(x.target.value)}` : x.kind === 'milestone' ? `đến ${viDate(x.due)}` : null,
        actual: num(x.actual), actualPeriod: x.actualPeriod, attainment: num(x.attainment), status: x.status, source: x.indicator,
      })),
    ),
    lateTasks: [...byLead.values()],
    kpis,
    directives: directives.map((d) => ({ body: d.body, target: d.target, assignee: d.assignee, due: d.due, status: d.status, overdue: d.overdue, answer: d.answer })),
    changesSince: since,
    changes: changes.map((c) => ({ what: c.what, field: c.field, from: c.from_value, to: c.to_value, asOf: c.as_of })),
    trends,
    dti,
  };
}

/** The day before the period starts: the end of the previous report of the same length. */
function previousPeriodEnd(period: string): string | null {
  const p = parsePeriod(period);
  return p ? addDays(p.start, -1) : null;
}
