import fc from 'fast-check';
import { changeFrom, compareWithTarget, rankAll, rankAmong } from './kpi-comparison';

describe('compareWithTarget', () => {
  it.each([
    ['85', '>=', '80', 'up', '5', '1.0625', true],
    ['75.5', '>=', '80', 'up', '-4.5', '0.9438', false],
    ['0.1', '>=', '0.3', 'up', '-0.2', '0.3333', false],
    ['80', '>=', '80', 'up', '0', '1', true],
    ['5', '<=', '3', 'down', '2', '0.6', false],
    ['2', '<=', '3', 'down', '-1', '1.5', true],
    ['4', '>', '0', 'up', '4', null, true],
  ])('%s against %s %s (%s): gap %s, attainment %p, met %p', (actual, op, target, direction, gap, attainment, met) => {
    expect(compareWithTarget(actual, op as '>=' | '<=' | '>', target, direction as 'up' | 'down')).toEqual({
      op,
      target,
      gap,
      attainment,
      met,
    });
  });
});

describe('changeFrom', () => {
  it.each([
    ['85', { period: '2022', value: '80' }, '5', '0.0625'],
    ['75', { period: '2022', value: '80' }, '-5', '-0.0625'],
    ['80', { period: '2022', value: '80' }, '0', '0'],
    ['-1', { period: '2022', value: '-2' }, '1', '0.5'],
    ['1', { period: '2022', value: '3' }, '-2', '-0.6667'],
    ['0.3', { period: '2022', value: '0.1' }, '0.2', '2'],
    ['5', { period: '2022', value: '0' }, '5', null],
  ])('from %s and previous %p: absolute %s, relative %p', (value, previous, absolute, relative) => {
    expect(changeFrom(value, previous, '2022')).toEqual({ previousValue: previous.value, previousPeriod: '2022', absolute, relative });
  });

  it('has no change without a previous value, but names the period compared with', () => {
    expect(changeFrom('85', null, '2023-Q2')).toEqual({ previousValue: null, previousPeriod: '2023-Q2', absolute: null, relative: null });
  });
});

describe('rankAll', () => {
  const entries = (values: string[]) => values.map((value, i) => ({ org: `P${i + 1}`, value }));
  const ranks = (values: string[], direction: 'up' | 'down') => {
    const r = rankAll(entries(values), direction);
    return values.map((_, i) => r.get(`P${i + 1}`)!.rank);
  };

  it.each([
    [['90', '80', '70'], 'up', [1, 2, 3]],
    [['90', '80', '70'], 'down', [3, 2, 1]],
    [['80', '90', '80', '70'], 'up', [2, 1, 2, 4]],
    [['80', '90', '80', '70'], 'down', [2, 4, 2, 1]],
    [['80', '80.0', '80', '70'], 'up', [1, 1, 1, 4]],
    [['5', '5'], 'up', [1, 1]],
    [['-1', '0', '1'], 'up', [3, 2, 1]],
  ])('ranks %p with direction %s as %p ("1224": ties share, the next rank skips)', (values, direction, expected) => {
    expect(ranks(values, direction as 'up' | 'down')).toEqual(expected);
  });

  it('gives the number of entries and the percentile of each', () => {
    const r = rankAll(entries(['80', '90', '80', '70']), 'up');
    expect(Object.fromEntries(r)).toEqual({
      P2: { rank: 1, of: 4, percentile: '100' },
      P1: { rank: 2, of: 4, percentile: '66.67' },
      P3: { rank: 2, of: 4, percentile: '66.67' },
      P4: { rank: 4, of: 4, percentile: '0' },
    });
  });

  it('gives percentile 100 to a province ranked alone', () => {
    expect(rankAll([{ org: 'QNI', value: '7' }], 'down').get('QNI')).toEqual({ rank: 1, of: 1, percentile: '100' });
  });

  it('is empty without values', () => {
    expect(rankAll([], 'up').size).toBe(0);
  });

  it('refuses two values for one org', () => {
    expect(() =>
      rankAll(
        [
          { org: 'QNI', value: '1' },
          { org: 'QNI', value: '2' },
        ],
        'up',
      ),
    ).toThrow(/more than one value/);
  });

  const values = fc.uniqueArray(
    fc.record({ org: fc.string({ minLength: 1, maxLength: 4 }), value: fc.integer({ min: -20, max: 20 }).map(String) }),
    {
      selector: (v) => v.org,
      maxLength: 30,
    },
  );

  it('mirrors ranks when the direction is swapped: down ranks equal up ranks of the negated values', () => {
    fc.assert(
      fc.property(values, (list) => {
        const down = rankAll(list, 'down');
        const negatedUp = rankAll(
          list.map((v) => ({ org: v.org, value: String(-Number(v.value)) })),
          'up',
        );
        expect(Object.fromEntries(down)).toEqual(Object.fromEntries(negatedUp));
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('does not depend on the order of the input, in result or in iteration order', () => {
    fc.assert(
      fc.property(
        values.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        fc.constantFrom('up' as const, 'down' as const),
        ([list, shuffled], direction) => {
          expect([...rankAll(shuffled, direction)]).toEqual([...rankAll(list, direction)]);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('gives rank 1 + the number of strictly better values, within 1..of', () => {
    fc.assert(
      fc.property(values, fc.constantFrom('up' as const, 'down' as const), (list, direction) => {
        const r = rankAll(list, direction);
        for (const { org, value } of list) {
          const better = list.filter((o) =>
            direction === 'up' ? Number(o.value) > Number(value) : Number(o.value) < Number(value),
          ).length;
          expect(r.get(org)).toMatchObject({ rank: better + 1, of: list.length });
        }
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe('rankAmong', () => {
  const values = [
    { org: 'QNI', value: '2' },
    { org: 'HNI', value: '5' },
    { org: 'DNG', value: '1' },
  ];
  it('ranks one province among the others, lower being better for a rank indicator', () => {
    expect(rankAmong(values, 'QNI', 'down')).toEqual({ rank: 2, of: 3, percentile: '50' });
  });
  it('is null for a province without a value', () => {
    expect(rankAmong(values, 'HCM', 'down')).toBeNull();
  });
});
