/**
 * The stored baseline's statements (stored-baseline.ts runs them): hand-written SQL that computes the rows the
 * engine stores — goal statuses, task statuses, rollups, KPI comparisons — for copies of its tables. Written from
 * docs/status-rules.md, sharing nothing with libs/status-engine, so it stays an independent yardstick.
 * Simplifications: a task's state at the as-of date is its current row (no audit history is replayed), and
 * reconciliations (a few rows per province) are left out.
 */

/** A table the baseline fills: its key, the columns it computes and the SELECT giving them (`$1`: the as-of date when `asOf`). */
export interface StoredTable {
  table: 'goal_status' | 'task_status' | 'rollup' | 'kpi_comparison';
  key: string[];
  values: string[];
  asOf: boolean;
  source: string;
}

/** An observation's value (`o`) by its indicator's kind and scale: ratios from numerator and denominator, 6 decimals. */
const VALUE = (o: string, kind: string, scale: string) => `CASE
    WHEN ${kind} = 'ratio' AND ${o}.numerator IS NOT NULL AND ${o}.denominator > 0 THEN round(${o}.numerator / ${o}.denominator * coalesce(${scale}, 1), 6)
    WHEN ${kind} = 'percent' AND ${o}.value IS NULL AND ${o}.numerator IS NOT NULL AND ${o}.denominator > 0 THEN round(${o}.numerator / ${o}.denominator * 100, 6)
    ELSE ${o}.value END`;

/** Attainment: actual / target (higher is better) or target / actual (lower is better), 4 decimals; null on a zero divisor. */
const ATTAINMENT = (actual: string, target: string, direction: string) => `CASE WHEN ${direction} = 'down'
    THEN CASE WHEN ${actual} = 0 THEN NULL ELSE round(${target} / ${actual}, 4) END
    ELSE CASE WHEN ${target} = 0 THEN NULL ELSE round(${actual} / ${target}, 4) END END`;

const HOLDS = (actual: string, op: string, target: string) => `CASE ${op} WHEN '>=' THEN ${actual} >= ${target}
    WHEN '<=' THEN ${actual} <= ${target} WHEN '>' THEN ${actual} > ${target} WHEN '<' THEN ${actual} < ${target}
    WHEN '=' THEN ${actual} = ${target} END`;

/** BASELINE_SQL (baseline.ts) carried through to every goal_status column: actual, its period, expected, attainment, colour. */
const GOAL_STATUS_SQL = `
WITH goals AS MATERIALIZED (
  SELECT g.id, g.kind, g.indicator_id, g.target_op, g.target_value, g.baseline_value, g.baseline_date, g.due, g.reported_status,
         (coalesce(btrim(g.evidence_number), '') <> '' AND g.evidence_date IS NOT NULL) AS evidenced,
         d.province_id, i.direction, i.kind AS indicator_kind, i.scale
    FROM goal g JOIN document d ON d.id = g.document_id LEFT JOIN indicator i ON i.id = g.indicator_id
),
latest AS (
  SELECT g.*, o.actual, o.period AS actual_period,
         CASE WHEN o.actual IS NOT NULL AND g.baseline_value IS NOT NULL AND g.baseline_date IS NOT NULL AND g.due > g.baseline_date THEN
           round(g.baseline_value + (g.target_value - g.baseline_value)
                 * least(greatest($1::date - g.baseline_date, 0), g.due - g.baseline_date) / (g.due - g.baseline_date), 6) END AS expected,
         ${ATTAINMENT('o.actual', 'g.target_value', 'g.direction')} AS attainment
    FROM goals g
    LEFT JOIN LATERAL (
      SELECT o.period, v.actual FROM observation o CROSS JOIN LATERAL (SELECT ${VALUE('o', 'g.indicator_kind', 'g.scale')} AS actual) v
       WHERE g.kind = 'quantitative' AND g.target_op IS NOT NULL AND g.target_value IS NOT NULL
         AND o.indicator_id = g.indicator_id AND o.org_unit_id = g.province_id AND o.period_end <= $1::date AND v.actual IS NOT NULL
       ORDER BY o.period_end DESC, o.period_start DESC, o.source COLLATE "C" NULLS LAST, o.value NULLS LAST, o.numerator NULLS LAST,
                o.denominator NULLS LAST
       LIMIT 1
    ) o ON true
),
evaluated AS (
  SELECT l.*,
    CASE
      WHEN l.kind = 'milestone' THEN CASE WHEN l.evidenced OR l.reported_status = 'met' THEN 'met'
                                          WHEN $1::date > l.due THEN 'not_met' ELSE 'in_progress' END
      WHEN l.actual IS NULL THEN 'no_data'
      WHEN ${HOLDS('l.actual', 'l.target_op', 'l.target_value')} THEN 'met'
      WHEN $1::date > l.due THEN 'not_met'
      WHEN l.expected IS NULL THEN 'in_progress'
      WHEN CASE WHEN l.target_op IN ('>=', '>') OR (l.target_op = '=' AND l.direction = 'up') THEN l.actual >= l.expected
                ELSE l.actual <= l.expected END THEN 'on_track'
      ELSE 'at_risk'
    END AS status
  FROM latest l
)
SELECT id AS goal_id, province_id AS org_unit_id, $1::date AS as_of, status, trim_scale(actual) AS actual, actual_period,
       trim_scale(expected) AS expected, trim_scale(attainment) AS attainment, trim_scale(CASE WHEN attainment > 1.5 THEN 1.5 ELSE attainment END) AS attainment_display,
       CASE WHEN attainment >= 1 THEN 'green' WHEN attainment >= 0.9 THEN 'amber' WHEN attainment IS NOT NULL THEN 'red' END AS colour,
       (kind = 'milestone' AND status = 'met' AND NOT evidenced) AS unverified
  FROM evaluated`;

