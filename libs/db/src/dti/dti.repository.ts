import { DataSource } from 'typeorm';
import { canonicalOrNull, dtiMovers } from '../../../domain/src';

export interface DtiRow {
  name: string;
  code: string | null;
  province: string | null;
  score: string | null;
  rank: number | null;
  rankGiven: boolean;
  pillars: Record<string, { score: string | null; rank: number | null }>;
  previous: { score: string | null; rank: number | null } | null;
  scoreChange: string | null;
  rankChange: number | null;
}

/** DTI tables as stored: a year's ranking with the change against the year before, a province's history, movers. */
export class DtiRepository {
  constructor(private readonly ds: DataSource) {}

  async ranking(year: number, group: string): Promise<DtiRow[]> {
    const rows = await this.ds.query(
      `SELECT r.name, r.code, p.code AS province, r.score::text AS score, r.rank, r.rank_given AS "rankGiven", r.pillars,
              prev.score::text AS prev_score, prev.rank AS prev_rank
         FROM dti_result r LEFT JOIN org_unit p ON p.id = r.org_unit_id
         LEFT JOIN dti_result prev ON prev.year = r.year - 1 AND prev."group" = r."group" AND prev.name_key = r.name_key
        WHERE r.year = $1 AND r."group" = $2
        ORDER BY r.rank NULLS LAST, r.score DESC NULLS LAST, r.name_key`,
      [year, group],
    );
    return rows.map(({ prev_score, prev_rank, ...r }: Record<string, any>) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      ...r,
      score: canonicalOrNull(r.score),
      previous: prev_score === null && prev_rank === null ? null : { score: canonicalOrNull(prev_score), rank: prev_rank },
      scoreChange: r.score !== null && prev_score !== null ? canonicalOrNull((Number(r.score) - Number(prev_score)).toFixed(4)) : null,
      rankChange: r.rank !== null && prev_rank !== null ? prev_rank - r.rank : null,
    }));
  }

  async history(provinceId: string) {
    const rows = await this.ds.query(
      `SELECT year, score::text AS score, rank, rank_given AS "rankGiven", pillars FROM dti_result
        WHERE org_unit_id = $1 AND "group" = 'provinces' ORDER BY year`,
      [provinceId],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...r, score: canonicalOrNull(r.score) }));
  }

  /** Largest rises and falls against the year before, matched by name key (tables spell names differently). */
  async movers(year: number, group: string, limit: number) {
    const ranks = async (y: number) =>
      (await this.ds.query(`SELECT name, name_key, rank FROM dti_result WHERE year = $1 AND "group" = $2 AND rank IS NOT NULL`, [y, group])) as {
        name: string; name_key: string; rank: number;
      }[];
    const now = await ranks(year);
    const before = await ranks(year - 1);
    const nameOf = new Map(now.map((r) => [r.name_key, r.name]));
    const { risers, fallers } = dtiMovers(new Map(now.map((r) => [r.name_key, r.rank])), new Map(before.map((r) => [r.name_key, r.rank])), limit);
    const named = (m: { key: string; rank: number; previousRank: number; change: number }) => ({ name: nameOf.get(m.key)!, rank: m.rank, previousRank: m.previousRank, change: m.change });
    return { year, group, risers: risers.map(named), fallers: fallers.map(named) };
  }
}
