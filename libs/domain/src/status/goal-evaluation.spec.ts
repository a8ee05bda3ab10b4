import fc from 'fast-check';
import { parsePeriod } from '../period';
import { actualValue, evaluateGoal, latestObservation } from './goal-evaluation';
import type { GoalInput, IndicatorInput, ObservationInput } from './status.types';

const percent: IndicatorInput = { code: 'ho-so-truc-tuyen', kind: 'percent', scale: null, direction: 'up' };
const ratio: IndicatorInput = { code: 'dvc-muc-do-3-4', kind: 'ratio', scale: '100', direction: 'up' };
const rank: IndicatorInput = { code: 'dti-hang', kind: 'rank', scale: null, direction: 'down' };
const count: IndicatorInput = { code: 'cho-4-0', kind: 'count', scale: null, direction: 'up' };

function obs(period: string, value: string | null, extra: Partial<ObservationInput> = {}): ObservationInput {
  const p = parsePeriod(period)!;
  return {
    period: p.code,
    periodKind: p.kind,
    periodStart: p.start,
    periodEnd: p.end,
    value,
    numerator: null,
    denominator: null,
    source: null,
    ...extra,
  };
}

function quantitative(extra: Partial<GoalInput> = {}): GoalInput {
  return {
    code: 'MT1.1',
    kind: 'quantitative',
    targetOp: '>=',
    targetValue: '80',
    baselineValue: null,
    baselineDate: null,
    due: '2025-12-31',
    reportedStatus: null,
    evidence: null,
    ...extra,
  };
}

function milestone(extra: Partial<GoalInput> = {}): GoalInput {
  return quantitative({ kind: 'milestone', targetOp: null, targetValue: null, due: '2023-12-31', ...extra });
}

const NO_FIGURES = {
  actual: null,
  actualPeriod: null,
  expected: null,
  attainment: null,
  attainmentDisplay: null,
  colour: null,
  unverified: false,
};

describe('latestObservation', () => {
  it('is null without observations or when every period ends after the as-of date', () => {
    expect(latestObservation([], '2023-10-31')).toBeNull();
    expect(latestObservation([obs('2023-11', '1'), obs('2023', '2')], '2023-10-31')).toBeNull();
  });

  it.each([
    ['2023-10-31', '2023-10'],
    ['2023-10-30', '2023-Q3'],
    ['2023-09-30', '2023-Q3'],
    ['2023-09-29', '2022'],
    ['2024-06-01', '2023-12'],
  ])('at %s picks %s, the latest period ending on or before that day', (asOf, period) => {
    const all = [obs('2022', '1'), obs('2023-Q3', '2'), obs('2023-10', '3'), obs('2023-12', '4'), obs('2023', '5'), obs('2023-Q4', '6')];
    expect(latestObservation(all, asOf)?.period).toBe(period);
  });

  it('prefers the shorter period when periods end on the same day: month before quarter before half before year', () => {
    const all = [obs('2023', '1'), obs('2023-H2', '2'), obs('2023-Q4', '3'), obs('2023-12', '4')];
    expect(latestObservation(all, '2024-01-01')?.period).toBe('2023-12');
    expect(latestObservation(all.slice(0, 3), '2024-01-01')?.period).toBe('2023-Q4');
    expect(latestObservation(all.slice(0, 2), '2024-01-01')?.period).toBe('2023-H2');
  });

  it('breaks ties on the same period by source (null last), then by value', () => {
    const a = obs('2023', '70', { source: 'b.txt' });
    const b = obs('2023', '60', { source: 'a.txt' });
    const c = obs('2023', '50', { source: null });
    const d = obs('2023', '55', { source: 'a.txt' });
    expect(latestObservation([a, b, c], '2024-01-01')).toBe(b);
    expect(latestObservation([c, a], '2024-01-01')).toBe(a);
    expect(latestObservation([b, d], '2024-01-01')).toBe(d);
    expect(latestObservation([d, b], '2024-01-01')).toBe(d);
  });
});