/** Task flags at the as-of date: open tasks are overdue after their due date and due soon 0–14 days before it. */
const TASK_STATUS_SQL = `
SELECT t.id AS task_id, $1::date AS as_of, t.status, t.progress,
       (t.due IS NOT NULL AND t.status NOT IN ('done', 'cancelled') AND t.due < $1::date) AS overdue,
       (t.due IS NOT NULL AND t.status NOT IN ('done', 'cancelled') AND t.due - $1::date BETWEEN 0 AND 14) AS due_soon,
       (t.status = 'done' AND NOT (coalesce(btrim(t.evidence_number), '') <> '' AND t.evidence_date IS NOT NULL)) AS unverified
  FROM task t`;

const GOAL_STATUSES = ['met', 'not_met', 'on_track', 'at_risk', 'in_progress', 'no_data'];
const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'];
const TASK_FLAGS = ['overdue', 'due_soon', 'unverified'];

/** Sums of parts (alias `p`) into a document's or province's goal counts; declared: the parts' declared, else recorded. */
const mergedGoals = () => `${GOAL_STATUSES.map((s) => `coalesce(sum(p.g_${s}), 0)::int AS g_${s}`).join(', ')},
         coalesce(sum(p.g_total), 0)::int AS g_total,
         CASE WHEN bool_and(p.g_declared IS NULL) THEN NULL ELSE sum(coalesce(p.g_declared, p.g_total))::int END AS g_declared`;

/** The same for tasks; progress: the parts' progress weighted by their non-cancelled tasks, 2 decimals. */
const mergedTasks = () => `${[...TASK_STATUSES.map((s) => `t_${s}`), ...TASK_FLAGS.map((f) => `t_${f}`), 't_total']
  .map((c) => `coalesce(sum(p.${c}), 0)::int AS ${c}`)
  .join(', ')},
         round(sum(p.t_progress * (p.t_total - p.t_cancelled)) / nullif(sum(p.t_total - p.t_cancelled) FILTER (WHERE p.t_progress IS NOT NULL), 0), 2)
           AS t_progress,
         CASE WHEN bool_and(p.t_declared IS NULL) THEN NULL ELSE sum(coalesce(p.t_declared, p.t_total))::int END AS t_declared`;

const goalColumns = (a: string) => `jsonb_build_object(${GOAL_STATUSES.map((s) => `'${s}', ${a}.g_${s}`).join(', ')}) AS goal_counts,
       ${a}.g_met AS goals_met, ${a}.g_total AS goals_total, ${a}.g_total AS goals_recorded, ${a}.g_declared AS goals_declared`;
