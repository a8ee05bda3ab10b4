import { periodLengthSql, previousPeriodSql, yearAgoPeriodSql } from '@dx/domain';

/**
 * The parts of the KPI comparison statement every pass kind shares, from the observations in `scope` to the
 * compared values (status-rules.md, "KPI comparisons, per indicator, org unit and period"). The pass kinds
 * (kpi-national.sql.ts, kpi-province.sql.ts, kpi-scoped.sql.ts) assemble them with their own scope, stale rows
 * and ranks.
 */

/** What a pass reads of each observation (alias `o`), with its indicator (`i`) and org unit (`u`). */
export const OBSERVATION_COLUMNS = `o.indicator_id, o.org_unit_id, o.period, o.period_kind, o.period_start, o.period_end, o.value, o.numerator,
         o.denominator, o.source, i.kind, i.scale, i.direction, u.kind AS org_kind, u.province_id`;

/**
 * One observation per (indicator, org unit, period) among sources: latest start, then source, value, numerator,
 * denominator ascending. `alias` prefixes the columns (`o.` or empty).
 */
export const pickOrder = (alias: string) => `ORDER BY ${alias}indicator_id, ${alias}org_unit_id, ${alias}period, ${alias}period_start DESC,
            ${alias}source COLLATE "C" ASC NULLS LAST, ${alias}value ASC NULLS LAST, ${alias}numerator ASC NULLS LAST, ${alias}denominator ASC NULLS LAST`;

/**
 * An observation's value (`p`) by its indicator's kind (`i`): a ratio is numerator / denominator × scale when both
 * are known, rounded to 6 decimals; a percent without a value is numerator / denominator × 100.
 */
export const valueOf = (p: string, i: string) => `CASE
           WHEN ${i}.kind = 'ratio' AND ${p}.numerator IS NOT NULL AND ${p}.denominator > 0
             THEN round(${p}.numerator / ${p}.denominator * COALESCE(${i}.scale, 1), 6)
           WHEN ${i}.kind = 'percent' AND ${p}.value IS NULL AND ${p}.numerator IS NOT NULL AND ${p}.denominator > 0
             THEN round(${p}.numerator / ${p}.denominator * 100, 6)
           ELSE ${p}.value
         END`;

/** Competition ranking as a percentile: the best of n is 100, the worst 0, a single value 100. */
export const percentile = (rank: string, of: string) =>
  `trim_scale(CASE WHEN ${of} = 1 THEN 100 ELSE round(100.0 * (${of} - ${rank}) / (${of} - 1), 2) END)`;

/**
 * `picked`, `valued`, `present` and `compared`: per key of `scope`, the picked observation, its value, the codes of
 * its previous and year-ago periods (period.ts's arithmetic) and their values. `ranks` adds a national pass's rank
 * columns and their window.
 */
export function comparedCtes(ranks: { columns: string; window: string } = { columns: '', window: '' }): string {
  return `picked AS (
  SELECT DISTINCT ON (indicator_id, org_unit_id, period) *
    FROM scope
   ${pickOrder('')}
),
valued AS (
  SELECT p.*,
         ${valueOf('p', 'p')} AS v,
         ${previousPeriodSql('p.period_kind', 'p.period_start')} AS previous_period,
         ${yearAgoPeriodSql('p.period_kind', 'p.period_start', 'p.period')} AS year_ago_period
    FROM picked p
),
present AS (SELECT * FROM valued WHERE v IS NOT NULL),
-- The previous period's and the year-earlier value of the same indicator and org unit, by window functions over the
-- periods of one length in start order (not self-joins): the previous period is the row just before when it starts
-- exactly one period earlier; the year-earlier one is the row starting exactly one year before (a range frame).
compared AS (
  SELECT x.*,
         CASE WHEN lag(x.period_start) OVER w = x.period_start - ${periodLengthSql('x.period_kind')}
              THEN lag(x.v) OVER w END AS prev_v,
         first_value(x.v) OVER (w RANGE BETWEEN '1 year' PRECEDING AND '1 year' PRECEDING) AS ago_v
         ${ranks.columns}
    FROM present x
  WINDOW w AS (PARTITION BY x.indicator_id, x.org_unit_id, x.period_kind ORDER BY x.period_start)
         ${ranks.window}
),`;
}

/** `scope` for a pass over whole provinces: every observation, narrowed by `where` (e.g. to one province). */
export function observationScopeCte(where: string): string {
  return `scope AS (
  SELECT ${OBSERVATION_COLUMNS}
    FROM observation o
    JOIN org_unit u ON u.id = o.org_unit_id
    JOIN indicator i ON i.id = o.indicator_id
   ${where}
),`;
}
