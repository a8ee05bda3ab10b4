import type ExcelJS from 'exceljs';
import { VERDICT_LABELS_VI, viDate } from '@dx/domain';
import { DTI_NO_DATA, DTI_TITLE, dtiChangeVi, NATIONAL_MOTTO, placeAndDate, reportTitle } from './report-text';
import type { ReportData } from './report.types';
import {
  changeFormat,
  changesSheet,
  decimal,
  directivesSheet,
  goalsSheet,
  inertRow,
  kpiSheet,
  lateTasksSheet,
  outcomesSheet,
  SCORE,
  trendsSheet,
} from './xlsx-sheets';

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
  for (const [title, figures] of [
    ['Trụ cột', x.pillars],
    ['Chỉ số chính', x.indices],
  ] as const) {
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

/** The summary sheet, laid out as the report: heading, title, goals and tasks per group, reconciliations. */
function summarySheet(workbook: ExcelJS.Workbook, d: ReportData): void {
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
    line([
      r.scope === 'document' ? 'Toàn văn bản' : r.scope,
      r.verdict ? VERDICT_LABELS_VI[r.verdict] : 'chưa đối chiếu',
      r.reportedMet,
      r.reportedOf,
      r.computedMet,
      r.computedTotal,
    ]);
    if (r.differingGoals.length) line(['', `Mục tiêu khác nhau: ${r.differingGoals.join(', ')}`]);
  }
}

/** The report as an Excel workbook: a summary sheet laid out as the report, then one sheet per table. */
export async function buildReportXlsx(d: ReportData): Promise<Buffer> {
  // Loaded on the first workbook: exceljs is heavy, and most processes importing this lib never make one.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.creator = 'dx-tracker';
  // Fixed document dates: the same data give the same workbook.
  workbook.created = workbook.modified = new Date(`${d.issued}T00:00:00Z`);
  summarySheet(workbook, d);
  outcomesSheet(workbook, d);
  goalsSheet(workbook, d);
  lateTasksSheet(workbook, d);
  kpiSheet(workbook, d);
  dtiSheet(workbook, d);
  directivesSheet(workbook, d);
  changesSheet(workbook, d);
  trendsSheet(workbook, d);
  return fixZipDates(Buffer.from(await workbook.xlsx.writeBuffer()), workbook.created);
}

/**
 * The zip entries exceljs writes carry the time of writing; set them to the report's date
 * so the same data give the same bytes.
 */
async function fixZipDates(xlsx: Buffer, date: Date): Promise<Buffer> {
  const zip = await (await import('jszip')).default.loadAsync(xlsx);
  zip.forEach((_, entry) => {
    entry.date = date;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