const taskColumns = (a: string) => `jsonb_build_object(${TASK_STATUSES.map((s) => `'${s}', ${a}.t_${s}`).join(', ')}) AS task_counts,
       ${a}.t_total AS tasks_total, ${a}.t_overdue AS tasks_overdue, ${a}.t_due_soon AS tasks_due_soon, ${a}.t_unverified AS tasks_unverified,
       trim_scale(${a}.t_progress) AS task_progress, ${a}.t_total AS tasks_recorded, ${a}.t_declared AS tasks_declared`;
const NO_GOALS = `NULL::jsonb AS goal_counts, NULL::int AS goals_met, NULL::int AS goals_total, NULL::int AS goals_recorded,
       NULL::int AS goals_declared`;
const NO_TASKS = `NULL::jsonb AS task_counts, NULL::int AS tasks_total, NULL::int AS tasks_overdue, NULL::int AS tasks_due_soon,
       NULL::int AS tasks_unverified, NULL::numeric AS task_progress, NULL::int AS tasks_recorded, NULL::int AS tasks_declared`;

/** Rollups of goal groups and task groups (from the stored statuses), merged into documents, then provinces. */
const ROLLUP_SQL = `
WITH gg AS (
  SELECT grp.id, grp.document_id, d.province_id, grp.declared_count AS g_declared, count(s.goal_id)::int AS g_total,
         ${GOAL_STATUSES.map((st) => `(count(*) FILTER (WHERE s.status = '${st}'))::int AS g_${st}`).join(', ')}
    FROM goal_group grp JOIN document d ON d.id = grp.document_id
    LEFT JOIN goal g ON g.group_id = grp.id
    LEFT JOIN bl_goal_status s ON s.goal_id = g.id AND s.as_of = $1::date
   GROUP BY grp.id, d.province_id
),
tg AS (
  SELECT grp.id, grp.document_id, d.province_id, grp.declared_count AS t_declared, count(s.task_id)::int AS t_total,
         ${TASK_STATUSES.map((st) => `(count(*) FILTER (WHERE s.status = '${st}'))::int AS t_${st}`).join(', ')},
         ${TASK_FLAGS.map((f) => `(count(*) FILTER (WHERE s.${f}))::int AS t_${f}`).join(', ')},
         round(avg(coalesce(s.progress, CASE WHEN s.status = 'done' THEN 100 ELSE 0 END)) FILTER (WHERE s.status <> 'cancelled'), 2) AS t_progress
    FROM task_group grp JOIN document d ON d.id = grp.document_id
    LEFT JOIN task t ON t.group_id = grp.id
    LEFT JOIN bl_task_status s ON s.task_id = t.id AND s.as_of = $1::date
   GROUP BY grp.id, d.province_id
),
dg AS (SELECT d.id, d.province_id, ${mergedGoals()} FROM document d LEFT JOIN gg p ON p.document_id = d.id GROUP BY d.id),
dt AS (SELECT d.id, ${mergedTasks()} FROM document d LEFT JOIN tg p ON p.document_id = d.id GROUP BY d.id),
pg AS (SELECT u.id, ${mergedGoals()} FROM org_unit u LEFT JOIN dg p ON p.province_id = u.id WHERE u.kind = 'province' GROUP BY u.id),
pt AS (
  SELECT u.id, ${mergedTasks()}
    FROM org_unit u LEFT JOIN (SELECT dt.*, d.province_id FROM dt JOIN document d ON d.id = dt.id) p ON p.province_id = u.id
   WHERE u.kind = 'province' GROUP BY u.id
)
SELECT 'goal_group' AS scope_kind, gg.id AS scope_id, $1::date AS as_of, gg.province_id, ${goalColumns('gg')}, ${NO_TASKS} FROM gg
UNION ALL
SELECT 'task_group', tg.id, $1::date, tg.province_id, ${NO_GOALS}, ${taskColumns('tg')} FROM tg
UNION ALL
SELECT 'document', dg.id, $1::date, dg.province_id, ${goalColumns('dg')}, ${taskColumns('dt')} FROM dg JOIN dt ON dt.id = dg.id
UNION ALL
SELECT 'province', pg.id, $1::date, pg.id, ${goalColumns('pg')}, ${taskColumns('pt')} FROM pg JOIN pt ON pt.id = pg.id`;

