import { percentile, pickOrder, valueOf } from './kpi-values.sql';

/**
 * The ranks of a province pass (whole or scoped). A national pass has every province's values at hand and ranks
 * them in the same scan; a province pass reads the other provinces' values of the (indicator, period) pairs it
 * touches, ranks them all, and refreshes the other provinces' ranks where its own value appeared, changed or went.
 */

/**
 * `pairs` to `ranks`: the ranks among provinces with data (competition ranking, direction respected) and
 * percentiles where the province's value is written or may go. `peerSource` is the FROM clause reading every
 * province's observations (alias `o`) of `pairs`.
 */
export function provinceRankCtes(peerSource: string): string {
  return `-- Where the province's own value is written or may go (a deleted observation): the other provinces' ranks move there.
pairs AS (
  SELECT indicator_id, period FROM written WHERE org_kind = 'province'
  UNION
  SELECT indicator_id, period FROM stale_keys WHERE org_unit_id = ANY($2::uuid[])
),
peer_picked AS (
  SELECT DISTINCT ON (o.indicator_id, o.org_unit_id, o.period) o.indicator_id, o.org_unit_id, o.period, o.value, o.numerator, o.denominator
    ${peerSource}
   ${pickOrder('o.')}
),
-- The indicator is joined after the pick: joined before, the planner misjudges the pairs and loops.
rank_source AS (
  SELECT p.indicator_id, p.org_unit_id, p.period, i.direction, ${valueOf('p', 'i')} AS v
    FROM peer_picked p JOIN indicator i ON i.id = p.indicator_id
),
ranked AS (
  SELECT indicator_id, org_unit_id, period,
         rank() OVER w AS rank,
         count(*) OVER (PARTITION BY indicator_id, period) AS rank_of
    FROM rank_source
   WHERE v IS NOT NULL
  WINDOW w AS (PARTITION BY indicator_id, period ORDER BY CASE WHEN direction = 'down' THEN v ELSE -v END)
),
ranks AS (
  SELECT indicator_id, org_unit_id, period, rank::int AS rank, rank_of::int AS rank_of, ${percentile('rank', 'rank_of')} AS percentile
    FROM ranked
),`;
}

/** A province pass's rank columns in `final`: a province's own row takes its rank from `ranks`. */
export const PROVINCE_PASS_RANK = {
  columns: 'r.rank, r.rank_of, r.percentile',
  join: `LEFT JOIN ranks r ON x.org_kind = 'province' AND r.indicator_id = x.indicator_id AND r.org_unit_id = x.org_unit_id AND r.period = x.period`,
};

/** `moved` and `peers`: the other stored ranks, refreshed where a pass's province's own value moved. */
export const PEER_RANKS_CTES = `moved AS (
  SELECT DISTINCT indicator_id, period FROM (SELECT * FROM upserted UNION ALL SELECT * FROM deleted) c WHERE c.org_unit_id = ANY($2::uuid[])
),
peers AS (
  UPDATE kpi_comparison k SET rank = r.rank, rank_of = r.rank_of, percentile = r.percentile
    FROM ranks r JOIN moved ON moved.indicator_id = r.indicator_id AND moved.period = r.period
   WHERE k.indicator_id = r.indicator_id AND k.org_unit_id = r.org_unit_id AND k.period = r.period
     -- Not a row this statement writes or deletes (a pass's own provinces' rows in its scope).
     AND NOT EXISTS (SELECT 1 FROM final f WHERE f.indicator_id = k.indicator_id AND f.org_unit_id = k.org_unit_id AND f.period = k.period)
     AND NOT EXISTS (SELECT 1 FROM stale_keys s WHERE s.indicator_id = k.indicator_id AND s.org_unit_id = k.org_unit_id AND s.period = k.period)
     AND (k.rank, k.rank_of, k.percentile) IS DISTINCT FROM (r.rank, r.rank_of, r.percentile)
  RETURNING 1
)`;
