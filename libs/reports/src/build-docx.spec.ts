import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildReportDocx } from './build-docx';
import { buildReportPdf } from './build-pdf';
import { buildReportXlsx } from './build-xlsx';
import { kpiTrendOption } from './charts';
import { REPORT_DATA as data } from './report-data.fixture';
import { defaultHeading, reportNumberLine } from './report-text';
import type { ReportData } from './report.types';

/** The text of a DOCX's body, paragraph by paragraph. */
async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

async function pdfText(d: ReportData): Promise<{ text: string; fonts: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'dx-report-')), 'report.pdf');
  writeFileSync(file, await buildReportPdf(d));
  return {
    text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' '),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

const numbered: ReportData = {
  ...data,
  heading: {
    ...data.heading,
    number: reportNumberLine('125/BC-SKHCN'),
    signerName: 'Nguyễn Văn An',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
  },
};

describe('report builders: DOCX, the task outcomes, the font and the 2025 heading', () => {
  it('DOCX: the heading, number, sections, tables and signer of the PDF, diacritics intact', async () => {
    const text = await docxText(await buildReportDocx(numbered));
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'Số: 125/BC-SKHCN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Quảng Ninh, ngày 05 tháng 01 năm 2024',
      'Kết quả thực hiện Kế hoạch số 37/KH-UBND — quý IV năm 2023',
      'I. TỔNG HỢP KẾT QUẢ',
      'Kết quả thực hiện 3 nhiệm vụ: 1 hoàn thành đúng hạn, 0 hoàn thành quá hạn, 1 chưa hoàn thành nhưng còn trong hạn, 1 chưa hoàn thành và đã quá hạn.',
      'Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì',
      'Văn phòng UBND tỉnh',
      'KHÁC số liệu tính được',
      'Tỷ lệ dịch vụ công trực tuyến toàn trình',
      'Tập huấn kỹ năng số',
      'VI. CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)',
      'Đẩy nhanh tiến độ số hóa hồ sơ',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('PDF: Tinos embedded, the number and signer printed, the four outcomes per group and per lead agency', async () => {
    const { text, fonts } = await pdfText(numbered);
    expect(fonts).toMatch(/Tinos/);
    expect(fonts).not.toMatch(/Roboto/);
    for (const expected of [
      'Số: 125/BC-SKHCN',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Kết quả thực hiện nhiệm vụ theo nhóm',
      'NV1 Nhận thức số 1 0 1 1 3',
      'Sở Thông tin và Truyền thông 0 0 1 1 2',
      'Tổng cộng 37/KH-UBND 1 0 1 1 3',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('XLSX: the outcome sheet counts the four categories per group and per lead agency as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildReportXlsx(data)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Kết quả nhiệm vụ')!;
    const rows = Array.from({ length: sheet.rowCount }, (_, i) => ((sheet.getRow(i + 1).values as unknown[]) ?? []).slice(1));
    expect(rows[1]).toEqual(['Nhóm', 'Tên', 'HT đúng hạn', 'HT quá hạn', 'Chưa HT, còn hạn', 'Chưa HT, quá hạn', 'Tổng số']);
    expect(rows).toContainEqual(['NV1', 'Nhận thức số', 1, 0, 1, 1, 3]);
    expect(rows).toContainEqual(['VPUBND', 'Văn phòng UBND tỉnh', 1, 0, 0, 0, 1]);
    expect(rows.filter((r) => r[0] === 'Tổng cộng')).toEqual([
      ['Tổng cộng', '37/KH-UBND', 1, 0, 1, 1, 3],
      ['Tổng cộng', '37/KH-UBND', 1, 0, 1, 1, 3],
    ]);
  });

  it('PDF and DOCX leave the outcome tables out for a document without tasks', async () => {
    const none: ReportData = {
      ...data,
      taskGroups: [],
      taskOutcomes: { total: { ...data.taskOutcomes.total, done_on_time: 0, open_on_time: 0, open_overdue: 0 }, byGroup: [], byLead: [] },
    };
    expect((await pdfText(none)).text).not.toContain('Kết quả thực hiện nhiệm vụ theo nhóm');
    expect(await docxText(await buildReportDocx(none))).not.toContain('Kết quả thực hiện nhiệm vụ theo nhóm');
  });

  it('the default heading follows the date: Sở TT&TT before 2025-03-01, Sở KH&CN after', () => {
    expect(defaultHeading('Quảng Ninh', '2024-12-31')).toMatchObject({
      issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      number: 'Số:        /BC-STTTT',
    });
    expect(defaultHeading('Quảng Ninh', '2026-03-31')).toMatchObject({
      issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      number: 'Số:        /BC-SKHCN',
    });
    expect(reportNumberLine('Số: 12/BC-SKHCN')).toBe('Số: 12/BC-SKHCN');
  });

  it('chart: the trend legend names each KPI, not its code', () => {
    const option = kpiTrendOption(data) as { legend: { data: string[] }; series: { name: string }[] };
    expect(option.legend.data).toEqual(data.trends.filter((t) => t.points.length > 1).map((t) => t.name));
    expect(option.series.map((s) => s.name)).not.toContain(data.trends[0].code);
  });
});
