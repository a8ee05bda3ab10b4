import type { DtiRankingRow } from '@dx/domain';
import { biggestMoves, firstDirection, pillarNames, rankLabel, sortRows } from '@dx/web/dti-ranking-table';

const figure = (score: string | null, rank: number | null, rankChange: number | null = null) => ({
  score,
  rank,
  rankChange,
  scoreChange: null,
});

function row(
  name: string,
  score: string | null,
  rank: number | null,
  rankChange: number | null,
  pillars: Record<string, string> = {},
): DtiRankingRow {
  return {
    name,
    code: null,
    province: null,
    rankGiven: true,
    ...figure(score, rank, rankChange),
    previous: rankChange === null ? null : { score: null, rank: rank! + rankChange },
    pillars: Object.fromEntries(Object.entries(pillars).map(([n, s]) => [n, figure(s, null)])),
    indices: {},
  };
}

const ROWS = [
  row('Quảng Ninh', '0.7024', 3, 4, { 'Chính quyền số': '0.7804', 'Kinh tế số': '0.7187' }),
  row('Đà Nẵng', '0.8002', 1, 0, { 'Kinh tế số': '0.6' }),
  row('Bắc Ninh', '0.7024', 3, -2),
  row('Hà Nội', '0.7163', 2, null),
  row('Âm Lịch', null, null, null),
];
const names = (rows: DtiRankingRow[]) => rows.map((r) => r.name);

describe('the DTI ranking table (apps/web/src/dti-ranking-table.ts)', () => {
  it('marks a shared rank as "đồng hạng" and a missing one as a dash', () => {
    expect(rankLabel(3, ROWS)).toBe('3 (đồng hạng)');
    expect(rankLabel(1, ROWS)).toBe('1');
    expect(rankLabel(null, ROWS)).toBe('—');
  });

  it('lists the pillars any row has, in the methodology order', () => {
    expect(pillarNames(ROWS)).toEqual(['Chính quyền số', 'Kinh tế số']);
  });

  it('sorts by rank, name, score, change and a pillar, rows without a value last in either direction', () => {
    expect(names(sortRows(ROWS, 'rank', 'ascending'))).toEqual(['Đà Nẵng', 'Hà Nội', 'Bắc Ninh', 'Quảng Ninh', 'Âm Lịch']);
    expect(names(sortRows(ROWS, 'rank', 'descending'))).toEqual(['Bắc Ninh', 'Quảng Ninh', 'Hà Nội', 'Đà Nẵng', 'Âm Lịch']);
    expect(names(sortRows(ROWS, 'name', 'ascending'))).toEqual(['Âm Lịch', 'Bắc Ninh', 'Đà Nẵng', 'Hà Nội', 'Quảng Ninh']);
    expect(names(sortRows(ROWS, 'score', 'descending'))).toEqual(['Đà Nẵng', 'Hà Nội', 'Bắc Ninh', 'Quảng Ninh', 'Âm Lịch']);
    expect(names(sortRows(ROWS, 'change', 'descending'))).toEqual(['Quảng Ninh', 'Đà Nẵng', 'Bắc Ninh', 'Hà Nội', 'Âm Lịch']);
    expect(names(sortRows(ROWS, 'pillar:Kinh tế số', 'ascending')).slice(0, 2)).toEqual(['Đà Nẵng', 'Quảng Ninh']);
    expect(firstDirection('rank')).toBe('ascending');
    expect(firstDirection('score')).toBe('descending');
  });

  it('finds the largest rise and fall', () => {
    const { riser, faller } = biggestMoves(ROWS);
    expect([riser?.name, faller?.name]).toEqual(['Quảng Ninh', 'Bắc Ninh']);
    expect(biggestMoves([ROWS[1], ROWS[3]])).toEqual({ riser: null, faller: null });
  });
});
