import { IndicatorForRules, observationProblems, valueRangeProblems } from './observation-rules';

const percent: IndicatorForRules = { code: 'dvc-toan-trinh', unit: '%', kind: 'percent', scale: null };
const ratio: IndicatorForRules = { code: 'ty-le', unit: 'per 1000', kind: 'ratio', scale: '1000' };
const count: IndicatorForRules = { code: 'so-tthc', unit: 'thủ tục', kind: 'count', scale: null };
const obs = (value: string | null, numerator: string | null = null, denominator: string | null = null) => ({
  value,
  numerator,
  denominator,
});
const rules = (indicator: IndicatorForRules | null, o: ReturnType<typeof obs>) =>
  observationProblems(indicator, o).map((p) => `${p.severity} ${p.rule} ${p.field}`);

describe('observation rules', () => {
  it.each([
    ['81% is fine', percent, obs('81'), []],
    ['a value is required', percent, obs(null), ['error missing-value value']],
    ['a numerator needs its denominator or a value', percent, obs(null, '810'), ['error value-without-denominator value']],
    ['the denominator must be positive', percent, obs(null, '1', '0'), ['error denominator denominator']],
    ['the numerator must not be negative', count, obs('3', '-1', '2'), ['error numerator numerator']],
    ['a share above 100% is refused', percent, obs('101'), ['error range value']],
    ['a value must agree with its counts', percent, obs('81', '700', '1000'), ['error disagrees value']],
    ['within the tolerance it agrees', percent, obs('81', '812', '1000'), []],
    ['counts alone are checked for range', percent, obs(null, '1100', '1000'), ['error range numerator']],
    ['a ratio outside its scale in another unit only warns', ratio, obs('1200'), ['warning range value']],
    ['a fractional count warns', count, obs('2.5'), ['warning range value']],
    ['without an indicator only the arithmetic is checked', null, obs('-5'), []],
  ])('%s', (_, indicator, o, expected) => {
    expect(rules(indicator, o)).toEqual(expected);
  });

  it('range rules apply to any value of an indicator', () => {
    expect(valueRangeProblems(percent, '100')).toEqual([]);
    expect(valueRangeProblems(percent, '-0.1')[0]).toMatchObject({ severity: 'error' });
    expect(valueRangeProblems({ code: 'b', unit: '', kind: 'boolean', scale: null }, '2')[0].message).toMatch(/0 or 1/);
  });
});
