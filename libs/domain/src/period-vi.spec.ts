import { readPeriod } from './period';
import { viPeriod, viPeriodLabel } from './vi-format';

describe('readPeriod: periods as people write them', () => {
  it.each([
    ['2024-Q3', '2024-Q3'],
    ['2024-h1', '2024-H1'],
    ['2023-10', '2023-10'],
    ['2023', '2023'],
    ['Quý 3/2024', '2024-Q3'],
    ['Quý III/2024', '2024-Q3'],
    ['quý iv / 2023', '2023-Q4'],
    ['QUÝ 1 NĂM 2024', '2024-Q1'],
    ['Quy 2/2024', '2024-Q2'],
    ['quý IV năm 2023', '2023-Q4'],
    ['6 tháng đầu năm 2024', '2024-H1'],
    ['6 tháng cuối năm 2023', '2023-H2'],
    ['6 thang cuoi nam 2023', '2023-H2'],
    ['Tháng 10/2023', '2023-10'],
    ['tháng 3/2024', '2024-03'],
    ['tháng 10 năm 2023', '2023-10'],
    ['10/2023', '2023-10'],
    ['Năm 2023', '2023'],
    ['  năm   2023 ', '2023'],
    ['31/10/2023', '2023-10-31'],
    ['ngày 5 tháng 2 năm 2024', '2024-02-05'],
  ])('%p is %s', (text, code) => expect(readPeriod(text)?.code).toBe(code));

  it('reads NFD text as NFC', () => {
    expect(readPeriod('Quý 3/2024'.normalize('NFD'))?.code).toBe('2024-Q3');
    expect(readPeriod('6 tháng đầu năm 2024'.normalize('NFD'))?.code).toBe('2024-H1');
    expect(readPeriod('Tháng 10/2023'.normalize('NFD'))?.code).toBe('2023-10');
  });

  it.each([
    'Quý 5/2024',
    'Quý V/2024',
    'Quý 0/2024',
    'Tháng 13/2023',
    'Tháng 0/2023',
    '13/2023',
    '30/02/2023',
    '6 tháng giữa năm 2023',
    '9 tháng đầu năm 2023',
    'Năm 23',
    '2023-13',
    'quý 3',
    '',
    'hôm nay',
  ])('refuses %p', (text) => expect(readPeriod(text)).toBeNull());

  it('reads back every name viPeriod and viPeriodLabel give', () => {
    for (const code of ['2023', '2023-H1', '2023-H2', '2023-Q1', '2023-Q4', '2023-01', '2023-12', '2023-10-31']) {
      expect(readPeriod(viPeriod(code))?.code).toBe(code);
      expect(readPeriod(viPeriodLabel(code))?.code).toBe(code);
    }
  });
});

describe('viPeriodLabel', () => {
  it.each([
    ['2023', 'Năm 2023'],
    ['2023-H1', '6 tháng đầu năm 2023'],
    ['2023-H2', '6 tháng cuối năm 2023'],
    ['2023-Q4', 'Quý IV/2023'],
    ['2024-Q3', 'Quý III/2024'],
    ['2023-10', 'Tháng 10/2023'],
    ['2023-03', 'Tháng 3/2023'],
    ['2023-10-31', '31/10/2023'],
    ['nonsense', 'nonsense'],
  ])('%s → %s', (code, label) => expect(viPeriodLabel(code)).toBe(label));
});
