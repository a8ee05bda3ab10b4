import { IndicatorKind, previousPeriod, viPeriodLabel } from '@dx/domain';

/** What the template lists of an indicator. */
export interface TemplateIndicator {
  code: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
}

/** The template's columns: the Vietnamese names bulk-columns.ts reads back (`Tên chỉ tiêu` and `Đơn vị tính` are skipped on upload). */
const HEADER = ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Đơn vị tính', 'Tỉnh', 'Mã đơn vị', 'Kỳ', 'Giá trị', 'Tử số', 'Mẫu số', 'Nguồn', 'Ghi chú'];
const WIDTHS = [24, 48, 14, 8, 12, 22, 12, 10, 10, 18, 32];

/** An example value as Vietnamese write it, by kind: 95,5 (%), 120 (count), 0,7024 (score) … */
const EXAMPLE_VALUE: Record<IndicatorKind, number> = {
  percent: 95.5,
  ratio: 95.5,
  count: 120,
  amount: 12.5,
  score: 0.7024,
  rank: 5,
  boolean: 1,
};
const EXAMPLE_NOTE = 'Dòng ví dụ: sửa hoặc xóa trước khi tải lên';

/** The quarter before the one `today` (YYYY-MM-DD) falls in, by its Vietnamese name: the example period. */
function examplePeriod(today: string): string {
  const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  return viPeriodLabel(previousPeriod(quarter).code);
}

/** The rows under the header: the first indicator with an example, then every indicator with its period and value left empty. */
function templateRows(province: string, indicators: TemplateIndicator[], today: string): (string | number)[][] {
  const rows: (string | number)[][] = indicators.map((i) => [i.code, i.name, i.unit, province, province, '', '', '', '', '', '']);
  if (indicators[0]) {
    const first = indicators[0];
    rows.unshift([
      first.code,
      first.name,
      first.unit,
      province,
      province,
      examplePeriod(today),
      EXAMPLE_VALUE[first.kind],
      '',
      '',
      '',
      EXAMPLE_NOTE,
    ]);
  }
  return rows;
}

const csvField = (v: string | number) => {
  const text = typeof v === 'number' ? String(v).replace('.', ',') : v;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The template as Excel set to Vietnamese saves a CSV: UTF-8 with a BOM, `;` between fields, decimal comma, CRLF. */
export function observationTemplateCsv(province: string, indicators: TemplateIndicator[], today: string): Buffer {
  const lines = [HEADER, ...templateRows(province, indicators, today)].map((row) => row.map(csvField).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The template as a workbook: the values sheet first (the one an upload reads), then a sheet of instructions. */
export async function observationTemplateXlsx(province: string, indicators: TemplateIndicator[], today: string): Promise<Buffer> {
  // Loaded on the first workbook: exceljs is heavy, and most requests and processes never read or make one.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  sheet.addRow(HEADER).font = { bold: true };
  for (const row of templateRows(province, indicators, today)) sheet.addRow(row);
  sheet.columns.forEach((c, i) => (c.width = WIDTHS[i]));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet('Hướng dẫn');
  for (const line of [
    'Mỗi dòng là một số liệu của một chỉ tiêu, một đơn vị và một kỳ.',
    'Kỳ: Năm 2024, 6 tháng đầu năm 2024, Quý 3/2024, Tháng 10/2024 (hoặc 2024, 2024-H1, 2024-Q3, 2024-10).',
    'Giá trị: dấu phẩy thập phân và dấu chấm ngăn cách hàng nghìn (99,4; 1.034), hoặc Tử số và Mẫu số.',
    'Mã đơn vị: để mã tỉnh khi số liệu là của cả tỉnh, hoặc mã sở, ngành, huyện.',
    'Các cột Tên chỉ tiêu và Đơn vị tính chỉ để đọc, không được đọc khi tải lên. Xóa các dòng không có số liệu.',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 110;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
