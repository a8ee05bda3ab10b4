import { comparedCtes, observationScopeCte, percentile } from './kpi-values.sql';
import { COUNTS_SELECT, finalCtes, WRITE_CTES } from './kpi-write.sql';

/** A national pass ranks the provinces' own rows in the same scan as it compares periods. */
const NATIONAL_RANKS = {
  columns: `,
         -- A national pass ranks the provinces' own rows in the same scan.
         CASE WHEN x.org_kind = 'province' THEN rank() OVER r END AS rank,
         CASE WHEN x.org_kind = 'province' THEN count(*) OVER (PARTITION BY x.indicator_id, x.period, x.org_kind = 'province') END AS rank_of`,
  window: `, r AS (PARTITION BY x.indicator_id, x.period, x.org_kind = 'province' ORDER BY CASE WHEN x.direction = 'down' THEN x.v ELSE -x.v END)`,
};

/**
 * The statement of a national pass: every observation of every province, every stored comparison answered for
 * (any not written again is stale), every province's ranks written with its rows. Parameter: $1 the recompute id.
 */
export function nationalKpiSql(): string {
  return `
WITH ${observationScopeCte('')}
stale_keys AS (SELECT indicator_id, org_unit_id, period FROM kpi_comparison),
${comparedCtes(NATIONAL_RANKS)}
written AS (SELECT * FROM compared),
${finalCtes('', { columns: `x.rank::int AS rank, x.rank_of::int AS rank_of, ${percentile('x.rank', 'x.rank_of')} AS percentile`, join: '' })}
${WRITE_CTES}
peers AS (SELECT 1 WHERE FALSE)
${COUNTS_SELECT}`;
}
