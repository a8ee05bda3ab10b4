import { DataSource } from 'typeorm';
import { canonicalOrNull, comparablePart, DTI_TOTAL, DtiFigure, DtiFramework, dtiMovers, dtiPartName, DtiRankingRow } from '@dx/domain';
import { dtiRankTotal } from './dti-figures.reader';
import { DtiFrameworkRepository } from './dti-framework.repository';

type Figures = Record<string, { score: string | null; rank: number | null }>;

interface StoredRow {
  year: number;
  name: string;
  name_key: string;
  code: string | null;
  province: string | null;
  org_unit_id: string | null;
  score: string | null;
  rank: number | null;
  rank_given: boolean;
  pillars: Figures;
  indices: Figures;
}

/** Shared with the web (the DTI history's figures), so declared in libs/domain. */
export type { DtiFigure };

/** A row of a year's table, as the web reads it (declared in libs/domain). */
export type DtiRow = DtiRankingRow;

const PEER_SPAN = 2;

/** DTI tables as stored: a year's ranking with the change against the year before, a province's history with peers, movers. */
export class DtiRepository {
  private readonly frameworks: DtiFrameworkRepository;

  constructor(private readonly ds: DataSource) {
    this.frameworks = new DtiFrameworkRepository(ds.manager);
  }

  private async rows(group: string, years: number[]): Promise<StoredRow[]> {
    return this.ds.query(
      `SELECT r.year, r.name, r.name_key, r.code, p.code AS province, r.org_unit_id, r.score::text AS score, r.rank, r.rank_given,
              r.pillars, r.indices
         FROM dti_result r LEFT JOIN org_unit p ON p.id = r.org_unit_id
        WHERE r."group" = $1 AND r.year = ANY($2::int[])
        ORDER BY r.rank NULLS LAST, r.score DESC NULLS LAST, r.name_key`,
      [group, years],
    );
  }

  /**
   * A year's rows with their changes against the year before (scores compared only through
   * the framework's crosswalk), from `all`: stored rows holding at least that year and the one before.
   */
  private table(year: number, all: StoredRow[], frameworks: Map<number, DtiFramework>): DtiRow[] {
    const framework = frameworks.get(year) ?? null;
    const before = new Map(all.filter((r) => r.year === year - 1).map((r) => [r.name_key, r]));
    const change = (
      part: string,
      now: { score: string | null; rank: number | null } | undefined,
      prev: { score: string | null; rank: number | null } | undefined,
    ): DtiFigure => {
      const score = canonicalOrNull(now?.score ?? null);
      const rank = now?.rank ?? null;
      const from = comparablePart(framework, year - 1, part);
      const prevScore = canonicalOrNull(prev?.score ?? null);
      return {
        score,
        rank,
        rankChange: rank !== null && prev?.rank != null ? prev.rank - rank : null,
        scoreChange:
          from !== null && score !== null && prevScore !== null ? canonicalOrNull((Number(score) - Number(prevScore)).toFixed(4)) : null,
      };
    };
    return all
      .filter((r) => r.year === year)
      .map((r) => {
        const prev = before.get(r.name_key);
        const figures = (own: Figures, earlier: Figures | undefined) =>
          Object.fromEntries(
            Object.entries(own).map(([code, f]) => {
              const from = comparablePart(framework, year - 1, code) ?? code;
              return [dtiPartName(framework, code), change(code, f, earlier?.[from])];
            }),
          );
        return {
          name: r.name,
          code: r.code,
          province: r.province,
          rankGiven: r.rank_given,
          ...change(DTI_TOTAL, r, prev),
          previous: prev ? { score: canonicalOrNull(prev.score), rank: prev.rank } : null,
          pillars: figures(r.pillars, prev?.pillars),
          indices: figures(r.indices, prev?.indices),
        };
      });
  }

  async ranking(year: number, group: string): Promise<DtiRow[]> {
    return this.table(year, await this.rows(group, [year, year - 1]), await this.frameworks.forGroup(group));
  }

  /**
   * A province's DTI years: its figures and changes, how many were ranked that year, and
   * its peers (those ranked up to two places above and below it, itself included).
   */
  async history(provinceId: string) {
    const years: { year: number }[] = await this.ds.query(
      `SELECT year FROM dti_result WHERE org_unit_id = $1 AND "group" = 'provinces' ORDER BY year`,
      [provinceId],
    );
    const frameworks = await this.frameworks.forGroup('provinces');
    const [{ code } = { code: null }] = await this.ds.query(`SELECT code FROM org_unit WHERE id = $1`, [provinceId]);
    // Every year's table and the year before each, in one read.
    const stored = await this.rows('provinces', [...new Set(years.flatMap(({ year }) => [year, year - 1]))]);
    const out = [];
    for (const { year } of years) {
      const table = this.table(year, stored, frameworks);
      const own = table.find((r) => r.province === code)!;
      const ranked = table.filter((r) => r.rank !== null);
      // Out of every province on that year's map, when the table holds only some of them.
      const total = dtiRankTotal(ranked.length, year);
      const peers = own.rank === null ? [] : ranked.filter((r) => Math.abs(r.rank! - own.rank!) <= PEER_SPAN);
      const framework = frameworks.get(year) ?? null;
      out.push({
        year,
        score: own.score,
        rank: own.rank,
        rankGiven: own.rankGiven,
        scoreChange: own.scoreChange,
        rankChange: own.rankChange,
        total,
        framework: framework && { components: framework.components, pillars: framework.pillars.length, indices: framework.indices.length },
        pillars: own.pillars,
        indices: own.indices,
        peers: peers.map((p) => ({ name: p.name, province: p.province, rank: p.rank, score: p.score })),
      });
    }
    return out;
  }

  /** Largest rises and falls against the year before, matched by name key (tables spell names differently). */
  async movers(year: number, group: string, limit: number) {
    const rows = await this.rows(group, [year, year - 1]);
    const ranks = (y: number) => new Map(rows.filter((r) => r.year === y && r.rank !== null).map((r) => [r.name_key, r.rank!]));
    const nameOf = new Map(rows.filter((r) => r.year === year).map((r) => [r.name_key, r.name]));
    const { risers, fallers } = dtiMovers(ranks(year), ranks(year - 1), limit);
    const named = (m: { key: string; rank: number; previousRank: number; change: number }) => ({
      name: nameOf.get(m.key)!,
      rank: m.rank,
      previousRank: m.previousRank,
      change: m.change,
    });
    return { year, group, risers: risers.map(named), fallers: fallers.map(named) };
  }

  async framework(year: number, group: string): Promise<DtiFramework | null> {
    return this.frameworks.find(year, group);
  }
}
