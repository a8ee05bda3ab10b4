/**
 * How a change of an indicator and a rank among provinces read, the same on every page
 * (the web dashboard, the reports, the CLI). A rank is a place in a table: 1 is the top,
 * so a rank that goes from 7 to 3 has climbed four places ("▲4 bậc", as the DTI results
 * are reported) although the number fell. Pure.
 */
import type { Direction, IndicatorKind } from '../plan.types';
import { viNumber } from '../vi-format';

/** Whether the change is an improvement by the indicator's direction. */
export type ChangeTrend = 'better' | 'worse' | 'same';

export interface ChangeWording {
  trend: ChangeTrend;
  /** "▲4 bậc", "▼2 bậc", "không đổi" for a rank; the signed difference for other kinds: "+0,7", "−1,5". */
  text: string;
  /** The same in words, for fonts without ▲ and ▼ (the PDF's Roboto): "tăng 4 bậc", "giảm 2 bậc". */
  words: string;
}

/** A rank where 1 is the best (the DTI's, a place among provinces). */
export const RANK_MEASURE = { kind: 'rank', direction: 'down' } as const satisfies { kind: IndicatorKind; direction: Direction };

const UNCHANGED = 'không đổi';

/**
 * The change `change` (the later value minus the earlier one) of an indicator of kind
 * `kind` and direction `direction`. A rank (kind `rank`) moves in places, ▲ for a climb
 * (for a lower-is-better rank a smaller number); other kinds give the signed difference
 * with the Vietnamese decimal comma.
 */
export function describeChange(indicator: { kind: IndicatorKind; direction: Direction }, change: string | number): ChangeWording {
  const n = Number(change);
  if (n === 0) return { trend: 'same', text: UNCHANGED, words: UNCHANGED };
  const better = indicator.direction === 'down' ? n < 0 : n > 0;
  const trend: ChangeTrend = better ? 'better' : 'worse';
  const size = viNumber(Math.abs(n));
  if (indicator.kind === 'rank') {
    return { trend, text: `${better ? '▲' : '▼'}${size} bậc`, words: `${better ? 'tăng' : 'giảm'} ${size} bậc` };
  }
  const signed = `${n > 0 ? '+' : '−'}${size}`;
  return { trend, text: signed, words: signed };
}

/**
 * A rank with what it is out of, "3/63"; just "7" when the count is below the rank (a
 * published rank read from a partial table). Null when it says nothing: no rank, or a
 * rank among only one province with data ("1/1").
 */
export function rankOutOf(rank: number | null, of: number | null): string | null {
  if (rank === null) return null;
  if (of === null || of < rank) return String(rank);
  return of > 1 ? `${rank}/${of}` : null;
}