describe('actualValue', () => {
  it.each([
    ['a ratio from numerator and denominator × scale', ratio, { value: null, numerator: '1712', denominator: '1832' }, '93.449782'],
    ['a ratio from its parts even when a value is stored', ratio, { value: '93', numerator: '1712', denominator: '1832' }, '93.449782'],
    ['a ratio whose parts divide exactly', ratio, { value: null, numerator: '13', denominator: '13' }, '100'],
    ['a ratio with a zero denominator, falling back to the value', ratio, { value: '0', numerator: '0', denominator: '0' }, '0'],
    ['a ratio with a zero denominator and no value', ratio, { value: null, numerator: '5', denominator: '0' }, null],
    ['a ratio with only a numerator', ratio, { value: '81', numerator: '5', denominator: null }, '81'],
    ['a ratio without a scale (scale 1)', { ...ratio, scale: null }, { value: null, numerator: '1', denominator: '3' }, '0.333333'],
    ['a percent with a value', percent, { value: '60', numerator: '1', denominator: '2' }, '60'],
    [
      'a percent from numerator and denominator when the value is missing',
      percent,
      { value: null, numerator: '1', denominator: '3' },
      '33.333333',
    ],
    ['a percent with a zero denominator and no value', percent, { value: null, numerator: '1', denominator: '0' }, null],
    ['a count, value only', count, { value: null, numerator: '1', denominator: '3' }, null],
    ['a rank', rank, { value: '5', numerator: null, denominator: null }, '5'],
  ])('gives %s', (_, indicator, parts, expected) => {
    expect(actualValue(indicator, obs('2023', parts.value, parts))).toBe(expected);
  });
});

