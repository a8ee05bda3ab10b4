/**
 * The DTI ranking page's table, as pure functions (tested without a browser): which pillar columns a year's table
 * has, how a rank reads when others share it, how the rows sort by a column.
 */
import type { DtiFigure, DtiRankingRow } from '@dx/domain';
import { DTI_PILLAR_NAMES } from '@dx/domain';

/** A sortable column: rank, name, overall score, change of rank, or a pillar's score (`pillar:<name>`). */
export type SortKey = 'rank' | 'name' | 'score' | 'change' | `pillar:${string}`;
export type SortDirection = 'ascending' | 'descending';

const known = (f: DtiFigure | undefined) => !!f && (f.score !== null || f.rank !== null);

/** The pillars any row of the table has a figure for, in the methodology's order (others after, by name). */
export function pillarNames(rows: DtiRankingRow[]): string[] {
  const names = new Set(rows.flatMap((r) => Object.keys(r.pillars).filter((n) => known(r.pillars[n]))));
  const at = (name: string) => (DTI_PILLAR_NAMES.includes(name) ? DTI_PILLAR_NAMES.indexOf(name) : DTI_PILLAR_NAMES.length);
  return [...names].sort((a, b) => at(a) - at(b) || a.localeCompare(b, 'vi'));
}

/** "3", or "3 (đồng hạng)" when another row has the same rank; "—" for an unranked row. */
export function rankLabel(rank: number | null, rows: DtiRankingRow[]): string {
  if (rank === null) return '—';
  return rows.filter((r) => r.rank === rank).length > 1 ? `${rank} (đồng hạng)` : String(rank);
}

/** The value a row sorts by in a column; null sorts last whichever the direction. */
function sortValue(row: DtiRankingRow, key: SortKey): number | string | null {
  if (key === 'name') return row.name;
  if (key === 'rank') return row.rank;
  if (key === 'change') return row.rankChange;
  const score = key === 'score' ? row.score : (row.pillars[key.slice('pillar:'.length)]?.score ?? null);
  return score === null ? null : Number(score);
}

/** The rows sorted by `key` in `direction`, rows without a value last, equal values by rank and then name. */
export function sortRows(rows: DtiRankingRow[], key: SortKey, direction: SortDirection): DtiRankingRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byRankThenName = (a: DtiRankingRow, b: DtiRankingRow) =>
    (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'vi');
  return [...rows].sort((a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === null || y === null) return x === y ? byRankThenName(a, b) : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - Number(y);
    return sign * order || byRankThenName(a, b);
  });
}

/** The direction a column sorts in when first chosen: best first (lowest rank, highest score, largest rise), names A–Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'rank' || key === 'name' ? 'ascending' : 'descending';
}

/** The largest rise and the largest fall of rank against the year before, when any row moved. */
export function biggestMoves(rows: DtiRankingRow[]): { riser: DtiRankingRow | null; faller: DtiRankingRow | null } {
  const moved = rows.filter((r) => r.rankChange !== null && r.rankChange !== 0);
  const best = (sign: number) =>
    moved
      .filter((r) => sign * r.rankChange! > 0)
      .sort((a, b) => sign * (b.rankChange! - a.rankChange!) || (a.rank ?? 0) - (b.rank ?? 0))[0] ?? null;
  return { riser: best(1), faller: best(-1) };
}
