import { DataSource } from 'typeorm';

/**
 * The hand-written SQL the engine is compared with: every goal's status at the as-of
 * date for its province (latest observation with period end ≤ as-of, op comparison,
 * due date, linear expected path from the baseline → on_track / at_risk), then met/total
 * per goal group. Simplifications against the engine's rules: the actual is the stored
 * `value` (ratio numerator/denominator and percent-from-fraction are not derived), ties
 * between sources are broken by source only, and the expected value is rounded by
 * PostgreSQL's numeric division (6 decimals) rather than decimal.js. Only goal statuses and
 * goal-group counts: no tasks, documents, province rollups, reconciliations or KPI comparisons.
 */
export const BASELINE_SQL = `
WITH goals AS MATERIALIZED (
  SELECT g.id, g.group_id, g.kind, g.indicator_id, g.target_op, g.target_value, g.baseline_value, g.baseline_date, g.due,
         g.reported_status, g.evidence_number, g.evidence_date, d.province_id, i.direction
    FROM goal g JOIN document d ON d.id = g.document_id LEFT JOIN indicator i ON i.id = g.indicator_id
),
evaluated AS MATERIALIZED (
  SELECT g.id, g.group_id,
    CASE
      WHEN g.kind = 'milestone' THEN
        CASE WHEN (coalesce(btrim(g.evidence_number), '') <> '' AND g.evidence_date IS NOT NULL) OR g.reported_status = 'met' THEN 'met'
             WHEN $1::date > g.due THEN 'not_met' ELSE 'in_progress' END
      WHEN o.value IS NULL THEN 'no_data'
      WHEN CASE g.target_op WHEN '>=' THEN o.value >= g.target_value WHEN '<=' THEN o.value <= g.target_value
                            WHEN '>' THEN o.value > g.target_value WHEN '<' THEN o.value < g.target_value
                            ELSE o.value = g.target_value END THEN 'met'
      WHEN $1::date > g.due THEN 'not_met'
      WHEN e.expected IS NULL THEN 'in_progress'
      WHEN CASE WHEN g.target_op IN ('>=', '>') OR (g.target_op = '=' AND g.direction = 'up') THEN o.value >= e.expected
                ELSE o.value <= e.expected END THEN 'on_track'
      ELSE 'at_risk'
    END AS status
  FROM goals g
  LEFT JOIN LATERAL (
    SELECT o.value FROM observation o
     WHERE g.kind = 'quantitative' AND o.indicator_id = g.indicator_id AND o.org_unit_id = g.province_id
       AND o.period_end <= $1::date AND o.value IS NOT NULL
     ORDER BY o.period_end DESC, o.period_start DESC, o.source NULLS LAST
     LIMIT 1
  ) o ON true
  CROSS JOIN LATERAL (
    SELECT CASE WHEN g.baseline_value IS NOT NULL AND g.due > g.baseline_date THEN
             round(g.baseline_value + (g.target_value - g.baseline_value)
                   * least(greatest($1::date - g.baseline_date, 0), g.due - g.baseline_date) / (g.due - g.baseline_date), 6)
           END AS expected
  ) e
)
SELECT 'goal' AS row_kind, id, status, NULL::int AS met, NULL::int AS total FROM evaluated
UNION ALL
SELECT 'goal_group', group_id, NULL, (count(*) FILTER (WHERE status = 'met'))::int, count(*)::int FROM evaluated GROUP BY group_id
`;

export interface BaselineRow {
  row_kind: 'goal' | 'goal_group';
  id: string;
  status: string | null;
  met: number | null;
  total: number | null;
}

export function runBaseline(ds: DataSource, asOf: string): Promise<BaselineRow[]> {
  return ds.query(BASELINE_SQL, [asOf]);
}

/**
 * Not part of the ratio: the KPI comparisons done set-based in SQL (value, previous month,
 * same month a year earlier, absolute/relative change, rank and count among provinces per
 * indicator and period), aggregated so no rows are shipped. It shows what the engine's
 * largest output would cost in PostgreSQL alone.
 */
export const KPI_BASELINE_SQL = `
WITH o AS (
  SELECT o.indicator_id, o.org_unit_id, o.period, o.period_start, o.value, u.kind = 'province' AS is_province, i.direction
    FROM observation o JOIN org_unit u ON u.id = o.org_unit_id JOIN indicator i ON i.id = o.indicator_id
   WHERE o.source IS NULL AND o.value IS NOT NULL
),
k AS (
  SELECT o.*, p.value AS previous_value, y.value AS year_ago_value,
         CASE WHEN o.is_province THEN rank() OVER (PARTITION BY o.indicator_id, o.period, o.is_province
                                                 ORDER BY CASE WHEN o.direction = 'up' THEN -o.value ELSE o.value END) END AS rank,
         CASE WHEN o.is_province THEN count(*) OVER (PARTITION BY o.indicator_id, o.period, o.is_province) END AS rank_of
    FROM o
    LEFT JOIN observation p ON p.indicator_id = o.indicator_id AND p.org_unit_id = o.org_unit_id AND p.source IS NULL
                           AND p.period = to_char(o.period_start - interval '1 month', 'YYYY-MM')
    LEFT JOIN observation y ON y.indicator_id = o.indicator_id AND y.org_unit_id = o.org_unit_id AND y.source IS NULL
                           AND y.period = to_char(o.period_start - interval '1 year', 'YYYY-MM')
)
SELECT count(*)::int AS rows, sum(value - previous_value) AS sum_change, sum(round((value - year_ago_value) / nullif(abs(year_ago_value), 0), 4)) AS sum_rel,
       sum(rank) AS sum_rank
  FROM k
`;
