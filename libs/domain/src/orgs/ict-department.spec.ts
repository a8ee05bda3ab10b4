import { blankReportNumber, ICT_MERGER_DATE, ictDepartmentAt, roleLabelsAt } from './ict-department';

describe('ictDepartmentAt (the 2025 merger of the Sở TT&TT into the Sở KH&CN)', () => {
  it.each([
    ['2023-12-31', 'Sở Thông tin và Truyền thông', 'Sở TT&TT', 'BC-STTTT'],
    ['2024-06-30', 'Sở Thông tin và Truyền thông', 'Sở TT&TT', 'BC-STTTT'],
    ['2025-02-28', 'Sở Thông tin và Truyền thông', 'Sở TT&TT', 'BC-STTTT'],
    ['2025-03-01', 'Sở Khoa học và Công nghệ', 'Sở KH&CN', 'BC-SKHCN'],
    ['2026-12-03', 'Sở Khoa học và Công nghệ', 'Sở KH&CN', 'BC-SKHCN'],
  ])('on %s it is the %s (%s, %s)', (date, name, abbreviation, suffix) => {
    const d = ictDepartmentAt(date);
    expect([d.name, d.abbreviation, d.reportSuffix]).toEqual([name, abbreviation, suffix]);
    expect(d.issuer).toBe(name.toUpperCase());
  });

  it('names the ministry of each side of the merger', () => {
    expect(ictDepartmentAt('2025-02-28').ministry).toBe('Bộ Thông tin và Truyền thông');
    expect(ictDepartmentAt(ICT_MERGER_DATE).ministry).toBe('Bộ Khoa học và Công nghệ');
  });

  it('leaves the number blank for the clerk, with the symbol of the date', () => {
    expect(blankReportNumber('2024-12-31')).toBe('Số:        /BC-STTTT');
    expect(blankReportNumber('2026-01-15')).toBe('Số:        /BC-SKHCN');
  });

  it('names the officer role by the department of the date, the other roles as always', () => {
    expect(roleLabelsAt('2025-02-28').officer).toBe('cán bộ Sở TT&TT');
    expect(roleLabelsAt('2025-03-01').officer).toBe('cán bộ Sở KH&CN');
    expect(roleLabelsAt('2026-12-03')).toMatchObject({ admin: 'quản trị', leader: 'lãnh đạo', viewer: 'người xem' });
  });

  it('writes every name in NFC', () => {
    for (const date of ['2024-01-01', '2026-01-01']) {
      for (const text of Object.values(ictDepartmentAt(date))) expect(text).toBe(text.normalize('NFC'));
    }
  });
});
