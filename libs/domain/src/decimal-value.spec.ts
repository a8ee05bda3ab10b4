import Decimal from 'decimal.js';
import fc from 'fast-check';
import { canonicalDecimal, decimalEquals, measuredDecimal, ratioValue } from './decimal-value';

describe('canonicalDecimal', () => {
  it.each([
    ['81', '81'],
    ['81.50', '81.5'],
    ['0.70240', '0.7024'],
    ['+3', '3'],
    ['-0', '0'],
    ['1e3', '1000'],
    ['1.5E-3', '0.0015'],
    ['.5', '0.5'],
    ['99.2', '99.2'],
  ])('%s → %s', (text, canonical) => expect(canonicalDecimal(text)).toBe(canonical));

  it.each(['81%', '1,034', 'NaN', 'Infinity', '', '1e', '0x10', '--1'])('rejects %p', (text) => {
    expect(canonicalDecimal(text)).toBeNull();
  });

  it('refuses exponents PostgreSQL numeric cannot store, at once, without writing the digits out', () => {
    const start = Date.now();
    expect(canonicalDecimal('1e999999999')).toBeNull();
    expect(canonicalDecimal('-1e-999999999')).toBeNull();
    expect(Date.now() - start).toBeLessThan(100);
    expect(canonicalDecimal('1e131071')).toHaveLength(131_072);
    expect(canonicalDecimal('1e131072')).toBeNull();
  });

  it('is idempotent and agrees with the float for up to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const c = canonicalDecimal(x.toPrecision(15))!;
        expect(canonicalDecimal(c)).toBe(c);
        expect(Number(c)).toBe(Number(x.toPrecision(15)));
        expect(new Decimal(c).precision(false)).toBeLessThanOrEqual(15);
      }),
    );
  });
});

describe('measuredDecimal', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['1e17', '100000000000000000'],
    ['0.000000000001', '0.000000000001'],
    ['-81.50', '-81.5'],
    ['+7', '7'],
    ['123456789012.345', '123456789012.345'],
  ])('reads %p as %p', (text, value) => expect(measuredDecimal(text)).toEqual({ value }));

  it.each([
    ['1e18', /18 digits before/],
    ['-1000000000000000000', /18 digits before/],
    ['1e999999999', /18 digits before/],
    ['0.0000000000001', /12 digits after/],
    ['1e-999999999', /12 digits after/],
    ['1234567890123.456', /15 significant digits/],
    ['abc', /"abc" is not a finite decimal number/],
    ['1.2.3', /not a finite decimal number/],
  ])('refuses %p', (text, message) => expect((measuredDecimal(text) as { problem: string }).problem).toMatch(message));
});

describe('ratioValue and decimalEquals', () => {
  it('computes numerator / denominator × scale exactly', () => {
    expect(ratioValue('1034', '1276', '100').toDecimalPlaces(2).toFixed()).toBe('81.03');
    expect(ratioValue('13', '13', '100').toFixed()).toBe('100');
    expect(ratioValue('1', '3', '1').toDecimalPlaces(4).toFixed()).toBe('0.3333');
  });
  it('compares numerically, null only equal to null', () => {
    expect(decimalEquals('81.0', '81')).toBe(true);
    expect(decimalEquals('81', null)).toBe(false);
    expect(decimalEquals(null, null)).toBe(true);
  });
});
