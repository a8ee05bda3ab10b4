import Decimal from 'decimal.js';
import type { ComparisonOp, Direction } from '../plan.types';
import { attainment, compareOp } from '../status/attainment';
import type { ChangeFigures, RankFigures, TargetFigures } from '../status/status.types';

/** See attainment.ts: exact enough quotients, rounded half away from zero. */
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

function text(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

/** An actual value against a target (the goal's or the national one): gap, attainment, met. */
export function compareWithTarget(actual: string, op: ComparisonOp, target: string, direction: Direction): TargetFigures {
  return {
    op,
    target,
    gap: text(new Exact(actual).minus(target)),
    attainment: attainment(actual, target, direction),
    met: compareOp(actual, op, target),
  };
}

/**
 * Change from an earlier value (the previous period of the same length, or the same
 * period a year earlier): absolute = value − previous, relative = absolute / |previous|
 * rounded to 4 decimals (null when previous is missing or 0). The period reported is
 * the previous value's own, else `previousPeriodCode`.
 */
export function changeFrom(value: string, previous: { period: string; value: string } | null, previousPeriodCode: string): ChangeFigures {
  if (previous === null) return { previousValue: null, previousPeriod: previousPeriodCode, absolute: null, relative: null };
  const absolute = new Exact(value).minus(previous.value);
  const base = new Exact(previous.value).abs();
  return {
    previousValue: previous.value,
    previousPeriod: previous.period,
    absolute: text(absolute),
    relative: base.isZero() ? null : text(absolute.div(base).toDecimalPlaces(4, Decimal.ROUND_HALF_UP)),
  };
}

/**
 * Ranks org units on one indicator and period with standard competition ranking
 * ("1224"): 1 = best (highest for `up`, lowest for `down`), equal values share a rank and
 * the next rank skips. percentile = 100 × (of − rank) / (of − 1), 2 decimals; 100 when
 * alone. Throws when an org appears twice, since either value could then win.
 */
export function rankAll(values: { org: string; value: string }[], direction: Direction): Map<string, RankFigures> {
  const seen = new Set<string>();
  for (const { org } of values) {
    if (seen.has(org)) throw new Error(`rankAll: org ${JSON.stringify(org)} has more than one value`);
    seen.add(org);
  }
  const sign = direction === 'up' ? -1 : 1;
  const sorted = values
    .map((v) => ({ org: v.org, value: new Decimal(v.value) }))
    .sort((a, b) => sign * a.value.cmp(b.value) || (a.org < b.org ? -1 : a.org > b.org ? 1 : 0));
  const of = sorted.length;
  const ranks = new Map<string, RankFigures>();
  let rank = 0;
  sorted.forEach((entry, i) => {
    if (i === 0 || !entry.value.eq(sorted[i - 1].value)) rank = i + 1;
    ranks.set(entry.org, rankFigures(rank, of));
  });
  return ranks;
}

/** A rank out of `of` with its percentile: 100 × (of − rank) / (of − 1), 2 decimals; 100 when alone (see {@link rankAll}). */
export function rankFigures(rank: number, of: number): RankFigures {
  const percentile =
    of === 1
      ? '100'
      : text(
          new Exact(100)
            .mul(of - rank)
            .div(of - 1)
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
        );
  return { rank, of, percentile };
}

/** The rank of one org unit among `values` (see {@link rankAll}); null when it has no value. */
export function rankAmong(values: { org: string; value: string }[], org: string, direction: Direction): RankFigures | null {
  return rankAll(values, direction).get(org) ?? null;
}