/** The code of the period before (same length) and of the same period a year earlier. */
const PREVIOUS_PERIOD = (kind: string, start: string) => `CASE ${kind}
    WHEN 'month' THEN to_char(${start} - interval '1 month', 'YYYY-MM')
    WHEN 'quarter' THEN to_char(${start} - interval '3 months', 'YYYY"-Q"Q')
    WHEN 'half' THEN to_char(${start} - interval '6 months', 'YYYY') || CASE WHEN extract(month FROM ${start}) = 1 THEN '-H2' ELSE '-H1' END
    WHEN 'year' THEN to_char(${start} - interval '1 year', 'YYYY')
    ELSE to_char(${start} - 1, 'YYYY-MM-DD') END`;
const YEAR_AGO_PERIOD = (kind: string, start: string, code: string) => `CASE ${kind}
    WHEN 'month' THEN to_char(${start} - interval '1 year', 'YYYY-MM')
    WHEN 'year' THEN to_char(${start} - interval '1 year', 'YYYY')
    WHEN 'day' THEN to_char(${start} - interval '1 year', 'YYYY-MM-DD')
    ELSE to_char(${start} - interval '1 year', 'YYYY') || substr(${code}, 5) END`;

const CHANGE = (
  v: string,
  prior: string,
  name: string,
) => `trim_scale(${prior}.v) AS ${name}_value, trim_scale(${v}.v - ${prior}.v) AS ${name}_change,
       CASE WHEN ${prior}.v <> 0 THEN trim_scale(round((${v}.v - ${prior}.v) / abs(${prior}.v), 4)) END AS ${name}_change_rel`;

const TARGET = (v: string, op: string, target: string, direction: string) => `'op', ${op}, 'target', trim_scale(${target})::text,
    'gap', trim_scale(${v} - ${target})::text, 'attainment', trim_scale(${ATTAINMENT(v, target, direction)})::text, 'met', ${HOLDS(v, op, target)}`;

/**
 * KPI comparisons: one observation per (indicator, org unit, period) among sources, its value, the previous and
 * year-ago values by self-join on the period code, the province's goals on the indicator and its national target,
 * and a province's rank among provinces (competition ranking, direction respected) with its percentile.
 */
