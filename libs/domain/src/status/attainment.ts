import Decimal from 'decimal.js';
import type { ComparisonOp, Direction } from '../plan.types';
import type { AttainmentColour } from './status.types';

/**
 * Quotients are taken at 64 significant digits and then rounded half away from zero,
 * whatever the global decimal.js settings are: values carry at most 15 significant
 * digits, so 64 leaves no double-rounding error at the 4 decimals kept.
 */
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });

/** Attainment above this is shown as this (docs/status-rules.md: "Shown capped at 1.5"). */
export const ATTAINMENT_DISPLAY_CAP = '1.5';

const GREEN_FROM = '1';
const AMBER_FROM = '0.9';

function text(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

/**
 * Attainment of a target: actual / target when higher is better (`up`), target / actual
 * when lower is better (`down`, e.g. a rank). Rounded to 4 decimals, not capped; null
 * when the divisor is 0.
 */
export function attainment(actual: string, target: string, direction: Direction): string | null {
  const [dividend, divisor] = direction === 'up' ? [actual, target] : [target, actual];
  const d = new Exact(divisor);
  if (d.isZero()) return null;
  return text(new Exact(dividend).div(d).toDecimalPlaces(4, Decimal.ROUND_HALF_UP));
}

/** Attainment as displayed: capped at {@link ATTAINMENT_DISPLAY_CAP}. */
export function displayAttainment(a: string | null): string | null {
  if (a === null) return null;
  return new Decimal(a).gt(ATTAINMENT_DISPLAY_CAP) ? ATTAINMENT_DISPLAY_CAP : a;
}

/** green from 1.0, amber from 0.9, red below; null without an attainment. */
export function attainmentColour(a: string | null): AttainmentColour | null {
  if (a === null) return null;
  const d = new Decimal(a);
  if (d.gte(GREEN_FROM)) return 'green';
  if (d.gte(AMBER_FROM)) return 'amber';
  return 'red';
}

/** Whether `actual op target` holds, compared exactly as decimals (`81.0 = 81`). */
export function compareOp(actual: string, op: ComparisonOp, target: string): boolean {
  const c = new Decimal(actual).cmp(target);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '=':
      return c === 0;
  }
}
