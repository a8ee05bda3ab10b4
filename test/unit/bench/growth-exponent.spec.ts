import { growthExponent } from '@dx/bench/growth-exponent';

describe('growthExponent', () => {
  it.each([
    ['linear growth', [1, 2, 4].map((n) => ({ size: n * 1000, value: n * 30 })), 1],
    ['quadratic growth', [1, 2, 5].map((n) => ({ size: n, value: 7 * n * n })), 2],
    ['constant time', [10, 100, 1000].map((n) => ({ size: n, value: 42 })), 0],
    ['square-root growth', [4, 16, 64].map((n) => ({ size: n, value: Math.sqrt(n) })), 0.5],
  ])('gives the exponent of %s', (_label, points, exponent) => {
    expect(growthExponent(points)).toBeCloseTo(exponent, 10);
  });

  it('fits the least-squares slope of noisy points', () => {
    // x = ln size = 0, a, 2a and y = ln value = 0, a, 3a (a = ln 2): Sxy = 3a², Sxx = 2a², slope 1.5.
    const points = [
      { size: 1, value: 1 },
      { size: 2, value: 2 },
      { size: 4, value: 8 },
    ];
    expect(growthExponent(points)).toBeCloseTo(1.5, 10);
  });

  it('skips figures that were not measured and needs two sizes', () => {
    expect(growthExponent([{ size: 100, value: 5 }])).toBeNull();
    expect(
      growthExponent([
        { size: 100, value: 5 },
        { size: 200, value: null },
      ]),
    ).toBeNull();
    expect(
      growthExponent([
        { size: 100, value: 5 },
        { size: 100, value: 9 },
      ]),
    ).toBeNull();
    expect(
      growthExponent([
        { size: 100, value: 5 },
        { size: 200, value: null },
        { size: 400, value: 20 },
      ]),
    ).toBeCloseTo(1, 10);
  });
});
