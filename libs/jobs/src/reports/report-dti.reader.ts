import { DataSource } from 'typeorm';
import { DtiRepository } from '@dx/db';
import { canonicalOrNull, DTI_INDEX_NAMES, DTI_PILLAR_NAMES } from '@dx/domain';
import type { DtiFigure, DtiSection } from '@dx/reports';

type Figures = Record<string, { score: string | null; rank: number | null } | null | undefined>;

/**
 * Figures with a known score or rank, in the given order first (the year's framework, else
 * DTI_PILLAR_NAMES / DTI_INDEX_NAMES). Names outside the order follow in code-point order,
 * so the report data (and its checksum) never depend on how a JSON object was stored.
 */
function orderedFigures(figures: Figures | undefined, order: readonly string[]): DtiFigure[] {
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return Object.entries(figures ?? {})
    .map(([name, f]) => ({ name, score: canonicalOrNull(f?.score), rank: typeof f?.rank === 'number' ? f.rank : null }))
    .filter((f) => f.score !== null || f.rank !== null)
    .sort((a, b) => position(a.name) - position(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A province's DTI section for a report: its latest provinces' table up to `year`, as the
 * API's DTI history gives it (changes against the year before, scores compared only where
 * the framework's crosswalk allows, pillars and main indices by the framework's names, the
 * entries ranked up to two places away), and the years up to it. Null when no such year
 * mentions the province.
 */
export async function readReportDti(ds: DataSource, provinceId: string, year: number): Promise<DtiSection | null> {
  const repo = new DtiRepository(ds);
  const years = (await repo.history(provinceId)).filter((y) => y.year <= year).sort((a, b) => a.year - b.year);
  const latest = years.at(-1);
  if (!latest) return null;
  const [{ code }] = await ds.query(`SELECT code FROM org_unit WHERE id = $1`, [provinceId]);
  const framework = await repo.framework(latest.year, 'provinces');
  const pillarOrder = framework?.pillars.length ? framework.pillars.map((p) => p.name) : DTI_PILLAR_NAMES;
  const indexOrder = framework?.indices.length ? framework.indices.map((p) => p.name) : DTI_INDEX_NAMES;
  return {
    year: latest.year,
    score: canonicalOrNull(latest.score),
    rank: latest.rank,
    rankGiven: latest.rankGiven,
    total: latest.total,
    scoreChange: canonicalOrNull(latest.scoreChange),
    rankChange: latest.rankChange,
    pillars: orderedFigures(latest.pillars, pillarOrder),
    indices: orderedFigures(latest.indices, indexOrder),
    peers: [...latest.peers]
      .sort((a, b) => a.rank! - b.rank! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => ({ name: p.name, province: p.province, rank: p.rank!, score: canonicalOrNull(p.score), self: p.province === code })),
    history: years.map((y) => ({ year: y.year, score: canonicalOrNull(y.score), rank: y.rank, total: y.total })),
  };
}
