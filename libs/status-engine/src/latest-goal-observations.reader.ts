import { EntityManager } from 'typeorm';

/** Usable as in actualValue: a value, or for ratio and percent indicators a numerator over a positive denominator. */
const USABLE = `(o.value IS NOT NULL OR (i.kind IN ('ratio', 'percent') AND o.numerator IS NOT NULL AND o.denominator > 0))`;

/**
 * Goals are evaluated for the province itself, at the as-of date and at each claim's date, on the latest usable
 * observation (docs/status-rules.md): of its own observations of goal indicators, only those with the latest usable
 * period end on or before one of those dates can be chosen, so only they are loaded (ties are left to the rules),
 * each found by a backward index scan. Usable as in actualValue: a value, or for ratio and percent indicators a
 * numerator over a positive denominator.
 */
export function readLatestGoalObservations(m: EntityManager, provinceIds: string[], asOf: string): Promise<Record<string, unknown>[]> {
  return m.query(
    `WITH dates AS (
       SELECT p.id AS province_id, $2::date AS d FROM unnest($1::uuid[]) AS p(id)
       UNION
       SELECT d.province_id, c.as_of FROM reported_claim c JOIN document d ON d.id = c.document_id WHERE d.province_id = ANY($1::uuid[])
     ),
     wanted AS (
       SELECT DISTINCT d.province_id, g.indicator_id FROM goal g JOIN document d ON d.id = g.document_id
        WHERE d.province_id = ANY($1::uuid[]) AND g.indicator_id IS NOT NULL
     ),
     latest AS (
       SELECT DISTINCT w.province_id, w.indicator_id, l.period_end
         FROM wanted w
         JOIN dates ON dates.province_id = w.province_id
         JOIN indicator i ON i.id = w.indicator_id
         CROSS JOIN LATERAL (
           SELECT o.period_end FROM observation o
            WHERE o.indicator_id = w.indicator_id AND o.org_unit_id = w.province_id AND o.period_end <= dates.d AND ${USABLE}
            ORDER BY o.period_end DESC LIMIT 1
         ) l
     )
     SELECT o.org_unit_id AS "provinceId", o.indicator_id AS "indicatorId", o.org_unit_id AS "orgUnitId", o.period,
            o.period_kind AS "periodKind", o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value,
            o.numerator::text AS numerator, o.denominator::text AS denominator, o.source
       FROM latest l
       JOIN observation o ON o.indicator_id = l.indicator_id AND o.org_unit_id = l.province_id AND o.period_end = l.period_end
       JOIN indicator i ON i.id = o.indicator_id
      WHERE ${USABLE}
      ORDER BY o.org_unit_id, o.indicator_id, o.period, o.source COLLATE "C" NULLS LAST`,
    [provinceIds, asOf],
  );
}
