import Decimal from 'decimal.js';
import { ratioValue } from '../decimal-value';
import type { Localised } from '../messages/localised';
import { observationRuleMessages as M } from '../messages/plan-file.messages';
import type { IndicatorKind } from '../plan.types';

/** How far (in the indicator's scale) a value may differ from numerator / denominator × scale. */
export const RATIO_TOLERANCE = new Decimal('0.5');

export interface ObservationFigures {
  value: string | null;
  numerator: string | null;
  denominator: string | null;
}

export interface IndicatorForRules {
  code: string;
  unit: string | null;
  kind: IndicatorKind;
  scale: string | null;
}

/** One problem with an observation: the field it is about, and whether it refuses the value or only warns. */
export interface ObservationProblem {
  rule: 'missing-value' | 'value-without-denominator' | 'denominator' | 'numerator' | 'disagrees' | 'range';
  field: 'value' | 'numerator' | 'denominator';
  severity: 'error' | 'warning';
  /** In English. */
  message: string;
  /** The same in Vietnamese. */
  vi: string;
}

/**
 * The arithmetic and range rules of an observation (docs/plan-format.md, "Value checks"), the
 * same for a plan file and for a value entered through the API: a value or a numerator
 * over a positive denominator; a non-negative numerator; a value that agrees with its
 * numerator / denominator within RATIO_TOLERANCE; shares within 0..scale (an error when
 * the unit is "%" or empty, a warning otherwise); booleans 0 or 1; plausibility warnings
 * for ranks, counts and negative amounts. Decimal strings are assumed well-formed.
 */
export function observationProblems(indicator: IndicatorForRules | null, o: ObservationFigures): ObservationProblem[] {
  const problems: ObservationProblem[] = [];
  const error = (rule: ObservationProblem['rule'], field: ObservationProblem['field'], text: Localised) =>
    problems.push({ rule, field, severity: 'error', message: text.en, vi: text.vi });
  const range = (value: string, field: ObservationProblem['field']) =>
    problems.push(...valueRangeProblems(indicator!, value).map((p) => ({ rule: 'range' as const, field, ...p })));
  if (o.value === null && o.numerator === null) error('missing-value', 'value', M.missingValue());
  if (o.value === null && o.numerator !== null && o.denominator === null)
    error('value-without-denominator', 'value', M.valueWithoutDenominator());
  if (o.denominator !== null && !new Decimal(o.denominator).gt(0)) {
    error('denominator', 'denominator', M.denominatorNotPositive(o.denominator));
    return problems;
  }
  if (o.numerator !== null && new Decimal(o.numerator).lt(0)) error('numerator', 'numerator', M.numeratorNegative(o.numerator));
  if (!indicator) return problems;
  if (o.value !== null) range(o.value, 'value');
  if (o.numerator !== null && o.denominator !== null && (indicator.kind === 'ratio' || indicator.kind === 'percent')) {
    const computed = ratioValue(o.numerator, o.denominator, indicator.scale ?? '100');
    if (o.value !== null && computed.minus(o.value).abs().gt(RATIO_TOLERANCE)) {
      const shown = computed.toDecimalPlaces(2).toFixed();
      error('disagrees', 'value', M.disagrees(o.value, o.numerator, o.denominator, shown, RATIO_TOLERANCE.toString()));
    } else if (o.value === null) {
      range(computed.toDecimalPlaces(6).toFixed(), 'numerator');
    }
  }
  return problems;
}

type RangeProblem = Pick<ObservationProblem, 'severity' | 'message' | 'vi'>;

/**
 * Range rules of one value of an indicator (an observation, a target, a baseline): shares
 * within 0..scale (an error when the unit is "%" or empty, a warning otherwise), booleans
 * 0 or 1, plausibility warnings for ranks, counts and negative amounts.
 */
export function valueRangeProblems(indicator: IndicatorForRules, value: string): RangeProblem[] {
  const v = new Decimal(value);
  const unit = (indicator.unit ?? '').trim();
  const problem = (severity: RangeProblem['severity'], text: Localised): RangeProblem[] => [{ severity, message: text.en, vi: text.vi }];
  const warn = (text: Localised) => problem('warning', M.implausible(text));
  switch (indicator.kind) {
    case 'ratio':
    case 'percent': {
      const scale = new Decimal(indicator.kind === 'ratio' ? (indicator.scale ?? '100') : '100');
      if (v.gte(0) && v.lte(scale)) return [];
      const outside = M.outsideScale(value, scale.toFixed(), indicator.kind, indicator.code);
      return unit === '%' || unit === '' ? problem('error', outside) : warn(M.withUnit(outside, unit));
    }
    case 'boolean':
      return !v.eq(0) && !v.eq(1) ? problem('error', M.notBoolean(indicator.code)) : [];
    case 'rank':
      return v.lt(1) || !v.isInteger() ? warn(M.rankNotWhole(value)) : [];
    case 'count':
      return v.lt(0) || !v.isInteger() ? warn(M.countNotWhole(value)) : [];
    default:
      return v.lt(0) ? warn(M.negative(indicator.kind, value)) : [];
  }
}
