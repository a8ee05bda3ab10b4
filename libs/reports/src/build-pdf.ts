import { dirname, join } from 'path';
import pdfmake = require('pdfmake'); // eslint-disable-line @typescript-eslint/no-require-imports -- pdfmake is CommonJS and is typed for `import =`
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import {
  DIRECTIVE_STATUS_LABELS_VI, GOAL_STATUS_LABELS_VI, TASK_STATUS_LABELS_VI, VERDICT_LABELS_VI, viDate, viNumber, viPercent, viPeriod,
} from '@dx/domain';
import { goalGroupChart, kpiTrendChart } from './charts';
import {
  changeValueVi, DTI_NO_DATA, DTI_TITLE, dtiChangeVi, NATIONAL_MOTTO, placeAndDate, previousValueVi, rankVi, reportTitle,
} from './report-text';
import type { DtiFigure, ReportData } from './report.types';

// Roboto (shipped with pdfmake) covers every Vietnamese letter; the PDF embeds it. No file or URL is ever fetched.
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

const num = (v: number | null) => (v === null ? '—' : viNumber(v));
const head = (cells: string[]): TableCell[] => cells.map((text) => ({ text, style: 'th' }));

function dataTable(widths: (string | number)[], header: string[], rows: TableCell[][], empty: string): Content {
  if (!rows.length) return { text: empty, italics: true, margin: [0, 2, 0, 8] };
  return { table: { headerRows: 1, widths, body: [head(header), ...rows] }, layout: 'lightHorizontalLines', style: 'table', margin: [0, 2, 0, 10] };
}

function headingBlock(d: ReportData): Content {
  return {
    columns: [
      { width: '45%', stack: [{ text: d.heading.parentBody, alignment: 'center' }, { text: d.heading.issuer, bold: true, alignment: 'center' }, { text: '———', alignment: 'center' }, { text: d.heading.number, alignment: 'center', margin: [0, 4, 0, 0] }] },
      { width: '55%', stack: [{ text: NATIONAL_MOTTO[0], bold: true, alignment: 'center' }, { text: NATIONAL_MOTTO[1], bold: true, alignment: 'center' }, { text: '———', alignment: 'center' }, { text: placeAndDate(d), italics: true, alignment: 'center', margin: [0, 4, 0, 0] }] },
    ],
    fontSize: 10,
    margin: [0, 0, 0, 16],
  };
}

function reconciliationLines(d: ReportData): Content[] {
  return d.reconciliations.map((r) => ({
    stack: [
      {
        text:
          `Báo cáo ${r.scope === 'document' ? '' : `nhóm ${r.scope} `}ngày ${viDate(r.asOf)}: ${r.reportedMet}/${r.reportedOf} đạt` +
          `${r.reportedOpen === null ? '' : `, còn ${r.reportedOpen} chưa đạt`}` +
          (r.computedMet === null ? ' — chưa đối chiếu' : ` — số liệu tính được ${r.computedMet}/${r.computedTotal} đạt — đối chiếu: ${VERDICT_LABELS_VI[r.verdict ?? ''] ?? r.verdict}`),
      },
      ...(r.differingGoals.length ? [{ text: `Mục tiêu khác nhau: ${r.differingGoals.join(', ')}`, margin: [12, 0, 0, 0] } as Content] : []),
      ...r.reasons.map((reason) => ({ text: `• ${reason}`, margin: [12, 0, 0, 0], fontSize: 9 }) as Content),
    ],
    margin: [0, 0, 0, 6],
  }));
}

const score = (v: string | null) => (v === null ? '—' : viNumber(v));
const figureRows = (figures: DtiFigure[]): TableCell[][] => figures.map((f) => [f.name, score(f.score), f.rank === null ? '—' : String(f.rank)]);

