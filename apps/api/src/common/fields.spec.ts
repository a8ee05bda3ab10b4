import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsPeriodCode, PERIOD_PATTERN } from './fields';

class WithPeriod {
  @IsPeriodCode()
  period!: string;
}

const read = (period: unknown) => {
  const dto = plainToInstance(WithPeriod, { period });
  return { period: dto.period, ok: validateSync(dto).length === 0 };
};

describe('period fields', () => {
  it.each(['2023', '2023-H1', '2023-Q4', '2023-01', '2023-12', '2023-10-31'])('the pattern takes %p', (code) =>
    expect(PERIOD_PATTERN.test(code)).toBe(true),
  );

  it.each(['2023-13', '2023-00', '2023-Q5', '2023-H3', '2023-10-32', '2023-10-00', '2023-1', '23'])('the pattern refuses %p', (code) =>
    expect(PERIOD_PATTERN.test(code)).toBe(false),
  );

  it.each([
    ['Quý 3/2024', '2024-Q3'],
    ['quý III năm 2024', '2024-Q3'],
    ['6 tháng cuối năm 2023', '2023-H2'],
    ['Tháng 10/2023', '2023-10'],
    ['Năm 2023', '2023'],
    ['2024-q3', '2024-Q3'],
  ])('reads %p as %p', (text, code) => expect(read(text)).toEqual({ period: code, ok: true }));

  it.each(['2023-13', 'Quý 5/2024', 'Tháng 13/2023', 'hôm qua'])('refuses %p', (text) => expect(read(text).ok).toBe(false));
});
