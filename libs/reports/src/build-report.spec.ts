import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildReportPdf } from './build-pdf';
import { buildReportXlsx } from './build-xlsx';
import { dtiChangeVi, dtiRankChangeVi, dtiScoreChangeVi, rankVi } from './report-text';
import { kpiTrendChart, kpiTrendOption } from './charts';
import type { KpiLine, ReportData } from './report.types';
import { REPORT_DATA } from './report-data.fixture';

const data = REPORT_DATA;

/** A sheet's rows from the first, an empty row as []. */
const rowsOf = (sheet: ExcelJS.Worksheet) =>
  Array.from({ length: sheet.rowCount }, (_, i) => ((sheet.getSheetValues()[i + 1] as unknown[] | undefined) ?? []).slice(1));
/** The rows after the header row whose first cell is `title`, up to the next empty row. */
const block = (rows: unknown[][], title: string) => {
  const start = rows.findIndex((r) => r[0] === title) + 1;
  const end = rows.findIndex((r, i) => i >= start && r.length === 0);
  return rows.slice(start, end < 0 ? undefined : end);
};

async function workbookOf(d: ReportData) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildReportXlsx(d)) as unknown as ArrayBuffer);
  return workbook;
}

async function pdfTextOf(d: ReportData) {
  const file = join(mkdtempSync(join(tmpdir(), 'dx-report-')), 'report.pdf');
  writeFileSync(file, await buildReportPdf(d));
  // Lines wrap where the page does: compare with runs of whitespace collapsed.
  return { file, text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ') };
}

describe('report builders', () => {
  it('XLSX: a summary sheet and one sheet per table, real numbers with formats, frozen headers and filters', async () => {
    const workbook = await workbookOf(data);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Tổng hợp',
      'Kết quả nhiệm vụ',
      'Mục tiêu',
      'Nhiệm vụ chậm',
      'Chỉ số',
      'DTI',
      'Chỉ đạo',
      'Thay đổi',
      'Xu hướng',
    ]);
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

  it('XLSX: text a spreadsheet would evaluate comes back as inert text on every sheet; numbers stay numbers', async () => {
    const hostile: ReportData = {
      ...data,
      heading: { ...data.heading, parentBody: '=HYPERLINK("http://x","y")', issuer: '@SUM(A1)', number: '+1+1' },
      province: { ...data.province, name: '-1+1' },
      goalGroups: [{ ...data.goalGroups[0], name: '=HYPERLINK("http://x/g","nhóm")' }],
      taskGroups: [{ ...data.taskGroups[0], name: '\t=1' }],
      goalLines: [{ ...data.goalLines[0], title: '=HYPERLINK("http://x/goal","Mục tiêu")', source: '@SUM(A1)' }],
      lateTasks: [
        {
          ...data.lateTasks[0],
          leadName: '=HYPERLINK("http://x/agency","Sở")',
          tasks: [{ ...data.lateTasks[0].tasks[0], title: '@SUM(A1)' }],
        },
      ],
      kpis: [{ ...data.kpis[0], name: "=cmd|' /C calc'!A0", unit: '-', value: -5 }],
      directives: [{ ...data.directives[0], body: '\r=1', answer: '+1+1', assignee: '=1+1' }],
      changes: [{ ...data.changes[0], what: '-1+1' }],
      trends: [{ ...data.trends[0], name: '=1+1', points: [{ period: '2023-Q4', value: -3 }] }],
      dti: {
        ...data.dti!,
        pillars: [{ name: '=1+1', score: '0.5', rank: 1 }],
        peers: [{ name: '@SUM(A1)', province: null, rank: 1, score: '0.8', self: false }],
      },
    };
    const bytes = await buildReportXlsx(hostile);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      );
    }
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    for (const payload of [
      '=HYPERLINK("http://x/goal","Mục tiêu")',
      '=HYPERLINK("http://x/agency","Sở")',
      '@SUM(A1)',
      "=cmd|' /C calc'!A0",
      '\t=1',
      '+1+1',
      '-1+1',
      '=1+1',
    ]) {
      expect(texts).toContain(`'${payload}`);
    }
    // XML reads a carriage return back as a line feed; the apostrophe is still first.
    expect(texts).toContain("'\n=1");
    // What Excel reads: no formula element in any sheet.
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)))
      expect(await zip.file(name)!.async('string')).not.toMatch(/<f[\s>]/);
    expect(workbook.getWorksheet('Mục tiêu')!.getCell('C2').value).toBe('\'=HYPERLINK("http://x/goal","Mục tiêu")');
    expect(workbook.getWorksheet('Nhiệm vụ chậm')!.getCell('A2').value).toBe('\'=HYPERLINK("http://x/agency","Sở")');
    expect(workbook.getWorksheet('Chỉ số')!.getCell('E2').value).toBe(-5);
    expect(workbook.getWorksheet('Xu hướng')!.getCell('D2').value).toBe(-3);
  });

  it('XLSX: the same data give the same bytes', async () => {
    expect((await buildReportXlsx(data)).equals(await buildReportXlsx(data))).toBe(true);
  });

  it('PDF: A4 with the Vietnamese heading, diacritics intact, charts and page numbers', async () => {
    const { file, text } = await pdfTextOf(data);
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ninh, ngày 05 tháng 01 năm 2024',
      'BÁO CÁO',
      'Kết quả thực hiện Kế hoạch số 37/KH-UBND — quý IV năm 2023',
      'Tập huấn kỹ năng số',
      'Đẩy nhanh tiến độ số hóa hồ sơ',
      'Mục tiêu đạt theo nhóm',
      'trang 1/',
      'Nơi nhận:',
      '4/4 đạt, còn 0 chưa đạt — số liệu tính được 3/4 đạt — đối chiếu: KHÁC số liệu tính được',
    ]) {
      expect(text).toContain(expected);
    }
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('XLSX: the DTI sheet has the year, score, rank of the table, changes as numbers, pillars, indices, peers and years', async () => {
    const rows = rowsOf((await workbookOf(data)).getWorksheet('DTI')!);
    expect(rows[0]).toEqual(['Chỉ số chuyển đổi số (DTI)']);
    expect(block(rows, 'Năm')[0]).toEqual([2022, 0.7024, 3, 63, 0.2052, 4, 'có']);
    expect(block(rows, 'Năm')[1]).toEqual(['so với năm 2021: tăng 4 bậc, +0,2052 điểm']);
    expect(block(rows, 'Trụ cột')).toEqual([
      ['Chính quyền số', 0.7804, 4],
      ['Kinh tế số', 0.7187, 9],
      ['Xã hội số', 0.6864, 2],
    ]);
    expect(block(rows, 'Chỉ số chính')).toEqual([
      ['Thể chế số', undefined, 1],
      ['Hoạt động xã hội số', undefined, 2],
    ]);
    expect(block(rows, 'Xếp hạng gần nhau')).toEqual([
      [1, 'Đà Nẵng', 0.8002, 'DNG'],
      [2, 'TP. Hồ Chí Minh', 0.7163],
      [3, 'Quảng Ninh', 0.7024, 'QNI'],
      [4, 'Hải Phòng', 0.6899],
    ]);
    expect(block(rows, 'Các năm')).toEqual([
      [2021, 0.4972, 7, 63],
      [2022, 0.7024, 3, 63],
    ]);
  });

  it('PDF: the DTI section with the rank of the table, the change in words, pillars, indices and the neighbours in the ranking', async () => {
    const { text } = await pdfTextOf(data);
    for (const expected of [
      'VI. CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI)',
      'Năm 2022: 0,7024 điểm, xếp hạng 3/63 — so với năm 2021: tăng 4 bậc, +0,2052 điểm.',
      'Chính quyền số 0,7804 4',
      'Kinh tế số 0,7187 9',
      'Xã hội số 0,6864 2',
      'Thể chế số — 1',
      'Các tỉnh, thành phố xếp hạng gần Quảng Ninh năm 2022',
      '1 Đà Nẵng 0,8002 2 TP. Hồ Chí Minh 0,7163 3 Quảng Ninh 0,7024 4 Hải Phòng 0,6899',
      'Các năm: 2021: 0,4972 điểm, hạng 7/63; 2022: 0,7024 điểm, hạng 3/63.',
      'VII. Ý KIẾN CHỈ ĐẠO',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('without DTI results both files say so', async () => {
    const none = { ...data, dti: null };
    expect(rowsOf((await workbookOf(none)).getWorksheet('DTI')!)).toEqual([
      ['Chỉ số chuyển đổi số (DTI)'],
      ['Quảng Ninh', 'QNI'],
      ['Chưa có dữ liệu DTI'],
    ]);
    expect((await pdfTextOf(none)).text).toContain('VI. CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) Chưa có dữ liệu DTI. VII. Ý KIẾN CHỈ ĐẠO');
  });

  describe('a rank that climbed from 7 to 3 (the DTI 2021 → 2022), ranked among only one province with data', () => {
    const rankKpi: KpiLine = {
      code: 'dti-hang',
      name: 'Thứ hạng DTI cấp tỉnh',
      unit: 'hạng',
      kind: 'rank',
      direction: 'down',
      period: '2022',
      value: 3,
      target: '<= 3',
      met: true,
      previousPeriod: '2021',
      previousValue: 7,
      previousChange: '-4',
      yearAgoPeriod: '2021',
      yearAgoValue: 7,
      rank: 1,
      rankOf: 1,
    };
    const ranked: ReportData = {
      ...data,
      kpis: [...data.kpis, rankKpi],
      trends: [
        {
          code: 'dti-hang',
          name: rankKpi.name,
          unit: 'hạng',
          kind: 'rank',
          direction: 'down',
          points: [
            { period: '2021', value: 7 },
            { period: '2022', value: 3 },
          ],
        },
        {
          code: 'dvc',
          name: 'Dịch vụ công toàn trình',
          unit: '%',
          kind: 'percent',
          direction: 'up',
          points: [
            { period: '2021', value: 60 },
            { period: '2022', value: 70 },
          ],
        },
      ],
    };
    /** The y of each point of each line as drawn (SVG y grows downwards), by series then period. */
    const pointsDrawn = (svg: string) => {
      const ys: number[][] = [];
      for (const m of svg.matchAll(
        /matrix\([^,]+,[^,]+,[^,]+,[^,]+,[^,]+,([^)]+)\)"[^>]*ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"/g,
      )) {
        (ys[Number(m[2])] ??= [])[Number(m[3])] = Number(m[1]);
      }
      return ys;
    };

    it('PDF: the KPI table says "tăng 4 bậc" against the year before and shows no "1/1" rank', async () => {
      const { text } = await pdfTextOf(ranked);
      expect(text).toContain('Thứ hạng DTI cấp tỉnh Năm 2022 3 <= 3 (đạt) 7 (tăng 4 bậc) 7 —');
      expect(text).toContain('98,5 (+0,7)');
      expect(text).not.toMatch(/\b1\/1\b/);
    });

    it('XLSX: the KPI sheet keeps the change as a number shown "▲4 bậc" and leaves out a rank among one province', async () => {
      const sheet = (await workbookOf(ranked)).getWorksheet('Chỉ số')!;
      const header = rowsOf(sheet)[0] as string[];
      const cell = (code: string, name: string) =>
        sheet.getRow(rowsOf(sheet).findIndex((r) => r[0] === code) + 1).getCell(header.indexOf(name) + 1);
      expect(['Giá trị kỳ trước', 'So với kỳ trước', 'Xếp hạng', 'Trên số tỉnh'].map((name) => cell('dti-hang', name).value)).toEqual([
        7,
        -4,
        null,
        null,
      ]);
      // Excel shows a negative number by the second section: 7 → 3 is a climb of four places.
      expect(cell('dti-hang', 'So với kỳ trước').numFmt).toBe('"▼"0" bậc";"▲"0" bậc";"không đổi"');
      expect(['So với kỳ trước', 'Xếp hạng', 'Trên số tỉnh'].map((name) => cell('thu-nsnn', name).value)).toEqual([0.7, 3, 63]);
      expect(cell('thu-nsnn', 'So với kỳ trước').numFmt).toBe('+#,##0.####;"−"#,##0.####;"không đổi"');
      // The DTI sheet's change of rank (places gained) reads the same way.
      const dti = (await workbookOf(ranked)).getWorksheet('DTI')!;
      const year = dti.getRow(rowsOf(dti).findIndex((r) => r[0] === 'Năm') + 2).getCell(6);
      expect([year.value, year.numFmt]).toEqual([4, '"▲"0" bậc";"▼"0" bậc";"không đổi"']);
    });

    it('chart: a rank is drawn on an inverted axis (1 at the top), so the climb from 7 to 3 rises while a rising percentage still rises', () => {
      const [rank, percent] = pointsDrawn(kpiTrendChart(ranked)!);
      expect(rank).toHaveLength(2);
      expect(rank[1]).toBeLessThan(rank[0]);
      expect(percent[1]).toBeLessThan(percent[0]);
      const option = kpiTrendOption(ranked)!;
      expect(option.yAxis).toEqual(expect.arrayContaining([expect.objectContaining({ inverse: true })]));
    });
  });

  it.each([
    [3, 63, '3/63'],
    [3, null, '3'],
    [7, 2, '7'],
    [null, 63, '—'],
    [1, 1, '—'],
  ])('a rank %p of %p reads "%s"', (rank, total, expected) => {
    expect(rankVi(rank, total)).toBe(expected);
  });

  it.each([
    [4, 'tăng 4 bậc'],
    [-2, 'giảm 2 bậc'],
    [0, 'không đổi'],
    [null, '—'],
  ])('DTI rank change %p reads "%s"', (change, expected) => {
    expect(dtiRankChangeVi(change)).toBe(expected);
  });

  it.each([
    ['0.2052', '+0,2052 điểm'],
    ['-0.01', '−0,01 điểm'],
    ['0', '±0 điểm'],
    [null, '—'],
  ])('DTI score change %p reads "%s"', (change, expected) => {
    expect(dtiScoreChangeVi(change)).toBe(expected);
  });

  it('DTI change: against the year before, or why not', () => {
    const x = data.dti!;
    expect(dtiChangeVi(x)).toBe('so với năm 2021: tăng 4 bậc, +0,2052 điểm');
    expect(dtiChangeVi({ ...x, scoreChange: null })).toBe('so với năm 2021: tăng 4 bậc');
    expect(dtiChangeVi({ ...x, scoreChange: null, rankChange: null })).toBeNull();
    expect(dtiChangeVi({ ...x, history: [x.history[1]] })).toBe('chưa có kết quả năm 2021 để so sánh');
  });
});
