/**
 * The parts of the KPI comparison statement that turn the rows a pass writes (`written`) into stored
 * comparisons, shared by every pass kind.
 */

/**
 * `goal_sets` and `final`: each written row's value, changes, the province's goals on the indicator and its national
 * target (gap, attainment to 4 decimals, met) and its rank. `goalFilter` narrows the goals (e.g. to the pass's
 * province); `rank` gives the rank columns and the join they need.
 */
export function finalCtes(goalFilter: string, rank: { columns: string; join: string }): string {
  return `-- Each province's goals on each indicator, gathered once and looked up by hash (not a subquery per row).
goal_sets AS (
  SELECT d.province_id, g.indicator_id,
         jsonb_agg(jsonb_build_object('goalId', g.id, 'goalCode', g.code, 'documentCode', d.code, 'op', g.target_op, 'target', g.target_value::text)
                   ORDER BY d.position, g.position, g.code) AS goals
    FROM goal g JOIN document d ON d.id = g.document_id
   WHERE g.target_op IS NOT NULL AND g.target_value IS NOT NULL ${goalFilter}
   GROUP BY d.province_id, g.indicator_id
),
final AS (
  -- trim_scale: stored as canonical decimals (81, not 81.000000), as the rest of the schema holds them.
  SELECT x.indicator_id, x.org_unit_id, x.period, x.period_end, x.province_id, trim_scale(x.v) AS value,
         x.previous_period, trim_scale(x.prev_v) AS previous_value,
         trim_scale(x.v - x.prev_v) AS previous_change,
         CASE WHEN x.prev_v IS NULL OR x.prev_v = 0 THEN NULL ELSE trim_scale(round((x.v - x.prev_v) / abs(x.prev_v), 4)) END AS previous_change_rel,
         x.year_ago_period, trim_scale(x.ago_v) AS year_ago_value,
         trim_scale(x.v - x.ago_v) AS year_ago_change,
         CASE WHEN x.ago_v IS NULL OR x.ago_v = 0 THEN NULL ELSE trim_scale(round((x.v - x.ago_v) / abs(x.ago_v), 4)) END AS year_ago_change_rel,
         CASE WHEN gs.goals IS NULL THEN '[]'::jsonb ELSE (
           SELECT jsonb_agg(e.g - 'target' || jsonb_build_object(
                    'target', trim_scale(t.target)::text, 'gap', trim_scale(x.v - t.target)::text,
                    'attainment', dx_attainment(x.v, t.target, x.direction), 'met', dx_holds(x.v, e.g->>'op', t.target)) ORDER BY e.n)
             FROM jsonb_array_elements(gs.goals) WITH ORDINALITY AS e(g, n) CROSS JOIN LATERAL (SELECT (e.g->>'target')::numeric AS target) t
         ) END AS goal_targets,
         CASE WHEN pi.national_target_op IS NULL THEN NULL ELSE jsonb_build_object(
           'op', pi.national_target_op, 'target', trim_scale(pi.national_target_value)::text,
           'gap', trim_scale(x.v - pi.national_target_value)::text,
           'attainment', dx_attainment(x.v, pi.national_target_value, x.direction),
           'met', dx_holds(x.v, pi.national_target_op, pi.national_target_value)) END AS national_target,
         ${rank.columns}
    FROM written x
    LEFT JOIN province_indicator pi ON pi.province_id = x.province_id AND pi.indicator_id = x.indicator_id
    LEFT JOIN goal_sets gs ON gs.province_id = x.province_id AND gs.indicator_id = x.indicator_id
    ${rank.join}
),`;
}

/**
 * `upserted` and `deleted`: writes `final` where a row changed (a row that did not is left alone) and deletes the
 * `stale_keys` rows `final` no longer has (their observation went).
 */
export const WRITE_CTES = `upserted AS (
  INSERT INTO kpi_comparison AS k (indicator_id, org_unit_id, period, period_end, province_id, value, previous_period, previous_value,
         previous_change, previous_change_rel, year_ago_period, year_ago_value, year_ago_change, year_ago_change_rel, goal_targets,
         national_target, rank, rank_of, percentile, recompute_id, computed_at)
  SELECT f.*, $1::uuid, now() FROM final f
  ON CONFLICT (indicator_id, org_unit_id, period) DO UPDATE SET
    period_end = EXCLUDED.period_end, province_id = EXCLUDED.province_id, value = EXCLUDED.value,
    previous_period = EXCLUDED.previous_period, previous_value = EXCLUDED.previous_value, previous_change = EXCLUDED.previous_change,
    previous_change_rel = EXCLUDED.previous_change_rel, year_ago_period = EXCLUDED.year_ago_period, year_ago_value = EXCLUDED.year_ago_value,
    year_ago_change = EXCLUDED.year_ago_change, year_ago_change_rel = EXCLUDED.year_ago_change_rel, goal_targets = EXCLUDED.goal_targets,
    national_target = EXCLUDED.national_target, rank = EXCLUDED.rank, rank_of = EXCLUDED.rank_of, percentile = EXCLUDED.percentile,
    recompute_id = EXCLUDED.recompute_id, computed_at = EXCLUDED.computed_at
  WHERE (k.period_end, k.province_id, k.value, k.previous_period, k.previous_value, k.previous_change, k.previous_change_rel,
         k.year_ago_period, k.year_ago_value, k.year_ago_change, k.year_ago_change_rel, k.goal_targets, k.national_target,
         k.rank, k.rank_of, k.percentile)
        IS DISTINCT FROM
        (EXCLUDED.period_end, EXCLUDED.province_id, EXCLUDED.value, EXCLUDED.previous_period, EXCLUDED.previous_value,
         EXCLUDED.previous_change, EXCLUDED.previous_change_rel, EXCLUDED.year_ago_period, EXCLUDED.year_ago_value,
         EXCLUDED.year_ago_change, EXCLUDED.year_ago_change_rel, EXCLUDED.goal_targets, EXCLUDED.national_target,
         EXCLUDED.rank, EXCLUDED.rank_of, EXCLUDED.percentile)
  RETURNING k.indicator_id, k.org_unit_id, k.period
),
deleted AS (
  DELETE FROM kpi_comparison k USING stale_keys s
   WHERE k.indicator_id = s.indicator_id AND k.org_unit_id = s.org_unit_id AND k.period = s.period
     AND NOT EXISTS (SELECT 1 FROM final f WHERE f.indicator_id = k.indicator_id AND f.org_unit_id = k.org_unit_id AND f.period = k.period)
  RETURNING k.indicator_id, k.org_unit_id, k.period
),`;

/** The statement's answer: how many rows it wrote, deleted and re-ranked (`peers`). */
export const COUNTS_SELECT = `SELECT (SELECT count(*) FROM upserted)::int AS upserted, (SELECT count(*) FROM deleted)::int AS deleted, (SELECT count(*) FROM peers)::int AS peers`;
