/**
 * DTI results (the national digital-transformation index): matching names as tables
 * spell them, ranks from scores with ties, and movers between years. Pure.
 */

/** A province or ministry name as a key: lower case, no diacritics, no "tỉnh"/"thành phố"/"TP." prefix, single spaces. */
export function dtiNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp)\s+/, '');
}

export interface DtiEntry {
  key: string;
  score: string | null;
  /** As published; null when the table gives only a score. */
  rank: number | null;
}

/**
 * The rank of each entry: as published when every entry has one, else computed from the
 * scores by competition ranking (equal scores share a rank, the next rank skips); an
 * entry with neither stays unranked.
 */
export function dtiRanks(entries: DtiEntry[]): Map<string, { rank: number | null; given: boolean }> {
  const result = new Map<string, { rank: number | null; given: boolean }>();
  const scored = entries.filter((e) => e.rank === null && e.score !== null).sort((a, b) => Number(b.score) - Number(a.score));
  for (const e of entries) if (e.rank !== null) result.set(e.key, { rank: e.rank, given: true });
  scored.forEach((e, i) => {
    const rank = i > 0 && Number(scored[i - 1].score) === Number(e.score) ? result.get(scored[i - 1].key)!.rank! : i + 1;
    result.set(e.key, { rank, given: false });
  });
  for (const e of entries) if (!result.has(e.key)) result.set(e.key, { rank: null, given: false });
  return result;
}

export interface DtiMove {
  key: string;
  rank: number;
  previousRank: number;
  /** Places gained: positive is up. */
  change: number;
}

/** Entries ranked in both years, largest rises first and largest falls first (`limit` each). */
export function dtiMovers(
  current: Map<string, number>,
  previous: Map<string, number>,
  limit = 5,
): { risers: DtiMove[]; fallers: DtiMove[] } {
  const moves: DtiMove[] = [];
  for (const [key, rank] of current) {
    const before = previous.get(key);
    if (before !== undefined) moves.push({ key, rank, previousRank: before, change: before - rank });
  }
  const byKey = (a: DtiMove, b: DtiMove) => a.key.localeCompare(b.key);
  return {
    risers: moves
      .filter((m) => m.change > 0)
      .sort((a, b) => b.change - a.change || a.rank - b.rank || byKey(a, b))
      .slice(0, limit),
    fallers: moves
      .filter((m) => m.change < 0)
      .sort((a, b) => a.change - b.change || a.rank - b.rank || byKey(a, b))
      .slice(0, limit),
  };
}