/** The province's DTI: the year's score and rank with the change, pillars, main indices, the entries ranked near it, the years. */
function dtiBlock(d: ReportData): Content[] {
  const x = d.dti;
  if (!x) return [{ text: `${DTI_NO_DATA}.`, italics: true }];
  return [
    {
      text: [
        `Năm ${x.year}: `, { text: `${score(x.score)} điểm, xếp hạng ${rankVi(x.rank, x.total)}`, bold: true },
        `${x.rank !== null && !x.rankGiven ? ' (tính từ điểm số)' : ''}${dtiChangeVi(x) ? ` — ${dtiChangeVi(x)}` : ''}.`,
      ],
      margin: [0, 0, 0, 4],
    },
    dataTable(['*', 'auto', 'auto'], ['Trụ cột', 'Điểm', 'Hạng'], figureRows(x.pillars), 'Chưa có số liệu các trụ cột.'),
    dataTable(['*', 'auto', 'auto'], ['Chỉ số chính', 'Điểm', 'Hạng'], figureRows(x.indices), 'Chưa có số liệu các chỉ số chính.'),
    { text: `Các tỉnh, thành phố xếp hạng gần ${d.province.name} năm ${x.year}`, bold: true, margin: [0, 2, 0, 0] },
    dataTable(['auto', '*', 'auto'], ['Hạng', 'Tỉnh, thành phố', 'Điểm'],
      x.peers.map((p) => [String(p.rank), p.name, score(p.score)].map((text) => ({ text, bold: p.self }))), 'Không có.'),
    { text: `Các năm: ${x.history.map((h) => `${h.year}: ${h.score === null ? '' : `${score(h.score)} điểm, `}hạng ${rankVi(h.rank, h.total)}`).join('; ')}.`, fontSize: 9 },
  ];
}

