/**
 * The columns of an uploaded CSV or Excel file. A file may name them as the API does
 * (`indicator`, `period`, `value` …) or in Vietnamese as the downloadable template does
 * (`Mã chỉ tiêu`, `Kỳ`, `Giá trị` …, also `Giá trị (value)`); the template's `Tên chỉ tiêu` and
 * `Đơn vị tính` are there for the reader and skipped.
 */
export const BULK_COLUMNS = ['indicator', 'province', 'org', 'period', 'value', 'numerator', 'denominator', 'source', 'note'] as const;

/** Columns a file may carry for its reader, not read. */
const SKIPPED = new Set(['name', 'unit', 'ten chi tieu', 'don vi tinh']);

const ALIASES: Record<string, string> = {
  'ma chi tieu': 'indicator',
  'chi tieu': 'indicator',
  tinh: 'province',
  'ma tinh': 'province',
  'don vi': 'org',
  'ma don vi': 'org',
  ky: 'period',
  'ky bao cao': 'period',
  'gia tri': 'value',
  'tu so': 'numerator',
  'mau so': 'denominator',
  nguon: 'source',
  'nguon so lieu': 'source',
  'ghi chu': 'note',
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9()]+/g, ' ')
    .trim();

/** The column a header cell names: a BULK_COLUMNS name, false for a column to skip, or the header itself (refused later as unknown). */
export function columnOf(header: string): string | false {
  const whole = fold(header);
  const outside = whole.replace(/\(.*?\)/g, '').trim();
  const inside = /\(([^)]*)\)/.exec(whole)?.[1].trim() ?? '';
  for (const key of [whole, outside, inside]) {
    if (!key) continue;
    if (SKIPPED.has(key)) return false;
    if ((BULK_COLUMNS as readonly string[]).includes(key)) return key;
    if (ALIASES[key]) return ALIASES[key];
  }
  return header.trim().toLowerCase();
}

/** The separator of a CSV file, read from its header line: `;` (Excel set to Vietnamese), a tab, or `,`. */
export function csvDelimiter(text: string): string {
  const firstLine = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    .replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}
