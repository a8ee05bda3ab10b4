/** The data sheets of the Excel report (one per table) and the cell helpers every sheet uses; build-xlsx.ts puts them together. */
import type ExcelJS from 'exceljs';
import {
  describeChange,
  Direction,
  DIRECTIVE_STATUS_LABELS_VI,
  GOAL_STATUS_LABELS_VI,
  IndicatorKind,
  rankOutOf,
  TASK_STATUS_LABELS_VI,
  viDate,
  viPeriodLabel,
} from '@dx/domain';
import { outcomesByGroup, outcomesByLead } from './outcome-table';
import { changeValueVi } from './report-text';
import type { ReportData } from './report.types';
import { inertCellValue } from './spreadsheet-cell';

type Column = { header: string; key: string; width: number; numFmt?: string };

/** Every value of a row as a cell no spreadsheet evaluates (spreadsheet-cell.ts): all rows of all sheets pass here. */
export const inertRow = (values: unknown[]) => values.map(inertCellValue);
const inertRecord = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, inertCellValue(v)]));

/** A data sheet: bold frozen header row, filters, number formats, real numbers (not text). */
function table(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  for (const row of rows) sheet.addRow(inertRecord(row));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

/**
 * The number format that shows a change the way describeChange words it, the cell keeping
 * the number (value − previous): a rank in places, ▲ for a climb ("▲4 bậc" for 7 → 3), other
 * kinds signed ("+0,7").
 */
export function changeFormat(k: { kind: IndicatorKind; direction: Direction }): string {
  const same = '"không đổi"';
  if (k.kind !== 'rank') return `+#,##0.####;"−"#,##0.####;${same}`;
  const places = (better: boolean) => (better ? '"▲"0" bậc"' : '"▼"0" bậc"');
  return `${places(describeChange(k, 1).trend === 'better')};${places(describeChange(k, -1).trend === 'better')};${same}`;
}

export const decimal = (v: string | null) => (v === null ? null : Number(v));
export const SCORE = '0.0000';

const goalStatus = (s: string | null) => (s ? ((GOAL_STATUS_LABELS_VI as Record<string, string>)[s] ?? s) : 'chưa có số liệu');

/** The goals sheet: every goal with its target, actual value, attainment and status. */
export function goalsSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  table(
    workbook,
    'Mục tiêu',
    [
      { header: 'Nhóm', key: 'group', width: 10 },
      { header: 'Mã', key: 'code', width: 10 },
      { header: 'Mục tiêu', key: 'title', width: 60 },
      { header: 'Chỉ tiêu', key: 'target', width: 14 },
      { header: 'Thực tế', key: 'actual', width: 12, numFmt: '#,##0.####' },
      { header: 'Kỳ số liệu', key: 'actualPeriod', width: 22 },
      { header: 'Mức đạt', key: 'attainment', width: 10, numFmt: '0.0%' },
      { header: 'Trạng thái', key: 'status', width: 18 },
      { header: 'Nguồn', key: 'source', width: 30 },
    ],
    d.goalLines.map((g) => ({ ...g, status: goalStatus(g.status), actualPeriod: g.actualPeriod && viPeriodLabel(g.actualPeriod) })),
  );
}

/** The sheet of tasks overdue or due soon, with their lead agency. */
export function lateTasksSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  table(
    workbook,
    'Nhiệm vụ chậm',
    [
      { header: 'Cơ quan chủ trì', key: 'lead', width: 30 },
      { header: 'Mã', key: 'code', width: 10 },
      { header: 'Nhiệm vụ', key: 'title', width: 60 },
      { header: 'Hạn', key: 'due', width: 12 },
      { header: 'Trạng thái', key: 'status', width: 16 },
      { header: 'Tiến độ (%)', key: 'progress', width: 10, numFmt: '0' },
      { header: 'Cảnh báo', key: 'flag', width: 14 },
    ],
    d.lateTasks.flatMap((l) =>
      l.tasks.map((t) => ({
        lead: l.leadName,
        code: t.code,
        title: t.title,
        due: t.due ? viDate(t.due) : null,
        status: TASK_STATUS_LABELS_VI[t.status] ?? t.status,
        progress: t.progress,
        flag: t.flag === 'overdue' ? 'quá hạn' : 'sắp đến hạn',
      })),
    ),
  );
}

