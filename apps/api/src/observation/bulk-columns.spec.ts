import { parse } from 'csv-parse/sync';
import { columnOf, csvDelimiter } from './bulk-columns';
import { observationTemplateCsv } from './observation-template';

describe('csvDelimiter: the separator of a CSV file, from its header line', () => {
  it.each([
    ['indicator,province,period,value\n1;2;3;4\n', ','],
    ['\uFEFFindicator;province;period;value\r\na,b,c,d\r\n', ';'],
    ['Mã chỉ tiêu;Kỳ;Giá trị\r\n', ';'],
    ['indicator\tperiod\tvalue\n', '\t'],
    ['"a;b",c,d\n', ','],
    ['indicator\n', ','],
    ['', ','],
  ])('%j → %j', (text, sep) => expect(csvDelimiter(text)).toBe(sep));
});

describe('columnOf: the column a header cell names', () => {
  it.each([
    ['indicator', 'indicator'],
    [' Value ', 'value'],
    ['Mã chỉ tiêu', 'indicator'],
    ['MÃ CHỈ TIÊU', 'indicator'],
    ['Mã chỉ tiêu'.normalize('NFD'), 'indicator'],
    ['Tỉnh', 'province'],
    ['Mã đơn vị', 'org'],
    ['Kỳ', 'period'],
    ['Kỳ báo cáo', 'period'],
    ['Giá trị', 'value'],
    ['Giá trị (value)', 'value'],
    ['Số liệu (value)', 'value'],
    ['Tử số', 'numerator'],
    ['Mẫu số', 'denominator'],
    ['Nguồn', 'source'],
    ['Ghi chú', 'note'],
    ['Colour', 'colour'],
  ])('%p → %p', (header, column) => expect(columnOf(header)).toBe(column));

  it.each(['Tên chỉ tiêu', 'Đơn vị tính', 'name', 'unit'])('%p is for the reader and skipped', (header) =>
    expect(columnOf(header)).toBe(false),
  );
});

describe('the CSV template', () => {
  const indicators = [
    { code: 'so-thu-tuc', name: 'Số thủ tục; được số hóa', unit: 'thủ tục', kind: 'count' as const },
    { code: 'dvc', name: 'Tỷ lệ "toàn trình"', unit: '%', kind: 'percent' as const },
  ];

  it('is written as Excel set to Vietnamese saves it and reads back as the upload reads it', () => {
    const bytes = observationTemplateCsv('VNI', indicators, '2025-02-10');
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFMã chỉ tiêu;Tên chỉ tiêu;Đơn vị tính;Tỉnh;Mã đơn vị;Kỳ;Giá trị;Tử số;Mẫu số;Nguồn;Ghi chú\r\n')).toBe(
      true,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: Record<string, string>[] = parse(text, {
      columns: (h: string[]) => h.map(columnOf),
      delimiter: csvDelimiter(text),
      bom: true,
    });
    expect(rows).toEqual([
      {
        indicator: 'so-thu-tuc',
        province: 'VNI',
        org: 'VNI',
        period: 'Quý IV/2024',
        value: '120',
        numerator: '',
        denominator: '',
        source: '',
        note: 'Dòng ví dụ: sửa hoặc xóa trước khi tải lên',
      },
      { indicator: 'so-thu-tuc', province: 'VNI', org: 'VNI', period: '', value: '', numerator: '', denominator: '', source: '', note: '' },
      { indicator: 'dvc', province: 'VNI', org: 'VNI', period: '', value: '', numerator: '', denominator: '', source: '', note: '' },
    ]);
  });

  it('writes an example value with the decimal comma', () => {
    const text = observationTemplateCsv('VNI', [indicators[1]], '2025-07-01').toString('utf8');
    expect(text.split('\r\n')[1]).toBe(
      'dvc;"Tỷ lệ ""toàn trình""";%;VNI;VNI;Quý II/2025;95,5;;;;Dòng ví dụ: sửa hoặc xóa trước khi tải lên',
    );
  });
});