describe('evaluateGoal for a quantitative goal', () => {
  it('is no_data without any observation, even after the due date', () => {
    for (const asOf of ['2024-06-30', '2026-06-30']) {
      expect(evaluateGoal(quantitative(), percent, [], asOf)).toEqual({ status: 'no_data', ...NO_FIGURES });
    }
  });

  it('is no_data when the only observations are for periods ending after the as-of date', () => {
    expect(evaluateGoal(quantitative(), percent, [obs('2023', '90')], '2023-12-30')).toEqual({ status: 'no_data', ...NO_FIGURES });
  });

  it('is no_data when its indicator is missing', () => {
    expect(evaluateGoal(quantitative(), null, [obs('2023', '90')], '2024-01-01')).toEqual({ status: 'no_data', ...NO_FIGURES });
  });

  it('ignores an observation that carries no usable value and uses the one before it', () => {
    const observations = [obs('2022', '70'), obs('2023', null, { numerator: '1', denominator: '0' })];
    expect(evaluateGoal(quantitative(), ratio, observations, '2024-01-01')).toMatchObject({
      status: 'in_progress',
      actual: '70',
      actualPeriod: '2022',
    });
  });

  it('is met when the latest actual satisfies the target, with attainment and colour', () => {
    expect(evaluateGoal(quantitative(), percent, [obs('2022', '50'), obs('2023', '85')], '2024-01-01')).toEqual({
      status: 'met',
      actual: '85',
      actualPeriod: '2023',
      expected: null,
      attainment: '1.0625',
      attainmentDisplay: '1.0625',
      colour: 'green',
      unverified: false,
    });
  });

  it('uses the actual at the as-of date, not a later one', () => {
    const observations = [obs('2022', '75'), obs('2023', '85')];
    expect(evaluateGoal(quantitative(), percent, observations, '2023-12-30')).toMatchObject({
      status: 'in_progress',
      actual: '75',
      actualPeriod: '2022',
      colour: 'amber',
    });
  });

  it('computes a ratio actual from numerator and denominator', () => {
    const observations = [obs('2022-04', null, { numerator: '1712', denominator: '1832' })];
    expect(evaluateGoal(quantitative({ targetValue: '90' }), ratio, observations, '2022-05-12')).toMatchObject({
      status: 'met',
      actual: '93.449782',
      actualPeriod: '2022-04',
      attainment: '1.0383',
    });
  });

  it('gives a null attainment (and colour) when the target is zero', () => {
    const goal = quantitative({ targetOp: '>', targetValue: '0' });
    expect(evaluateGoal(goal, count, [obs('2023', '4')], '2024-01-01')).toMatchObject({
      status: 'met',
      attainment: null,
      attainmentDisplay: null,
      colour: null,
    });
  });

  it.each([
    ['2025-12-30', 'in_progress'],
    ['2025-12-31', 'in_progress'],
    ['2026-01-01', 'not_met'],
  ])('on %s, with a not yet met target due 2025-12-31, is %s', (asOf, status) => {
    expect(evaluateGoal(quantitative(), percent, [obs('2025-Q3', '79.9')], asOf).status).toBe(status);
  });

  describe('against the linear path from its baseline', () => {
    // 40 on 2023-01-01 → 80 on 2023-01-11: 4 per day.
    const goal = quantitative({ baselineValue: '40', baselineDate: '2023-01-01', due: '2023-01-11' });
    it.each([
      ['2023-01-06', '60', '60', 'on_track'],
      ['2023-01-06', '59.99', '60', 'at_risk'],
      ['2023-01-06', '75', '60', 'on_track'],
      ['2023-01-01', '40', '40', 'on_track'],
      ['2023-01-01', '39', '40', 'at_risk'],
      ['2023-01-11', '79', '80', 'at_risk'],
      ['2023-01-12', '79', '80', 'not_met'],
      ['2023-01-12', '80', '80', 'met'],
    ])('on %s with actual %s (expected %s) is %s', (asOf, actual, expected, status) => {
      expect(evaluateGoal(goal, percent, [obs('2023-01-01', actual)], asOf)).toMatchObject({ status, actual, expected });
    });

    it('stays at the baseline before the baseline date', () => {
      expect(evaluateGoal(goal, percent, [obs('2022', '40')], '2022-12-31')).toMatchObject({ status: 'on_track', expected: '40' });
    });

    it('rounds a fractional expected value to 6 decimals', () => {
      // 40 + 40 × 365 / 731 = 59.97264021887…
      const long = quantitative({ baselineValue: '40', baselineDate: '2022-12-31', due: '2024-12-31' });
      expect(evaluateGoal(long, percent, [obs('2023', '59.98')], '2023-12-31')).toMatchObject({ status: 'on_track', expected: '59.97264' });
      expect(evaluateGoal(long, percent, [obs('2023', '59.97')], '2023-12-31')).toMatchObject({ status: 'at_risk', expected: '59.97264' });
    });

    it('is in_progress when the baseline date is not before the due date', () => {
      const odd = quantitative({ baselineValue: '40', baselineDate: '2023-01-11', due: '2023-01-11' });
      expect(evaluateGoal(odd, percent, [obs('2023-01-01', '50')], '2023-01-05')).toMatchObject({ status: 'in_progress', expected: null });
    });

    it('is in_progress with a baseline value but no baseline date', () => {
      const odd = quantitative({ baselineValue: '40', due: '2023-01-11' });
      expect(evaluateGoal(odd, percent, [obs('2023-01-01', '50')], '2023-01-05').status).toBe('in_progress');
    });
  });

  describe('for a rank, where lower is better (target <= 3)', () => {
    // rank 11 on 2022-12-31 → 3 on 2024-12-31 (731 days); on 2023-12-31: 11 − 8 × 365/731 = 7.005472
    const goal = quantitative({ targetOp: '<=', targetValue: '3', baselineValue: '11', baselineDate: '2022-12-31', due: '2024-12-31' });
    it.each([
      ['3', 'met', '1', 'green'],
      ['2', 'met', '1.5', 'green'],
      ['1', 'met', '3', 'green'],
      ['7', 'on_track', '0.4286', 'red'],
      ['8', 'at_risk', '0.375', 'red'],
    ])('rank %s at the end of 2023 is %s with attainment %s', (actual, status, attainment, colour) => {
      const result = evaluateGoal(goal, rank, [obs('2023', actual)], '2023-12-31');
      expect(result).toMatchObject({ status, attainment, colour, expected: '7.005472' });
      expect(result.attainmentDisplay).toBe(attainment === '3' ? '1.5' : attainment);
    });

    it('is not_met after the due date when the rank is still worse than the target', () => {
      expect(evaluateGoal(goal, rank, [obs('2024', '4')], '2025-01-01')).toMatchObject({ status: 'not_met', attainment: '0.75' });
    });
  });

  describe('with an exact target (=)', () => {
    const goal = quantitative({ targetOp: '=', targetValue: '100', baselineValue: '0', baselineDate: '2023-01-01', due: '2023-01-11' });
    it.each([
      ['up', '100', 'met'],
      ['up', '100.0', 'met'],
      ['up', '60', 'on_track'],
      ['up', '40', 'at_risk'],
      ['down', '40', 'on_track'],
      ['down', '60', 'at_risk'],
    ])('follows the indicator direction %s: actual %s is %s', (direction, actual, status) => {
      const indicator: IndicatorInput = { ...count, direction: direction as 'up' | 'down' };
      expect(evaluateGoal(goal, indicator, [obs('2023-01-01', actual)], '2023-01-06').status).toBe(status);
    });
  });

  it('does not depend on the order of the observations', () => {
    const observation = fc
      .record({
        period: fc.constantFrom('2022', '2023', '2023-H1', '2023-H2', '2023-Q3', '2023-Q4', '2023-10', '2023-12', '2023-12-31', '2024-Q1'),
        value: fc.option(fc.integer({ min: 0, max: 120 }).map(String)),
        numerator: fc.option(fc.integer({ min: 0, max: 50 }).map(String)),
        denominator: fc.option(fc.integer({ min: 0, max: 50 }).map(String)),
        source: fc.option(fc.constantFrom('a.txt', 'b.txt')),
      })
      .map((o) => obs(o.period, o.value, { numerator: o.numerator, denominator: o.denominator, source: o.source }));
    const goal = quantitative({ baselineValue: '20', baselineDate: '2022-06-30', due: '2024-06-30' });
    fc.assert(
      fc.property(
        fc.array(observation, { maxLength: 12 }),
        fc.constantFrom(ratio, percent, count),
        fc.constantFrom('2023-06-30', '2023-12-31', '2024-07-01'),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (observations, indicator, asOf, random) => {
          const keys = observations.map(() => random.next().value);
          const shuffled = observations
            .map((o, i) => [keys[i], o] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, o]) => o);
          const expected = evaluateGoal(goal, indicator, observations, asOf);
          expect(evaluateGoal(goal, indicator, shuffled, asOf)).toEqual(expected);
          expect(evaluateGoal(goal, indicator, [...observations].reverse(), asOf)).toEqual(expected);
        },
      ),
      { seed: 20231031, numRuns: 400 },
    );
  });
});

