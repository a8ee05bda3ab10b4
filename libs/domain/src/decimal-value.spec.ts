import fc from 'fast-check';
import { canonicalDecimal, decimalEquals, ratioValue, significantDigits } from './decimal-value';

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

  it('is idempotent and agrees with the float for up to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const c = canonicalDecimal(x.toPrecision(15))!;
        expect(canonicalDecimal(c)).toBe(c);
        expect(Number(c)).toBe(Number(x.toPrecision(15)));
        expect(significantDigits(c)).toBeLessThanOrEqual(15);
      }),
    );
  });
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
