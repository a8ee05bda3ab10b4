import { DataSource, EntityManager } from 'typeorm';
import { dtiFigureOf, DtiResultFigures, parseDtiFigure, rankFigures, RankFigures } from '@dx/domain';
import { provinceReference } from '../orgs/province-reference.loader';

/** A province's figure in a year's DTI table, matched to one of ours (`orgUnitId`) or not. */
export interface DtiProvinceFigure {
  orgUnitId: string | null;
  /** As the table gives them. */
  code: string | null;
  name: string;
  /** The indicator's value: the part's rank or score. */
  value: string | null;
  /** The part's rank as published (or computed from the scores at import). */
  rank: number | null;
}

/**
 * What a year's DTI ranks are out of: every province on that year's map (63 until
 * 30 June 2025), or the ranked entries when a table somehow holds more.
 */
export function dtiRankTotal(ranked: number, year: number): number {
  return Math.max(ranked, provinceReference().mapOn(`${year}-12-31`).length);
}

/**
 * The provinces' figure `dtiFigure` ("rank", "government.score", …) in the year's table,
 * every row of it, and what a rank is out of; null when no table of that year is stored.
 * The one place an indicator fed from the DTI reads its values by province.
 */
export async function readDtiFigures(
  m: EntityManager,
  dtiFigure: string,
  year: number,
): Promise<{ rows: DtiProvinceFigure[]; total: number } | null> {
  const figure = parseDtiFigure(dtiFigure);
  if (!figure) return null;
  const results: (DtiResultFigures & { org_unit_id: string | null; code: string | null; name: string })[] = await m.query(
    `SELECT org_unit_id, code, name, score::text AS score, rank, pillars, indices FROM dti_result
      WHERE "group" = 'provinces' AND year = $1 ORDER BY rank NULLS LAST, name_key`,
    [year],
  );
  if (results.length === 0) return null;
  const rows = results.map((r) => ({ orgUnitId: r.org_unit_id, code: r.code, name: r.name, ...dtiFigureOf(figure, r) }));
  return { rows, total: dtiRankTotal(rows.filter((r) => r.rank !== null).length, year) };
}

/**
 * A province's rank among provinces for indicators fed from the DTI, by
 * `${dtiFigure}|${year}`: the table's rank of that part out of the provinces on the year's
 * map, as the DTI pages and the comparison by province give it, not its place among the
 * provinces of this database with a value. Years whose table does not rank the province
 * are left out.
 */
export async function readProvinceDtiRanks(
  db: DataSource | EntityManager,
  provinceId: string,
  wanted: { dtiFigure: string; year: number }[],
): Promise<Map<string, RankFigures>> {
  const out = new Map<string, RankFigures>();
  if (wanted.length === 0) return out;
  const rows: (DtiResultFigures & { org_unit_id: string | null; year: number })[] = await db.query(
    `SELECT org_unit_id, year, score::text AS score, rank, pillars, indices FROM dti_result WHERE "group" = 'provinces' AND year = ANY($1::int[])`,
    [[...new Set(wanted.map((w) => w.year))]],
  );
  for (const { dtiFigure, year } of wanted) {
    const figure = parseDtiFigure(dtiFigure);
    const table = rows.filter((r) => r.year === year);
    const own = table.find((r) => r.org_unit_id === provinceId);
    const rank = figure && own ? dtiFigureOf(figure, own).rank : null;
    if (rank === null) continue;
    const ranked = table.filter((r) => dtiFigureOf(figure!, r).rank !== null).length;
    out.set(`${dtiFigure}|${year}`, rankFigures(rank, dtiRankTotal(ranked, year)));
  }
  return out;
}