describe('evaluateGoal for a milestone', () => {
  const evidence = { number: '123/QĐ-UBND', date: '2023-06-01' };
  it.each([
    ['with evidence (number and date)', { evidence }, '2023-10-31', 'met', false],
    ['with evidence, after its due date', { evidence }, '2024-03-01', 'met', false],
    ['reported met without evidence', { reportedStatus: 'met' as const }, '2023-10-31', 'met', true],
    [
      'reported met with a number but no date',
      { reportedStatus: 'met' as const, evidence: { number: '1/KH', date: null } },
      '2023-10-31',
      'met',
      true,
    ],
    [
      'reported met with a date but no number',
      { reportedStatus: 'met' as const, evidence: { number: null, date: '2023-06-01' } },
      '2024-02-01',
      'met',
      true,
    ],
    ['without evidence, before its due date', {}, '2023-10-31', 'in_progress', false],
    ['without evidence, on its due date', {}, '2023-12-31', 'in_progress', false],
    ['without evidence, the day after its due date', {}, '2024-01-01', 'not_met', false],
    ['with half the evidence and not reported met, past due', { evidence: { number: '1/KH', date: null } }, '2024-01-01', 'not_met', false],
    ['reported in_progress, before its due date', { reportedStatus: 'in_progress' as const }, '2023-10-31', 'in_progress', false],
    ['reported not_met, before its due date', { reportedStatus: 'not_met' as const }, '2023-10-31', 'in_progress', false],
    ['reported in_progress, past due', { reportedStatus: 'in_progress' as const }, '2024-01-01', 'not_met', false],
  ])('%s is %s', (_, extra, asOf, status, unverified) => {
    expect(evaluateGoal(milestone(extra), null, [], asOf)).toEqual({ ...NO_FIGURES, status, unverified });
  });

  it('ignores observations and the indicator', () => {
    expect(evaluateGoal(milestone({ evidence }), percent, [obs('2023', '10')], '2023-10-31')).toEqual({ ...NO_FIGURES, status: 'met' });
  });
});
