import { DataSource } from 'typeorm';
import { DtiRepository } from '@dx/db';
import { canonicalOrNull, DTI_PILLARS } from '@dx/domain';
import type { DtiFigure, DtiSection } from '@dx/reports';

type Figures = Record<string, { score: string | null; rank: number | null } | null | undefined>;

/**
 * The order of the provincial DTI's parts when the year's framework is not recorded (DTI
 * cấp tỉnh 2022: 3 trụ cột, 9 chỉ số chính). Names outside the order follow in code-point
 * order, so the report data (and its checksum) never depend on how a JSON object was stored.
 */
const DTI_PILLAR_ORDER = DTI_PILLARS.map((p) => p.name);
const DTI_INDEX_ORDER = [
  'Nhận thức số',
  'Thể chế số',
  'Hạ tầng số',
  'Nhân lực số',
  'An toàn thông tin mạng',
  'Đô thị thông minh',
  'Hoạt động chính quyền số',
  'Hoạt động kinh tế số',
  'Hoạt động xã hội số',
];

/** Figures with a known score or rank, in the given order first, then by name. */
function orderedFigures(figures: Figures | undefined, order: string[]): DtiFigure[] {
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
  const pillarOrder = framework?.pillars.length ? framework.pillars.map((p) => p.name) : DTI_PILLAR_ORDER;
  const indexOrder = framework?.indices.length ? framework.indices.map((p) => p.name) : DTI_INDEX_ORDER;
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
