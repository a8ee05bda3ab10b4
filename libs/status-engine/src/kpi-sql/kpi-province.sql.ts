import { PEER_RANKS_CTES, PROVINCE_PASS_RANK, provinceRankCtes } from './kpi-province-ranks.sql';
import { comparedCtes, observationScopeCte } from './kpi-values.sql';
import { COUNTS_SELECT, finalCtes, WRITE_CTES } from './kpi-write.sql';

/** A whole-province pass joins the other provinces' observations of its (indicator, period) pairs in bulk. */
const BULK_PEERS = `FROM observation o
    JOIN pairs ON pairs.indicator_id = o.indicator_id AND pairs.period = o.period
    JOIN org_unit u ON u.id = o.org_unit_id AND u.kind = 'province'`;

/**
 * The statement of a pass over one whole province: every observation of the province, every stored comparison of
 * the province answered for, and the other provinces' ranks where its own values moved.
 * Parameters: $1 the recompute id, $2 the province (an array of one).
 */
export function provinceKpiSql(): string {
  return `
WITH ${observationScopeCte('WHERE u.province_id = ANY($2::uuid[])')}
stale_keys AS (SELECT indicator_id, org_unit_id, period FROM kpi_comparison WHERE province_id = ANY($2::uuid[])),
${comparedCtes()}
written AS (SELECT * FROM compared),
${provinceRankCtes(BULK_PEERS)}
${finalCtes('AND d.province_id = ANY($2::uuid[])', PROVINCE_PASS_RANK)}
${WRITE_CTES}
${PEER_RANKS_CTES}
${COUNTS_SELECT}`;
}