/** The KPI sheet, each change since the previous period formatted the way describeChange words it. */
export function kpiSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  const sheet = table(
    workbook,
    'Chỉ số',
    [
      { header: 'Mã', key: 'code', width: 24 },
      { header: 'Chỉ số', key: 'name', width: 50 },
      { header: 'Đơn vị', key: 'unit', width: 10 },
      { header: 'Kỳ', key: 'period', width: 22 },
      { header: 'Giá trị', key: 'value', width: 12, numFmt: '#,##0.####' },
      { header: 'Chỉ tiêu', key: 'target', width: 14 },
      { header: 'Đạt', key: 'met', width: 8 },
      { header: 'Kỳ trước', key: 'previousPeriod', width: 20 },
      { header: 'Giá trị kỳ trước', key: 'previousValue', width: 14, numFmt: '#,##0.####' },
      { header: 'Cùng kỳ năm trước', key: 'yearAgoPeriod', width: 20 },
      { header: 'Giá trị cùng kỳ', key: 'yearAgoValue', width: 14, numFmt: '#,##0.####' },
      { header: 'Xếp hạng', key: 'rank', width: 10, numFmt: '0' },
      { header: 'Trên số tỉnh', key: 'rankOf', width: 12, numFmt: '0' },
      { header: 'So với kỳ trước', key: 'previousChange', width: 14 },
    ],
    d.kpis.map((k) => {
      // A rank among only one province with data says nothing (rankOutOf): left empty.
      const ranked = rankOutOf(k.rank, k.rankOf) !== null;
      return {
        code: k.code,
        name: k.name,
        unit: k.unit,
        period: viPeriodLabel(k.period),
        value: k.value,
        target: k.target,
        met: k.met === null ? null : k.met ? 'đạt' : 'chưa đạt',
        previousPeriod: viPeriodLabel(k.previousPeriod),
        previousValue: k.previousValue,
        yearAgoPeriod: viPeriodLabel(k.yearAgoPeriod),
        yearAgoValue: k.yearAgoValue,
        rank: ranked ? k.rank : null,
        rankOf: ranked ? k.rankOf : null,
        previousChange: decimal(k.previousChange),
      };
    }),
  );
  d.kpis.forEach((k, i) => {
    sheet.getRow(i + 2).getCell('previousChange').numFmt = changeFormat(k);
  });
}

export function directivesSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  table(
    workbook,
    'Chỉ đạo',
    [
      { header: 'Nội dung', key: 'body', width: 60 },
      { header: 'Đối tượng', key: 'target', width: 14 },
      { header: 'Cơ quan thực hiện', key: 'assignee', width: 24 },
      { header: 'Hạn', key: 'due', width: 12 },
      { header: 'Trạng thái', key: 'status', width: 18 },
      { header: 'Quá hạn', key: 'overdue', width: 10 },
      { header: 'Trả lời', key: 'answer', width: 50 },
    ],
    d.directives.map((x) => ({
      ...x,
      due: x.due ? viDate(x.due) : null,
      status: DIRECTIVE_STATUS_LABELS_VI[x.status] ?? x.status,
      overdue: x.overdue ? 'quá hạn' : '',
    })),
  );
}

export function changesSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  table(
    workbook,
    'Thay đổi',
    [
      { header: 'Nội dung', key: 'what', width: 40 },
      { header: 'Trường', key: 'field', width: 12 },
      { header: 'Từ', key: 'from', width: 18 },
      { header: 'Thành', key: 'to', width: 18 },
      { header: 'Ngày', key: 'asOf', width: 12 },
    ],
    d.changes.map((c) => ({ ...c, from: changeValueVi(c.field, c.from), to: changeValueVi(c.field, c.to), asOf: viDate(c.asOf) })),
  );
}

export function trendsSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  table(
    workbook,
    'Xu hướng',
    [
      { header: 'Mã', key: 'code', width: 24 },
      { header: 'Chỉ số', key: 'name', width: 50 },
      { header: 'Kỳ', key: 'period', width: 22 },
      { header: 'Giá trị', key: 'value', width: 12, numFmt: '#,##0.####' },
    ],
    d.trends.flatMap((t) => t.points.map((p) => ({ code: t.code, name: t.name, period: viPeriodLabel(p.period), value: p.value }))),
  );
}

/**
 * The sheet of task outcomes (`taskOutcome`): done on time, done late, open within the deadline,
 * open past it, per task group and per lead agency, each block ending with the document's total.
 */
export function outcomesSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  const sheet = workbook.addWorksheet('Kết quả nhiệm vụ');
  sheet.columns = [{ width: 14 }, { width: 44 }, { width: 14 }, { width: 14 }, { width: 18 }, { width: 18 }, { width: 10 }];
  const blocks = [
    ['Kết quả thực hiện nhiệm vụ theo nhóm', outcomesByGroup(d)],
    ['Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì', outcomesByLead(d)],
  ] as const;
  for (const [title, t] of blocks) {
    if (sheet.rowCount) sheet.addRow([]);
    sheet.addRow(inertRow([title])).font = { bold: true };
    sheet.addRow(inertRow(t.header)).font = { bold: true };
    t.rows.forEach((r, i) => {
      const row = sheet.addRow(inertRow(r));
      if (i === t.rows.length - 1) row.font = { bold: true };
    });
  }
}
