import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildReportPdf } from './build-pdf';
import { buildReportXlsx } from './build-xlsx';
import { defaultHeading } from './report-text';
import type { ReportData } from './report.types';

const data: ReportData = {
  heading: defaultHeading('Quảng Ninh'),
  province: { code: 'QNI', name: 'Quảng Ninh' },
  document: { code: '37/KH-UBND', title: 'Kế hoạch chuyển đổi số năm 2023', type: 'plan', scope: 'province' },
  period: '2023-Q4',
  asOf: '2023-12-31',
  issued: '2024-01-05',
  goals: { met: 3, total: 4, recorded: 4, declared: 7 },
  tasks: { total: 3, counts: { done: 1, in_progress: 1, not_started: 1, cancelled: 0 }, overdue: 1, recorded: 3, declared: 8 },
  goalGroups: [{ code: 'MT1', name: 'Chính quyền số', met: 3, total: 4, recorded: 4, declared: 7 }],
  taskGroups: [{ code: 'NV1', name: 'Nhận thức số', counts: { done: 1 }, total: 3, overdue: 1, recorded: 3, declared: 8 }],
  reconciliations: [{ scope: 'document', asOf: '2023-12-31', reportedMet: 4, reportedOf: 4, reportedOpen: 0, computedMet: 3, computedTotal: 4, verdict: 'differs', differingGoals: ['MT1.4'], reasons: [] }],
  goalLines: [{ group: 'MT1', code: 'MT1.1', title: 'Tỷ lệ dịch vụ công trực tuyến toàn trình', target: '>= 80', actual: 81, actualPeriod: '2023-H2', attainment: 1.0125, status: 'met', source: 'Cổng DVC' }],
  lateTasks: [{ lead: 'STTTT', leadName: 'Sở Thông tin và Truyền thông', tasks: [{ code: 'NV1.2', title: 'Tập huấn kỹ năng số', due: '2023-06-30', status: 'in_progress', progress: 40, flag: 'overdue' }] }],
  kpis: [{ code: 'thu-nsnn', name: 'Tỷ lệ thu ngân sách không dùng tiền mặt', unit: '%', period: '2023-H2', value: 99.2, target: null, met: null, previousPeriod: '2023-H1', previousValue: 98.5, yearAgoPeriod: '2022-H2', yearAgoValue: null, rank: 3, rankOf: 63 }],
  directives: [{ body: 'Đẩy nhanh tiến độ số hóa hồ sơ', target: 'NV1', assignee: 'Sở Thông tin và Truyền thông', due: '2023-11-30', status: 'open', overdue: true, answer: null }],
  changesSince: '2023-09-30',
  changes: [{ what: 'Mục tiêu MT1.1', field: 'status', from: 'on_track', to: 'met', asOf: '2023-12-31' }],
  trends: [{ code: 'dvc', name: 'Dịch vụ công toàn trình', unit: '%', points: [{ period: '2023-Q2', value: 70 }, { period: '2023-Q3', value: 76 }, { period: '2023-Q4', value: 81 }] }],
};

describe('report builders', () => {
  it('XLSX: a summary sheet and one sheet per table, real numbers with formats, frozen headers and filters', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildReportXlsx(data)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Mục tiêu', 'Nhiệm vụ chậm', 'Chỉ số', 'Chỉ đạo', 'Thay đổi', 'Xu hướng']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH');
    expect(summary.getCell('D1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const goals = workbook.getWorksheet('Mục tiêu')!;
    expect(goals.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(goals.autoFilter).toBeTruthy();
    expect(goals.getCell('E2').value).toBe(81);
    expect(goals.getCell('G2')).toMatchObject({ value: 1.0125, numFmt: '0.0%' });
    expect(goals.getCell('H2').value).toBe('đạt');
    expect(workbook.getWorksheet('Chỉ số')!.getCell('E2').value).toBe(99.2);
  });

  it('XLSX: the same data give the same bytes', async () => {
    expect((await buildReportXlsx(data)).equals(await buildReportXlsx(data))).toBe(true);
  });

  it('PDF: A4 with the Vietnamese heading, diacritics intact, charts and page numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dx-report-'));
    const file = join(dir, 'report.pdf');
    writeFileSync(file, await buildReportPdf(data));
    // Lines wrap where the page does: compare with runs of whitespace collapsed.
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày 05 tháng 01 năm 2024', 'BÁO CÁO', 'Kết quả thực hiện Kế hoạch số 37/KH-UBND — quý IV năm 2023',
      'Tập huấn kỹ năng số', 'Đẩy nhanh tiến độ số hóa hồ sơ', 'Mục tiêu đạt theo nhóm', 'trang 1/', 'Nơi nhận:',
      '4/4 đạt, còn 0 chưa đạt — số liệu tính được 3/4 đạt — đối chiếu: KHÁC số liệu tính được',
    ]) {
      expect(text).toContain(expected);
    }
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });
});
