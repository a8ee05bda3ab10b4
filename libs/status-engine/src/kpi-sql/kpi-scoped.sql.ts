import { PEER_RANKS_CTES, PROVINCE_PASS_RANK, provinceRankCtes } from './kpi-province-ranks.sql';
import { comparedCtes, OBSERVATION_COLUMNS } from './kpi-values.sql';
import { COUNTS_SELECT, finalCtes, WRITE_CTES } from './kpi-write.sql';

/**
 * What the provinces' outbox rows name: (indicator, org unit, period) `triples`, and in `whole` the (indicator, org
 * unit) pairs and whole indicators (every org unit of their province). Every period of these is read (previous and
 * year-ago values); only the affected rows are written.
 */
const SCOPE = `triples AS (SELECT * FROM unnest($7::uuid[], $8::uuid[], $9::text[]) AS t(indicator_id, org_unit_id, period)),
whole AS (
  SELECT t.indicator_id, t.org_unit_id FROM unnest($5::uuid[], $6::uuid[]) AS t(indicator_id, org_unit_id)
  UNION
  SELECT w.indicator_id, u.id FROM unnest($3::uuid[], $4::uuid[]) AS w(indicator_id, province_id) JOIN org_unit u ON u.province_id = w.province_id
),
-- Every period of the pairs is read (previous and year-ago values); only the affected rows are written.
targets AS (SELECT indicator_id, org_unit_id FROM whole UNION SELECT indicator_id, org_unit_id FROM triples),
scope AS (
  SELECT ${OBSERVATION_COLUMNS}
    FROM targets t
    JOIN observation o ON o.indicator_id = t.indicator_id AND o.org_unit_id = t.org_unit_id
    JOIN org_unit u ON u.id = o.org_unit_id AND u.province_id = ANY($2::uuid[])
    JOIN indicator i ON i.id = o.indicator_id
),`;

// The stored rows this pass answers for, found through the primary key from what changed, not by scanning the
// province's rows: any it does not write again are stale (their observation went).
const STALE_KEYS = `stale_keys AS (
  SELECT k.indicator_id, k.org_unit_id, k.period FROM whole w JOIN kpi_comparison k ON k.indicator_id = w.indicator_id AND k.org_unit_id = w.org_unit_id
  UNION
  SELECT k.indicator_id, k.org_unit_id, k.period FROM triples t
    JOIN kpi_comparison k ON k.indicator_id = t.indicator_id AND k.org_unit_id = t.org_unit_id AND k.period = t.period
),`;

/** The rows a changed value moves: its own, and the rows whose previous or year-ago period it is. */
const WRITTEN = `written AS (
  SELECT x.* FROM compared x
   WHERE EXISTS (SELECT 1 FROM whole w WHERE w.indicator_id = x.indicator_id AND w.org_unit_id = x.org_unit_id)
      OR EXISTS (SELECT 1 FROM triples t WHERE t.indicator_id = x.indicator_id AND t.org_unit_id = x.org_unit_id
                    AND t.period IN (x.period, x.previous_period, x.year_ago_period))
),`;

/**
 * A scoped pass touches a few (indicator, period) pairs: it looks each province's value up by index (an indicator
 * with commune data has ~100,000 rows to scan otherwise).
 */
const INDEXED_PEERS = `FROM pairs CROSS JOIN org_unit u
    JOIN LATERAL (SELECT * FROM observation x WHERE x.org_unit_id = u.id AND x.indicator_id = pairs.indicator_id AND x.period = pairs.period) o ON true
   WHERE u.kind = 'province'`;

/**
 * The statement of a pass over what the outbox rows of one or more provinces name (one statement in one transaction
 * for all the provinces an outbox job covers; measured, its cost is still about per province). Parameters: $1 the recompute id, $2 the provinces,
 * $3/$4 (indicator, province) of whole indicators, $5/$6 (indicator, org unit) pairs, $7/$8/$9 (indicator, org unit,
 * period) triples.
 */
export function scopedKpiSql(): string {
  return `
WITH ${SCOPE}
${STALE_KEYS}
${comparedCtes()}
${WRITTEN}
${provinceRankCtes(INDEXED_PEERS)}
${finalCtes('AND d.province_id = ANY($2::uuid[])', PROVINCE_PASS_RANK)}
${WRITE_CTES}
${PEER_RANKS_CTES}
${COUNTS_SELECT}`;
}
