import { viValue, viValueWithUnit } from '../vi-format';
import { NumberContext, readNumberText, readViNumber } from './vi-number-input';

const ind = (kind: string, unit: string | null = null, scale: string | null = null) =>
  ({ kind, unit, scale }) as NonNullable<NumberContext['indicator']>;
const read = (text: string | number, indicator: NumberContext['indicator'] = null) => readViNumber(text, { field: 'value', indicator });

describe('readViNumber: numbers as Vietnamese and others write them', () => {
  it.each([
    ['96,5', '96.5'],
    ['96.5', '96.5'],
    ['99,2%', '99.2'],
    [' 99,2 % ', '99.2'],
    ['1.234.567,8', '1234567.8'],
    ['1,234,567.8', '1234567.8'],
    ['1.234.567', '1234567'],
    ['1,234,567', '1234567'],
    ['1 234 567', '1234567'],
    ['1\u00a0034', '1034'],
    ['1034', '1034'],
    ['0', '0'],
    ['0,7024', '0.7024'],
    ['0.125', '0.125'],
    [',5', '0.5'],
    ['-3,5', '-3.5'],
    ['−2', '-2'],
    ['+7', '7'],
    ['81,50', '81.5'],
    ['1,034', '1.034'],
    ['12.5678', '12.5678'],
    ['1234.567', '1234.567'],
  ])('%p reads as %s whatever the indicator', (text, value) => {
    expect(read(text)).toEqual({ ok: true, value });
  });

  it('takes a JSON number as it is, never as thousands', () => {
    expect(read(1.034)).toEqual({ ok: true, value: '1.034' });
    expect(read(96.5, ind('count'))).toEqual({ ok: true, value: '96.5' });
    expect(readNumberText(Number.NaN)).toEqual({ kind: 'invalid' });
  });

  it('sees 1.034 as two numbers', () => {
    expect(readNumberText('1.034')).toEqual({ kind: 'ambiguous', thousands: '1034', decimal: '1.034', percent: false });
    expect(readNumberText('-100.000')).toEqual({ kind: 'ambiguous', thousands: '-100000', decimal: '-100', percent: false });
  });

  it.each([
    ['count', null, null, '1034'],
    ['rank', null, null, '1034'],
    ['percent', '%', null, '1.034'],
    ['ratio', '%', null, '1.034'],
    ['ratio', 'người/1000 dân', '1000', '1.034'],
    ['ratio', 'người/100.000 dân', '100000', null],
    ['ratio', null, '10', '1.034'],
    ['amount', 'tỷ đồng', null, null],
    ['score', null, null, null],
  ])('1.034 for a %s (unit %p, scale %p) is %p', (kind, unit, scale, value) => {
    const r = read('1.034', ind(kind, unit, scale));
    if (value === null) {
      expect(r.ok).toBe(false);
      expect(r).toMatchObject({ ambiguous: true });
    } else expect(r).toEqual({ ok: true, value });
  });

  it('refuses an ambiguous number when the indicator is not known, naming the field in Vietnamese', () => {
    const r = readViNumber('1.034', { field: 'numerator' });
    expect(r).toEqual({
      ok: false,
      ambiguous: true,
      message: {
        vi: '"numerator": không rõ "1.034" là 1034 hay 1,034; hãy viết 1034 (không có dấu chấm) hoặc 1,034 (dấu phẩy thập phân)',
        en: expect.stringContaining('numerator: "1.034" could be 1034 or 1.034'),
      },
    });
  });

  it.each(['', 'abc', '9,5,5.1', '1.23.4', '12.34,5.6', '1,2345.6', '1.2345,6', '5.', '1e3', '--5', '%', '96,5%%', '1.034.5'])(
    'refuses %p as not a number',
    (text) => {
      const r = read(text);
      expect(r).toMatchObject({ ok: false, ambiguous: false });
      if (!r.ok) expect(r.message.vi).toContain('"value": ');
      if (!r.ok) expect(r.message.vi).toContain('không phải là số');
    },
  );

  it('allows % only for a percent indicator, a % unit, or an unknown indicator', () => {
    expect(read('99,2%', ind('percent', null))).toEqual({ ok: true, value: '99.2' });
    expect(read('45%', ind('ratio', '%'))).toEqual({ ok: true, value: '45' });
    const r = read('5%', ind('count', 'thủ tục'));
    expect(r).toMatchObject({ ok: false, ambiguous: false });
    if (!r.ok) expect(r.message.vi).toBe('"value": "5%" có dấu %, nhưng chỉ tiêu này không đo bằng %');
  });

  it('refuses more digits than a value may carry', () => {
    expect(read('1234567890123456789')).toMatchObject({ ok: false, ambiguous: false });
    expect(read('0,1234567890123')).toMatchObject({ ok: false, ambiguous: false });
    expect(read('123456789012345678,123456789012')).toEqual({ ok: true, value: '123456789012345678.123456789012' });
  });
});

describe('viValue: rounded to the indicator precision', () => {
  it.each([
    ['93.4498', 'percent', '93,45'],
    ['1034', 'count', '1.034'],
    ['1034.4', 'count', '1.034'],
    ['0.70245', 'score', '0,7025'],
    ['12.3456', null, '12,3456'],
    [null, 'percent', '—'],
  ] as const)('%p as %p → %p', (value, kind, text) => expect(viValue(value, kind)).toBe(text));

  it('adds the unit', () => {
    expect(viValueWithUnit('93.4498', '%', 'percent')).toBe('93,45%');
    expect(viValueWithUnit('1180', 'dịch vụ', 'count')).toBe('1.180 dịch vụ');
    expect(viValueWithUnit(null, '%', 'percent')).toBe('—');
  });
});
