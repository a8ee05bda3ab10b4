import { viDate, viDuration, viLongDate, viNumber, viPercent, viPeriod } from './vi-format';

describe('Vietnamese formats', () => {
  it.each([
    [1034, '1.034'],
    ['99.2', '99,2'],
    ['0.7024', '0,7024'],
    [null, '—'],
  ] as const)('viNumber(%p) = %p', (value, text) => expect(viNumber(value)).toBe(text));

  it('percentages keep two decimals at most', () => expect(viPercent('81.256')).toBe('81,26'));

  it('dates short and long, with a leading zero only where Nghị định 30/2020 puts one', () => {
    expect(viDate('2023-10-31')).toBe('31/10/2023');
    expect(viLongDate('2023-02-05')).toBe('ngày 05 tháng 02 năm 2023');
    expect(viLongDate('2023-11-27')).toBe('ngày 27 tháng 11 năm 2023');
    expect(viLongDate('2023-03-10')).toBe('ngày 10 tháng 3 năm 2023');
  });

  it.each([
    ['2023', 'năm 2023'],
    ['2023-H1', '6 tháng đầu năm 2023'],
    ['2023-H2', '6 tháng cuối năm 2023'],
    ['2023-Q4', 'quý IV năm 2023'],
    ['2023-10', 'tháng 10 năm 2023'],
    ['2023-10-31', 'ngày 31 tháng 10 năm 2023'],
    ['nonsense', 'nonsense'],
  ])('viPeriod(%s) = %s', (code, label) => expect(viPeriod(code)).toBe(label));

  it.each([
    [0, '0 giây'],
    [999, '0 giây'],
    [45_000, '45 giây'],
    [60_000, '1 phút'],
    [185_400, '3 phút 5 giây'],
    [3_600_000, '1 giờ'],
    [3_720_000, '1 giờ 2 phút'],
    [-5, '0 giây'],
  ])('durations: %d ms is "%s"', (ms, text) => expect(viDuration(ms)).toBe(text));
});