/** The report as an A4 portrait PDF with the Nghị định 30/2020 heading, tables with repeated headers, charts and page numbers. */
export async function buildReportPdf(d: ReportData): Promise<Buffer> {
  const { title, subtitle } = reportTitle(d);
  const groupChart = goalGroupChart(d);
  const trendChart = kpiTrendChart(d);
  const content: Content[] = [
    headingBlock(d),
    { text: title, style: 'title' },
    { text: subtitle, style: 'subtitle' },
    { text: `(Số liệu tính đến ${viDate(d.asOf)}, tổng hợp tự động từ dx-tracker)`, alignment: 'center', italics: true, fontSize: 9, margin: [0, 0, 0, 12] },
    { text: 'I. TỔNG HỢP KẾT QUẢ', style: 'h1' },
    {
      ul: [
        `Mục tiêu: ${d.goals.met}/${d.goals.total} đạt; ${d.goals.declared === null ? `${d.goals.recorded} mục tiêu đã nhập` : `${d.goals.recorded}/${d.goals.declared} mục tiêu đã nhập`}.`,
        `Nhiệm vụ: ${d.tasks.counts.done ?? 0}/${d.tasks.total} hoàn thành, ${d.tasks.overdue} quá hạn; ${d.tasks.declared === null ? `${d.tasks.recorded} nhiệm vụ đã nhập` : `${d.tasks.recorded}/${d.tasks.declared} nhiệm vụ đã nhập`}.`,
      ],
      margin: [0, 0, 0, 6],
    },
    dataTable(['auto', '*', 'auto', 'auto', 'auto'], ['Nhóm', 'Tên nhóm mục tiêu', 'Đạt/Tổng', 'Đã nhập', 'Theo văn bản'],
      d.goalGroups.map((g) => [g.code, g.name, `${g.met}/${g.total}`, String(g.recorded), g.declared === null ? '—' : String(g.declared)]), 'Văn bản không có nhóm mục tiêu.'),
    dataTable(['auto', '*', 'auto', 'auto', 'auto'], ['Nhóm', 'Tên nhóm nhiệm vụ', 'Hoàn thành/Tổng', 'Quá hạn', 'Đã nhập/Văn bản'],
      d.taskGroups.map((g) => [g.code, g.name, `${g.counts.done ?? 0}/${g.total}`, String(g.overdue), `${g.recorded}/${g.declared ?? '—'}`]), 'Văn bản không có nhóm nhiệm vụ.'),
    ...(groupChart ? [{ svg: groupChart, width: 420, alignment: 'center', margin: [0, 0, 0, 10] } as Content] : []),
    { text: 'II. ĐỐI CHIẾU VỚI SỐ LIỆU ĐÃ BÁO CÁO', style: 'h1' },
    ...(d.reconciliations.length ? reconciliationLines(d) : [{ text: 'Không có số liệu báo cáo để đối chiếu.', italics: true } as Content]),
    { text: 'III. CÁC MỤC TIÊU', style: 'h1' },
    dataTable(['auto', '*', 'auto', 'auto', 'auto', 'auto'], ['Mã', 'Mục tiêu', 'Chỉ tiêu', 'Thực tế', 'Mức đạt', 'Trạng thái'],
      d.goalLines.map((g) => [g.code, g.title, g.target ?? '—', g.actual === null ? '—' : `${num(g.actual)}${g.actualPeriod ? ` (${g.actualPeriod})` : ''}`,
        g.attainment === null ? '—' : `${viPercent(g.attainment * 100)}%`, g.status ? (GOAL_STATUS_LABELS_VI as Record<string, string>)[g.status] ?? g.status : 'chưa có số liệu']),
      'Các mục tiêu của văn bản chưa được nhập.'),
    { text: 'IV. NHIỆM VỤ QUÁ HẠN VÀ SẮP ĐẾN HẠN', style: 'h1' },
    ...(d.lateTasks.length
      ? d.lateTasks.map((l) => ({
          stack: [
            { text: l.leadName, bold: true, margin: [0, 2, 0, 2] },
            dataTable(['auto', '*', 'auto', 'auto', 'auto'], ['Mã', 'Nhiệm vụ', 'Hạn', 'Tiến độ', 'Cảnh báo'],
              l.tasks.map((t) => [t.code, t.title, t.due ? viDate(t.due) : '—', t.progress === null ? TASK_STATUS_LABELS_VI[t.status] : `${t.progress}%`, t.flag === 'overdue' ? 'quá hạn' : 'sắp đến hạn']), ''),
          ],
        }) as Content)
      : [{ text: 'Không có nhiệm vụ quá hạn hoặc sắp đến hạn.', italics: true } as Content]),
    { text: 'V. CÁC CHỈ SỐ', style: 'h1' },
    dataTable(['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], ['Chỉ số', 'Kỳ', 'Giá trị', 'Chỉ tiêu', 'Kỳ trước', 'Cùng kỳ năm trước', 'Xếp hạng'],
      d.kpis.map((k) => [k.name, k.period, `${num(k.value)}${k.unit === '%' ? '%' : ''}`, k.target ? `${k.target}${k.met === null ? '' : k.met ? ' (đạt)' : ' (chưa đạt)'}` : '—',
        previousValueVi(k), num(k.yearAgoValue), rankVi(k.rank, k.rankOf)]),
      'Chưa có số liệu chỉ số.'),
    ...(trendChart ? [{ svg: trendChart, width: 420, alignment: 'center', margin: [0, 0, 0, 10] } as Content] : []),
    { text: `VI. ${DTI_TITLE.toUpperCase()}`, style: 'h1' },
    ...dtiBlock(d),
    { text: 'VII. Ý KIẾN CHỈ ĐẠO', style: 'h1' },
    dataTable(['*', 'auto', 'auto', 'auto'], ['Nội dung chỉ đạo', 'Cơ quan thực hiện', 'Hạn', 'Tình trạng'],
      d.directives.map((x) => [x.body, x.assignee ?? '—', x.due ? viDate(x.due) : '—', `${DIRECTIVE_STATUS_LABELS_VI[x.status] ?? x.status}${x.overdue ? ' (quá hạn)' : ''}`]),
      'Không có ý kiến chỉ đạo.'),
    { text: `VIII. THAY ĐỔI SO VỚI KỲ BÁO CÁO TRƯỚC${d.changesSince ? ` (từ ${viDate(d.changesSince)})` : ''}`, style: 'h1' },
    dataTable(['*', 'auto', 'auto', 'auto'], ['Nội dung', 'Từ', 'Thành', 'Ngày'],
      d.changes.map((c) => [c.what, changeValueVi(c.field, c.from), changeValueVi(c.field, c.to), viDate(c.asOf)]), 'Không có thay đổi.'),
    {
      columns: [
        { width: '50%', stack: [{ text: 'Nơi nhận:', bold: true, italics: true }, ...d.heading.recipients.map((r) => ({ text: `- ${r}`, fontSize: 9 }))] },
        { width: '50%', stack: [{ text: d.heading.signerTitle, bold: true, alignment: 'center' }, { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9, margin: [0, 0, 0, 40] }, { text: d.heading.signerName ?? '', bold: true, alignment: 'center' }] },
      ],
      margin: [0, 16, 0, 0],
      unbreakable: true,
    },
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [56, 48, 42, 48],
    info: { title: `${title} ${subtitle}`, author: d.heading.issuer, creator: 'dx-tracker', creationDate: new Date(`${d.issued}T00:00:00Z`) },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 2, 0, 2] },
      h1: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
      table: { fontSize: 9 },
    },
    footer: (page: number, pages: number) => ({ text: `${viPeriod(d.period)} — trang ${page}/${pages}`, alignment: 'center', fontSize: 8, margin: [0, 16, 0, 0] }),
    content,
  };
  return Buffer.from(await pdfmake.createPdf(doc).getBuffer());
}
