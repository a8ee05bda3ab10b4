import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { DomainError, kpiMessages, Localised } from '@dx/domain';
import { columnOf, csvDelimiter } from './bulk-columns';
import { bulkMessages } from './bulk.messages';
import { xlsxLimitProblem } from './xlsx-limits';

/** Most rows one upload may carry. */
export const BULK_MAX_ROWS = 10_000;
export const BULK_BODY_LIMIT = '10mb';
export const CSV_TYPES = ['text/csv', 'application/csv'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What an uploaded workbook may unpack to before exceljs reads it (xlsx-limits.ts): a header and BULK_MAX_ROWS rows, twice over. */
export const XLSX_LIMITS = { inflatedBytes: 64 * 1024 * 1024, rows: 2 * (BULK_MAX_ROWS + 1) };

/** A row as uploaded: column name → text, and where it was (JSON index, CSV line, sheet row). */
export interface UploadedRow {
  values: Record<string, unknown>;
  line: number;
}

const COLUMNS = ['indicator', 'province', 'org', 'period', 'value', 'numerator', 'denominator', 'source', 'note'];

function tooMany(n: number): never {
  throw new DomainError('INVALID_INPUT', kpiMessages.tooManyRows(BULK_MAX_ROWS, n), {
    errors: [{ path: 'rows', messages: [kpiMessages.tooManyRowsRule(BULK_MAX_ROWS, n)] }],
  });
}

function badFile(message: Localised): never {
  throw new DomainError('INVALID_INPUT', message, { errors: [{ path: 'file', messages: [message] }] });
}

/** JSON: `{ "rows": [ … ] }` or a bare array of rows. */
export function rowsFromJson(body: unknown): UploadedRow[] {
  const rows = Array.isArray(body) ? body : (body as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) badFile(bulkMessages.sendRows());
  if (rows.length > BULK_MAX_ROWS) tooMany(rows.length);
  return rows.map((values, i) => ({
    values: (values && typeof values === 'object' && !Array.isArray(values) ? values : { row: values }) as Record<string, unknown>,
    line: i + 1,
  }));
}

/** CSV in UTF-8 (a BOM is fine), separated by `,` or `;` (as Excel set to Vietnamese saves it), first line the column names (bulk-columns.ts): indicator, province, org, period, value, numerator, denominator, source, note. */
export function rowsFromCsv(bytes: Buffer): UploadedRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    badFile(bulkMessages.csvNotUtf8());
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map(columnOf),
      delimiter: csvDelimiter(text),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 100_000,
    });
  } catch (error) {
    badFile(bulkMessages.csvUnreadable((error as Error).message));
  }
  if (records.length > BULK_MAX_ROWS) tooMany(records.length);
  return records.map(({ record, info }) => ({ values: withoutEmpty(record), line: info.lines }));
}

/** The first worksheet of an .xlsx file, first row the column names. */
export async function rowsFromXlsx(bytes: Buffer): Promise<UploadedRow[]> {
  const tooLarge = await xlsxLimitProblem(bytes, XLSX_LIMITS);
  if (tooLarge) badFile(bulkMessages.xlsxTooLarge(tooLarge, BULK_MAX_ROWS));
  // Loaded on the first workbook: exceljs is heavy, and most requests and processes never read or make one.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    badFile(bulkMessages.notXlsx());
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) badFile(bulkMessages.noWorksheet());
  if (sheet.actualRowCount - 1 > BULK_MAX_ROWS) tooMany(sheet.actualRowCount - 1);
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (header[col] = columnOf(cellText(cell.value)) || ''));
  if (!header.includes('indicator')) badFile(bulkMessages.noHeader(COLUMNS.join(', ')));
  const rows: UploadedRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (header[col]) values[header[col]] = cellText(cell.value).trim();
    });
    const kept = withoutEmpty(values);
    if (Object.keys(kept).length) rows.push({ values: kept, line: number });
  });
  return rows;
}

function withoutEmpty(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '' && v !== undefined));
}

/**
 * A cell as text: formulas by their result, dates as YYYY-MM-DD, numbers with the decimal comma (a number cell
 * is exact, so its 1.034 must not be read as the thousands of a typed `1.034`).
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    return '';
  }
  return String(value);
}
