import { viDate, viNumber, viPeriod, viRounded, withUnit } from '@dx/web/format';

describe('web formats are the domain formats', () => {
  it('names periods in Vietnamese', () => {
    expect(['2023-Q4', '2023-H2', '2023-10', '2023', '2023-10-31'].map(viPeriod)).toEqual([
      'Quý IV/2023',
      '6 tháng cuối năm 2023',
      'Tháng 10/2023',
      'Năm 2023',
      '31/10/2023',
    ]);
    expect(viPeriod(null)).toBe('—');
  });

  it("rounds a value to its indicator's precision", () => {
    expect(withUnit('93.4498', '%', 'percent')).toBe('93,45%');
    expect(withUnit('1180', 'dịch vụ', 'count')).toBe('1.180 dịch vụ');
    expect(withUnit(null, '%', 'percent')).toBe('—');
    expect(viRounded('0.70245', 'score')).toBe('0,7025');
    expect(viNumber('1034.5')).toBe('1.034,5');
  });

  it('shows a date or the date of a timestamp as dd/mm/yyyy', () => {
    expect(viDate('2023-10-31')).toBe('31/10/2023');
    expect(viDate('2023-10-31T08:00:00.000Z')).toBe('31/10/2023');
    expect(viDate(undefined)).toBe('—');
  });
});
