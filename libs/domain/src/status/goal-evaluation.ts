import Decimal from 'decimal.js';
import { daysBetween } from '../iso-date';
import { attainment, attainmentColour, compareOp, displayAttainment } from './attainment';
import type { GoalEvaluation, GoalInput, GoalStatus, IndicatorInput, ObservationInput } from './status.types';
import { hasEvidence } from './task-flags';

/** See attainment.ts: exact enough quotients, rounded half away from zero. */
const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP });
/** Computed values (ratios, the expected path) keep 6 decimals. */
const VALUE_DP = 6;

function text(d: Decimal): string {
  return d.isZero() ? '0' : d.toFixed();
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function compareDecimal(a: string | null, b: string | null): number {
  if (a === null || b === null) return compareText(a, b);
  return new Decimal(a).cmp(b) || compareText(a, b);
}

/**
 * Orders candidates for "the latest observation": later period end first, then later
 * start (the shorter, more recent period: 2023-12 before 2023-Q4 before 2023), then
 * source ascending with null last, then value ascending with null last, then the
 * remaining fields, so the choice never depends on array order.
 */
function latestFirst(a: ObservationInput, b: ObservationInput): number {
  return (
    compareText(b.periodEnd, a.periodEnd) ||
    compareText(b.periodStart, a.periodStart) ||
    compareText(a.source, b.source) ||
    compareDecimal(a.value, b.value) ||
    compareDecimal(a.numerator, b.numerator) ||
    compareDecimal(a.denominator, b.denominator) ||
    compareText(a.period, b.period) ||
    compareText(a.periodKind, b.periodKind)
  );
}

/** The observation with the latest period end on or before `asOf`; null when there is none. */
export function latestObservation(observations: ObservationInput[], asOf: string): ObservationInput | null {
  let best: ObservationInput | null = null;
  for (const o of observations) {
    if (o.periodEnd > asOf) continue;
    if (best === null || latestFirst(o, best) < 0) best = o;
  }
  return best;
}

function quotient(numerator: string | null, denominator: string | null, scale: string): string | null {
  if (numerator === null || denominator === null || !new Decimal(denominator).gt(0)) return null;
  return text(new Exact(numerator).div(denominator).mul(scale).toDecimalPlaces(VALUE_DP, Decimal.ROUND_HALF_UP));
}

/**
 * The value an observation stands for. Ratio indicators: numerator / denominator × scale
 * when both are known and the denominator is positive, else the stored value. Percent
 * indicators without a stored value: numerator / denominator × 100. Others: the value.
 * Computed values are rounded to 6 decimals.
 */
export function actualValue(indicator: IndicatorInput, o: ObservationInput): string | null {
  if (indicator.kind === 'ratio') return quotient(o.numerator, o.denominator, indicator.scale ?? '1') ?? o.value;
  if (o.value === null && indicator.kind === 'percent') return quotient(o.numerator, o.denominator, '100');
  return o.value;
}

const EMPTY = {
  actual: null,
  actualPeriod: null,
  expected: null,
  attainment: null,
  attainmentDisplay: null,
  colour: null,
  unverified: false,
} as const;

/**
 * Status of a goal at the as-of date (docs/status-rules.md, "Goals").
 * Observations are those of the goal's indicator and org unit, in any order.
 */
export function evaluateGoal(
  goal: GoalInput,
  indicator: IndicatorInput | null,
  observations: ObservationInput[],
  asOf: string,
): GoalEvaluation {
  if (goal.kind === 'milestone') return evaluateMilestone(goal, asOf);
  if (indicator === null || goal.targetOp === null || goal.targetValue === null) return { status: 'no_data', ...EMPTY };

  // An observation without a usable value (no value, no numerator/denominator) is not data.
  const usable = observations.filter((o) => actualValue(indicator, o) !== null);
  const latest = latestObservation(usable, asOf);
  if (latest === null) return { status: 'no_data', ...EMPTY };

  const actual = actualValue(indicator, latest)!;
  const expected = expectedValue(goal, asOf);
  const a = attainment(actual, goal.targetValue, indicator.direction);
  let status: GoalStatus;
  if (compareOp(actual, goal.targetOp, goal.targetValue)) status = 'met';
  else if (asOf > goal.due) status = 'not_met';
  else if (expected === null) status = 'in_progress';
  else status = reachedExpected(actual, expected, goal, indicator) ? 'on_track' : 'at_risk';

  return {
    status,
    actual,
    actualPeriod: latest.period,
    expected,
    attainment: a,
    attainmentDisplay: displayAttainment(a),
    colour: attainmentColour(a),
    unverified: false,
  };
}

/**
 * The linear path from the baseline (value at its date) to the target (value at the due
 * date), read at the as-of date and clamped to the path's ends; null without a baseline
 * or when the due date is not after the baseline date.
 */
function expectedValue(goal: GoalInput, asOf: string): string | null {
  if (goal.baselineValue === null || goal.baselineDate === null || goal.targetValue === null) return null;
  const span = daysBetween(goal.baselineDate, goal.due);
  if (span <= 0) return null;
  const elapsed = Math.min(Math.max(daysBetween(goal.baselineDate, asOf), 0), span);
  const baseline = new Exact(goal.baselineValue);
  const expected = baseline.plus(new Exact(goal.targetValue).minus(baseline).mul(elapsed).div(span));
  return text(expected.toDecimalPlaces(VALUE_DP, Decimal.ROUND_HALF_UP));
}

/** Has the actual reached the expected value in the goal's better direction? */
function reachedExpected(actual: string, expected: string, goal: GoalInput, indicator: IndicatorInput): boolean {
  const op = goal.targetOp;
  const higherIsBetter = op === '>=' || op === '>' || (op === '=' && indicator.direction === 'up');
  return higherIsBetter ? compareOp(actual, '>=', expected) : compareOp(actual, '<=', expected);
}

/**
 * Milestone: met with evidence (number and date), or when reported met; met without
 * evidence is flagged unverified. Otherwise not_met after the due date, else in_progress.
 */
function evaluateMilestone(goal: GoalInput, asOf: string): GoalEvaluation {
  const evidenced = hasEvidence(goal.evidence);
  if (evidenced || goal.reportedStatus === 'met') return { ...EMPTY, status: 'met', unverified: !evidenced };
  return { ...EMPTY, status: asOf > goal.due ? 'not_met' : 'in_progress' };
}
