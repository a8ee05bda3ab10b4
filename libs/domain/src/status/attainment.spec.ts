import fc from 'fast-check';
import { ATTAINMENT_DISPLAY_CAP, attainment, attainmentColour, compareOp, displayAttainment } from './attainment';

describe('attainment', () => {
  it.each([
    ['81', '100', 'up', '0.81'],
    ['100', '100', 'up', '1'],
    ['150', '90', 'up', '1.6667'],
    ['2', '3', 'up', '0.6667'],
    ['1', '3', 'up', '0.3333'],
    ['0', '90', 'up', '0'],
    ['-10', '100', 'up', '-0.1'],
    ['0.00004', '1', 'up', '0'],
    ['0.00005', '1', 'up', '0.0001'],
    // lower is better (a rank): target / actual
    ['3', '3', 'down', '1'],
    ['5', '3', 'down', '0.6'],
    ['2', '3', 'down', '1.5'],
    ['1', '3', 'down', '3'],
    ['6', '5', 'down', '0.8333'],
  ])('%s against %s (%s) is %s', (actual, target, direction, expected) => {
    expect(attainment(actual, target, direction as 'up' | 'down')).toBe(expected);
  });

  it.each([
    ['81', '0', 'up'],
    ['0', '3', 'down'],
    ['0', '0', 'up'],
  ])('is null when the divisor is zero (%s against %s, %s)', (actual, target, direction) => {
    expect(attainment(actual, target, direction as 'up' | 'down')).toBeNull();
  });

  it('rounds exactly, never through a float', () => {
    expect(attainment('0.3', '0.1', 'up')).toBe('3');
    expect(attainment('123456789012345', '0.000000000000001', 'up')).toBe('123456789012345000000000000000');
    expect(attainment('1', '2.0000000000001', 'up')).toBe('0.5');
  });
});

describe('displayAttainment and attainmentColour', () => {
  it.each([
    [null, null, null],
    ['0', '0', 'red'],
    ['0.8999', '0.8999', 'red'],
    ['0.9', '0.9', 'amber'],
    ['0.9999', '0.9999', 'amber'],
    ['1', '1', 'green'],
    ['1.5', '1.5', 'green'],
    ['1.6667', '1.5', 'green'],
    ['3', '1.5', 'green'],
    ['-0.1', '-0.1', 'red'],
  ])('attainment %p shows as %p in %p', (a, display, colour) => {
    expect(displayAttainment(a)).toBe(display);
    expect(attainmentColour(a)).toBe(colour);
  });

  it('never shows more than the cap of 1.5 and leaves smaller values alone', () => {
    expect(ATTAINMENT_DISPLAY_CAP).toBe('1.5');
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const a = attainment(String(n), '10000', 'up')!;
        expect(displayAttainment(a)).toBe(Number(a) > 1.5 ? '1.5' : a);
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});

describe('compareOp', () => {
  it.each([
    ['81', '>=', '80', true],
    ['80', '>=', '80', true],
    ['79.999', '>=', '80', false],
    ['80', '>', '80', false],
    ['80.0001', '>', '80', true],
    ['3', '<=', '3', true],
    ['4', '<=', '3', false],
    ['3', '<', '3', false],
    ['2', '<', '3', true],
    ['100', '=', '100', true],
    ['100.0', '=', '100', true],
    ['99.9999999999999', '=', '100', false],
    ['0.3', '=', '0.3', true],
    ['-1', '<', '0', true],
  ])('%s %s %s is %p', (actual, op, target, expected) => {
    expect(compareOp(actual, op as '>=' | '>' | '<=' | '<' | '=', target)).toBe(expected);
  });

  it('agrees with integer comparison', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
        const [x, y] = [String(a), String(b)];
        expect([compareOp(x, '>=', y), compareOp(x, '>', y), compareOp(x, '<=', y), compareOp(x, '<', y), compareOp(x, '=', y)]).toEqual([
          a >= b,
          a > b,
          a <= b,
          a < b,
          a === b,
        ]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