const KPI_SQL = `
WITH picked AS (
  SELECT DISTINCT ON (o.indicator_id, o.org_unit_id, o.period) o.*
    FROM observation o
   ORDER BY o.indicator_id, o.org_unit_id, o.period, o.period_start DESC, o.source COLLATE "C" NULLS LAST, o.value NULLS LAST,
            o.numerator NULLS LAST, o.denominator NULLS LAST
),
valued AS MATERIALIZED (
  SELECT * FROM (
    SELECT p.indicator_id, p.org_unit_id, p.period, p.period_kind, p.period_start, p.period_end, u.province_id,
           u.kind = 'province' AS is_province, i.direction, ${VALUE('p', 'i.kind', 'i.scale')} AS v
      FROM picked p JOIN org_unit u ON u.id = p.org_unit_id JOIN indicator i ON i.id = p.indicator_id
  ) x WHERE v IS NOT NULL
),
ranks AS (
  SELECT indicator_id, org_unit_id, period, rank() OVER w AS rank, count(*) OVER (PARTITION BY indicator_id, period) AS rank_of
    FROM valued WHERE is_province
  WINDOW w AS (PARTITION BY indicator_id, period ORDER BY CASE WHEN direction = 'down' THEN v ELSE -v END)
),
goal_list AS (
  SELECT d.province_id, g.indicator_id, g.id, g.code, d.code AS document_code, g.target_op, g.target_value, d.position AS dpos, g.position AS gpos
    FROM goal g JOIN document d ON d.id = g.document_id
   WHERE g.target_op IS NOT NULL AND g.target_value IS NOT NULL
),
targets AS (
  SELECT c.indicator_id, c.org_unit_id, c.period,
         jsonb_agg(jsonb_build_object('goalId', gl.id, 'goalCode', gl.code, 'documentCode', gl.document_code,
                                      ${TARGET('c.v', 'gl.target_op', 'gl.target_value', 'c.direction')})
                   ORDER BY gl.dpos, gl.gpos, gl.code) AS goal_targets
    FROM valued c JOIN goal_list gl ON gl.province_id = c.province_id AND gl.indicator_id = c.indicator_id
   GROUP BY c.indicator_id, c.org_unit_id, c.period
),
coded AS (
  SELECT c.*, ${PREVIOUS_PERIOD('c.period_kind', 'c.period_start')} AS previous_period,
         ${YEAR_AGO_PERIOD('c.period_kind', 'c.period_start', 'c.period')} AS year_ago_period
    FROM valued c
)
SELECT c.indicator_id, c.org_unit_id, c.period, c.period_end, c.province_id, trim_scale(c.v) AS value,
       c.previous_period, ${CHANGE('c', 'p', 'previous')},
       c.year_ago_period, ${CHANGE('c', 'y', 'year_ago')},
       coalesce(t.goal_targets, '[]'::jsonb) AS goal_targets,
       CASE WHEN pi.national_target_op IS NOT NULL THEN
         jsonb_build_object(${TARGET('c.v', 'pi.national_target_op', 'pi.national_target_value', 'c.direction')}) END AS national_target,
       r.rank::int AS rank, r.rank_of::int AS rank_of,
       trim_scale(CASE WHEN r.rank_of = 1 THEN 100 ELSE round(100.0 * (r.rank_of - r.rank) / (r.rank_of - 1), 2) END) AS percentile
  FROM coded c
  LEFT JOIN valued p ON p.indicator_id = c.indicator_id AND p.org_unit_id = c.org_unit_id AND p.period = c.previous_period
  LEFT JOIN valued y ON y.indicator_id = c.indicator_id AND y.org_unit_id = c.org_unit_id AND y.period = c.year_ago_period
  LEFT JOIN ranks r ON r.indicator_id = c.indicator_id AND r.org_unit_id = c.org_unit_id AND r.period = c.period
  LEFT JOIN targets t ON t.indicator_id = c.indicator_id AND t.org_unit_id = c.org_unit_id AND t.period = c.period
  LEFT JOIN province_indicator pi ON pi.province_id = c.province_id AND pi.indicator_id = c.indicator_id`;

/** The tables in the order they are filled (rollups read the stored goal and task statuses). */
export const STORED_TABLES: StoredTable[] = [
  {
    table: 'goal_status',
    key: ['goal_id', 'org_unit_id', 'as_of'],
    values: ['status', 'actual', 'actual_period', 'expected', 'attainment', 'attainment_display', 'colour', 'unverified'],
    asOf: true,
    source: GOAL_STATUS_SQL,
  },
  {
    table: 'task_status',
    key: ['task_id', 'as_of'],
    values: ['status', 'progress', 'overdue', 'due_soon', 'unverified'],
    asOf: true,
    source: TASK_STATUS_SQL,
  },
  {
    table: 'rollup',
    key: ['scope_kind', 'scope_id', 'as_of'],
    values: [
      'province_id',
      'goal_counts',
      'goals_met',
      'goals_total',
      'goals_recorded',
      'goals_declared',
      'task_counts',
      'tasks_total',
    ].concat(['tasks_overdue', 'tasks_due_soon', 'tasks_unverified', 'task_progress', 'tasks_recorded', 'tasks_declared']),
    asOf: true,
    source: ROLLUP_SQL,
  },
  {
    table: 'kpi_comparison',
    key: ['indicator_id', 'org_unit_id', 'period'],
    values: ['period_end', 'province_id', 'value', 'previous_period', 'previous_value', 'previous_change', 'previous_change_rel']
      .concat(['year_ago_period', 'year_ago_value', 'year_ago_change', 'year_ago_change_rel', 'goal_targets', 'national_target'])
      .concat(['rank', 'rank_of', 'percentile']),
    asOf: false,
    source: KPI_SQL,
  },
];
