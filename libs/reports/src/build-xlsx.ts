import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  describeChange, Direction, DIRECTIVE_STATUS_LABELS_VI, GOAL_STATUS_LABELS_VI, IndicatorKind, rankOutOf, TASK_STATUS_LABELS_VI, VERDICT_LABELS_VI, viDate,
} from '@dx/domain';
import { changeValueVi, DTI_NO_DATA, DTI_TITLE, dtiChangeVi, NATIONAL_MOTTO, placeAndDate, reportTitle } from './report-text';
import type { ReportData } from './report.types';
import { inertCellValue } from './spreadsheet-cell';

type Column = { header: string; key: string; width: number; numFmt?: string };

/** Every value of a row as a cell no spreadsheet evaluates (spreadsheet-cell.ts): all rows of all sheets pass here. */
const inertRow = (values: unknown[]) => values.map(inertCellValue);
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
function changeFormat(k: { kind: IndicatorKind; direction: Direction }): string {
  const same = '"không đổi"';
  if (k.kind !== 'rank') return `+#,##0.####;"−"#,##0.####;${same}`;
  const places = (better: boolean) => (better ? '"▲"0" bậc"' : '"▼"0" bậc"');
  return `${places(describeChange(k, 1).trend === 'better')};${places(describeChange(k, -1).trend === 'better')};${same}`;
}

const decimal = (v: string | null) => (v === null ? null : Number(v));
const SCORE = '0.0000';

/**
 * The DTI sheet, laid out in blocks like the summary: the year's position and change, the
 * pillars, the main indices, the entries ranked near the province, the years. Real numbers.
 */
function dtiSheet(workbook: ExcelJS.Workbook, d: ReportData): void {
  const sheet = workbook.addWorksheet('DTI');
  sheet.columns = [{ width: 28 }, { width: 30 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 18 }, { width: 16 }];
  const line = (values: unknown[], options: { bold?: boolean; formats?: Record<number, string> } = {}) => {
    const row = sheet.addRow(inertRow(values));
    if (options.bold) row.font = { bold: true };
    for (const [column, numFmt] of Object.entries(options.formats ?? {})) row.getCell(Number(column)).numFmt = numFmt;
  };
  line([DTI_TITLE], { bold: true });
  line([d.province.name, d.province.code]);
  const x = d.dti;
  if (!x) {
    line([DTI_NO_DATA]);
    return;
  }
  line([]);
  line(['Năm', 'Điểm', 'Hạng', 'Số tỉnh xếp hạng', 'Thay đổi điểm', 'Thay đổi hạng (bậc)', 'Hạng theo công bố'], { bold: true });
  // Places gained (positive is up): ▲ for a climb, as the dashboard and describeChange say it.
  line([x.year, decimal(x.score), x.rank, x.total, decimal(x.scoreChange), x.rankChange, x.rankGiven ? 'có' : 'tính từ điểm số'], {
    formats: { 2: SCORE, 5: '+0.0000;-0.0000;0', 6: changeFormat({ kind: 'rank', direction: 'up' }) },
  });
  if (dtiChangeVi(x)) line([dtiChangeVi(x)]);
  for (const [title, figures] of [['Trụ cột', x.pillars], ['Chỉ số chính', x.indices]] as const) {
    line([]);
    line([title, 'Điểm', 'Hạng'], { bold: true });
    for (const f of figures) line([f.name, decimal(f.score), f.rank], { formats: { 2: SCORE } });
  }
  line([]);
  line(['Xếp hạng gần nhau', 'Tỉnh, thành phố', 'Điểm', 'Mã tỉnh'], { bold: true });
  for (const p of x.peers) line([p.rank, p.name, decimal(p.score), p.province], { bold: p.self, formats: { 3: SCORE } });
  line([]);
  line(['Các năm', 'Điểm', 'Hạng', 'Số tỉnh xếp hạng'], { bold: true });
  for (const h of x.history) line([h.year, decimal(h.score), h.rank, h.total], { formats: { 2: SCORE } });
}

const goalStatus = (s: string | null) => (s ? (GOAL_STATUS_LABELS_VI as Record<string, string>)[s] ?? s : 'chưa có số liệu');

/** The report as an Excel workbook: a summary sheet laid out as the report, then one sheet per table. */
export async function buildReportXlsx(d: ReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dx-tracker';
  // Fixed document dates: the same data give the same workbook.
  workbook.created = workbook.modified = new Date(`${d.issued}T00:00:00Z`);
  const { title, subtitle } = reportTitle(d);

  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 14 }, { width: 48 }, { width: 12 }, { width: 12 }, { width: 14 }, { width: 16 }];
  const line = (values: unknown[], bold = false) => {
    const row = summary.addRow(inertRow(values));
    if (bold) row.font = { bold: true };
    return row;
  };
  line([d.heading.parentBody, '', '', NATIONAL_MOTTO[0]]);
  line([d.heading.issuer, '', '', NATIONAL_MOTTO[1]], true);
  line([d.heading.number, '', '', placeAndDate(d)]);
  line([]);
  line([title], true);
  line([subtitle], true);
  line([`Số liệu tính đến ${viDate(d.asOf)}`]);
  line([]);
  line(['Tổng hợp mục tiêu', '', 'Đạt', 'Tổng số', 'Đã nhập', 'Theo văn bản'], true);
  line(['Toàn văn bản', d.document.code, d.goals.met, d.goals.total, d.goals.recorded, d.goals.declared]);
  for (const g of d.goalGroups) line([g.code, g.name, g.met, g.total, g.recorded, g.declared]);
  line([]);
  line(['Nhiệm vụ', '', 'Hoàn thành', 'Tổng số', 'Quá hạn', 'Theo văn bản'], true);
  line(['Toàn văn bản', d.document.code, d.tasks.counts.done ?? 0, d.tasks.total, d.tasks.overdue, d.tasks.declared]);
  for (const g of d.taskGroups) line([g.code, g.name, g.counts.done ?? 0, g.total, g.overdue, g.declared]);
  line([]);
  line(['Đối chiếu báo cáo', 'Kết luận', 'Báo cáo đạt', 'Trên', 'Tính được đạt', 'Tính được trên'], true);
  for (const r of d.reconciliations) {
    line([r.scope === 'document' ? 'Toàn văn bản' : r.scope, r.verdict ? VERDICT_LABELS_VI[r.verdict] : 'chưa đối chiếu', r.reportedMet, r.reportedOf, r.computedMet, r.computedTotal]);
    if (r.differingGoals.length) line(['', `Mục tiêu khác nhau: ${r.differingGoals.join(', ')}`]);
  }

  table(workbook, 'Mục tiêu', [
    { header: 'Nhóm', key: 'group', width: 10 }, { header: 'Mã', key: 'code', width: 10 }, { header: 'Mục tiêu', key: 'title', width: 60 },
    { header: 'Chỉ tiêu', key: 'target', width: 14 }, { header: 'Thực tế', key: 'actual', width: 12, numFmt: '#,##0.####' },
    { header: 'Kỳ số liệu', key: 'actualPeriod', width: 12 }, { header: 'Mức đạt', key: 'attainment', width: 10, numFmt: '0.0%' },
    { header: 'Trạng thái', key: 'status', width: 18 }, { header: 'Nguồn', key: 'source', width: 30 },
  ], d.goalLines.map((g) => ({ ...g, status: goalStatus(g.status) })));

  table(workbook, 'Nhiệm vụ chậm', [
    { header: 'Cơ quan chủ trì', key: 'lead', width: 30 }, { header: 'Mã', key: 'code', width: 10 }, { header: 'Nhiệm vụ', key: 'title', width: 60 },
    { header: 'Hạn', key: 'due', width: 12 }, { header: 'Trạng thái', key: 'status', width: 16 }, { header: 'Tiến độ (%)', key: 'progress', width: 10, numFmt: '0' },
    { header: 'Cảnh báo', key: 'flag', width: 14 },
  ], d.lateTasks.flatMap((l) => l.tasks.map((t) => ({
    lead: l.leadName, code: t.code, title: t.title, due: t.due ? viDate(t.due) : null, status: TASK_STATUS_LABELS_VI[t.status] ?? t.status,
    progress: t.progress, flag: t.flag === 'overdue' ? 'quá hạn' : 'sắp đến hạn',
  }))));

  const kpiSheet = table(workbook, 'Chỉ số', [
    { header: 'Mã', key: 'code', width: 24 }, { header: 'Chỉ số', key: 'name', width: 50 }, { header: 'Đơn vị', key: 'unit', width: 10 },
    { header: 'Kỳ', key: 'period', width: 10 }, { header: 'Giá trị', key: 'value', width: 12, numFmt: '#,##0.####' }, { header: 'Chỉ tiêu', key: 'target', width: 14 },
    { header: 'Đạt', key: 'met', width: 8 }, { header: 'Kỳ trước', key: 'previousPeriod', width: 10 },
    { header: 'Giá trị kỳ trước', key: 'previousValue', width: 14, numFmt: '#,##0.####' }, { header: 'Cùng kỳ năm trước', key: 'yearAgoPeriod', width: 14 },
    { header: 'Giá trị cùng kỳ', key: 'yearAgoValue', width: 14, numFmt: '#,##0.####' }, { header: 'Xếp hạng', key: 'rank', width: 10, numFmt: '0' },
    { header: 'Trên số tỉnh', key: 'rankOf', width: 12, numFmt: '0' }, { header: 'So với kỳ trước', key: 'previousChange', width: 14 },
  ], d.kpis.map((k) => {
    // A rank among only one province with data says nothing (rankOutOf): left empty.
    const ranked = rankOutOf(k.rank, k.rankOf) !== null;
    return {
      code: k.code, name: k.name, unit: k.unit, period: k.period, value: k.value, target: k.target, met: k.met === null ? null : k.met ? 'đạt' : 'chưa đạt',
      previousPeriod: k.previousPeriod, previousValue: k.previousValue, yearAgoPeriod: k.yearAgoPeriod, yearAgoValue: k.yearAgoValue,
      rank: ranked ? k.rank : null, rankOf: ranked ? k.rankOf : null, previousChange: decimal(k.previousChange),
    };
  }));
  d.kpis.forEach((k, i) => {
    kpiSheet.getRow(i + 2).getCell('previousChange').numFmt = changeFormat(k);
  });

  dtiSheet(workbook, d);

  table(workbook, 'Chỉ đạo', [
    { header: 'Nội dung', key: 'body', width: 60 }, { header: 'Đối tượng', key: 'target', width: 14 }, { header: 'Cơ quan thực hiện', key: 'assignee', width: 24 },
    { header: 'Hạn', key: 'due', width: 12 }, { header: 'Trạng thái', key: 'status', width: 18 }, { header: 'Quá hạn', key: 'overdue', width: 10 },
    { header: 'Trả lời', key: 'answer', width: 50 },
  ], d.directives.map((x) => ({ ...x, due: x.due ? viDate(x.due) : null, status: DIRECTIVE_STATUS_LABELS_VI[x.status] ?? x.status, overdue: x.overdue ? 'quá hạn' : '' })));

  table(workbook, 'Thay đổi', [
    { header: 'Nội dung', key: 'what', width: 40 }, { header: 'Trường', key: 'field', width: 12 }, { header: 'Từ', key: 'from', width: 18 },
    { header: 'Thành', key: 'to', width: 18 }, { header: 'Ngày', key: 'asOf', width: 12 },
  ], d.changes.map((c) => ({ ...c, from: changeValueVi(c.field, c.from), to: changeValueVi(c.field, c.to), asOf: viDate(c.asOf) })));

  table(workbook, 'Xu hướng', [
    { header: 'Mã', key: 'code', width: 24 }, { header: 'Chỉ số', key: 'name', width: 50 }, { header: 'Kỳ', key: 'period', width: 10 },
    { header: 'Giá trị', key: 'value', width: 12, numFmt: '#,##0.####' },
  ], d.trends.flatMap((t) => t.points.map((p) => ({ code: t.code, name: t.name, period: p.period, value: p.value }))));

  return fixZipDates(Buffer.from(await workbook.xlsx.writeBuffer()), workbook.created);
}

/**
 * The zip entries exceljs writes carry the time of writing; set them to the report's date
 * so the same data give the same bytes.
 */
async function fixZipDates(xlsx: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.forEach((_, entry) => {
    entry.date = date;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
