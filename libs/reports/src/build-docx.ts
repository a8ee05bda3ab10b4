import type * as Docx from 'docx';
import { TASK_OUTCOME_LABELS_VI, VERDICT_LABELS_VI, viDate, viPeriod } from '@dx/domain';
import { hasTaskOutcomes, outcomeSentence, outcomesByGroup, outcomesByLead, OutcomeTable } from './outcome-table';
import { DTI_NO_DATA, DTI_TITLE, dtiChangeVi, NATIONAL_MOTTO, placeAndDate, rankVi, reportTitle } from './report-text';
import * as tables from './report-tables';
import type { ReportTable } from './report-tables';
import type { ReportData } from './report.types';

type DocxModule = typeof Docx;
type Block = Docx.Paragraph | Docx.Table;
type RunStyle = { bold?: boolean; italics?: boolean; size?: number };

/** The font Word shows; where it is missing, Liberation Serif or Tinos take its place with the same metrics. */
const DOCX_FONT = 'Times New Roman';

/** The blocks of a Word report, made with the docx module loaded on the first DOCX. */
function writer(x: DocxModule) {
  const none = { style: x.BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const p = (text: string, o: RunStyle & { center?: boolean; after?: number } = {}) =>
    new x.Paragraph({
      alignment: o.center ? x.AlignmentType.CENTER : undefined,
      spacing: { after: o.after ?? 60 },
      children: [new x.TextRun({ text, bold: o.bold, italics: o.italics, size: o.size })],
    });
  const h1 = (text: string) =>
    new x.Paragraph({ spacing: { before: 200, after: 80 }, children: [new x.TextRun({ text, bold: true, size: 24 })] });
  const cell = (text: string, o: RunStyle = {}) => new x.TableCell({ children: [p(text, { ...o, size: o.size ?? 20, after: 0 })] });
  const table = (header: string[], rows: (string | number)[][], empty: string, boldLast = false): Block =>
    rows.length
      ? new x.Table({
          width: { size: 100, type: x.WidthType.PERCENTAGE },
          rows: [
            new x.TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
            ...rows.map((r, i) => new x.TableRow({ children: r.map((v) => cell(String(v), { bold: boldLast && i === rows.length - 1 })) })),
          ],
        })
      : p(empty, { italics: true });
  const columns = (left: Docx.Paragraph[], right: Docx.Paragraph[], widths = [45, 55]) =>
    new x.Table({
      width: { size: 100, type: x.WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [
        new x.TableRow({
          children: [left, right].map(
            (children, i) => new x.TableCell({ width: { size: widths[i], type: x.WidthType.PERCENTAGE }, borders: noBorders, children }),
          ),
        }),
      ],
    });
  return {
    p,
    h1,
    table,
    grid: (t: ReportTable) => table(t.header, t.rows, t.empty),
    columns,
    outcome: (t: OutcomeTable, title: string) => [p(title, { bold: true }), table(t.header, t.rows, '', true)],
  };
}
type Writer = ReturnType<typeof writer>;

/** The heading of Nghị định 30/2020/NĐ-CP (issuer and number left, motto and date right), the title and the as-of line. */
function headingBlocks(w: Writer, d: ReportData): Block[] {
  const { title, subtitle } = reportTitle(d);
  const c = { center: true, size: 22 };
  return [
    w.columns(
      [w.p(d.heading.parentBody, c), w.p(d.heading.issuer, { ...c, bold: true }), w.p('———', c), w.p(d.heading.number, c)],
      [
        w.p(NATIONAL_MOTTO[0], { ...c, bold: true }),
        w.p(NATIONAL_MOTTO[1], { ...c, bold: true }),
        w.p('———', c),
        w.p(placeAndDate(d), { ...c, italics: true }),
      ],
    ),
    w.p('', {}),
    w.p(title, { center: true, bold: true, size: 28 }),
    w.p(subtitle, { center: true, bold: true }),
    w.p(`(Số liệu tính đến ${viDate(d.asOf)}, tổng hợp tự động từ dx-tracker)`, { center: true, italics: true, size: 20, after: 200 }),
  ];
}

/** I–II: what was achieved, the task outcomes, and the reported figures against the computed ones. */
function summaryBlocks(w: Writer, d: ReportData): Block[] {
  const goals =
    d.goals.declared === null ? `${d.goals.recorded} mục tiêu đã nhập` : `${d.goals.recorded}/${d.goals.declared} mục tiêu đã nhập`;
  const tasks =
    d.tasks.declared === null ? `${d.tasks.recorded} nhiệm vụ đã nhập` : `${d.tasks.recorded}/${d.tasks.declared} nhiệm vụ đã nhập`;
  return [
    w.h1('I. TỔNG HỢP KẾT QUẢ'),
    w.p(`- Mục tiêu: ${d.goals.met}/${d.goals.total} đạt; ${goals}.`),
    w.p(`- Nhiệm vụ: ${d.tasks.counts.done ?? 0}/${d.tasks.total} hoàn thành, ${d.tasks.overdue} quá hạn; ${tasks}.`),
    w.grid(tables.goalGroupsTable(d)),
    w.p(''),
    w.grid(tables.taskGroupsTable(d)),
    ...(hasTaskOutcomes(d)
      ? [
          w.p(outcomeSentence(d, TASK_OUTCOME_LABELS_VI)),
          ...w.outcome(outcomesByGroup(d), 'Kết quả thực hiện nhiệm vụ theo nhóm'),
          ...w.outcome(outcomesByLead(d), 'Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì'),
        ]
      : []),
    w.h1('II. ĐỐI CHIẾU VỚI SỐ LIỆU ĐÃ BÁO CÁO'),
    ...(d.reconciliations.length
      ? d.reconciliations.flatMap((r) => [
          w.p(
            `Báo cáo ${r.scope === 'document' ? '' : `nhóm ${r.scope} `}ngày ${viDate(r.asOf)}: ${r.reportedMet}/${r.reportedOf} đạt` +
              `${r.reportedOpen === null ? '' : `, còn ${r.reportedOpen} chưa đạt`}` +
              (r.computedMet === null
                ? ' — chưa đối chiếu'
                : ` — số liệu tính được ${r.computedMet}/${r.computedTotal} đạt — đối chiếu: ${VERDICT_LABELS_VI[r.verdict ?? ''] ?? r.verdict}`),
          ),
          ...(r.differingGoals.length ? [w.p(`Mục tiêu khác nhau: ${r.differingGoals.join(', ')}`)] : []),
          ...r.reasons.map((reason) => w.p(`• ${reason}`, { size: 20 })),
        ])
      : [w.p('Không có số liệu báo cáo để đối chiếu.', { italics: true })]),
  ];
}

/** III–V: the goals, the tasks late or due soon per lead agency, the KPIs. */
function detailBlocks(w: Writer, d: ReportData): Block[] {
  return [
    w.h1('III. CÁC MỤC TIÊU'),
    w.grid(tables.goalLinesTable(d)),
    w.h1('IV. NHIỆM VỤ QUÁ HẠN VÀ SẮP ĐẾN HẠN'),
    ...(d.lateTasks.length
      ? d.lateTasks.flatMap((l) => [w.p(l.leadName, { bold: true }), w.grid(tables.lateTasksTable(l.tasks))])
      : [w.p('Không có nhiệm vụ quá hạn hoặc sắp đến hạn.', { italics: true })]),
    w.h1('V. CÁC CHỈ SỐ'),
    w.grid(tables.kpisTable(d)),
  ];
}

/** VI–VIII: the DTI, the directives, the changes since the previous report. */
function closingBlocks(w: Writer, d: ReportData): Block[] {
  const x = d.dti;
  return [
    w.h1(`VI. ${DTI_TITLE.toUpperCase()}`),
    ...(x
      ? [
          w.p(
            `Năm ${x.year}: ${tables.score(x.score)} điểm, xếp hạng ${rankVi(x.rank, x.total)}${dtiChangeVi(x) ? ` — ${dtiChangeVi(x)}` : ''}.`,
          ),
          w.grid(tables.dtiFiguresTable('Trụ cột', x.pillars, 'Chưa có số liệu các trụ cột.')),
          w.p(''),
          w.grid(tables.dtiFiguresTable('Chỉ số chính', x.indices, 'Chưa có số liệu các chỉ số chính.')),
        ]
      : [w.p(`${DTI_NO_DATA}.`, { italics: true })]),
    w.h1('VII. Ý KIẾN CHỈ ĐẠO'),
    w.grid(tables.directivesTable(d)),
    w.h1(`VIII. THAY ĐỔI SO VỚI KỲ BÁO CÁO TRƯỚC${d.changesSince ? ` (từ ${viDate(d.changesSince)})` : ''}`),
    w.grid(tables.changesTable(d)),
  ];
}

/** Recipients on the left, the signer (title, then name) on the right. */
function signatureBlock(w: Writer, d: ReportData): Block {
  return w.columns(
    [w.p('Nơi nhận:', { bold: true, italics: true, size: 22 }), ...d.heading.recipients.map((r) => w.p(`- ${r}`, { size: 20, after: 0 }))],
    [
      ...d.heading.signerTitle.split('\n').map((t) => w.p(t, { center: true, bold: true })),
      w.p('(Ký, ghi rõ họ tên)', { center: true, italics: true, size: 20, after: 1000 }),
      w.p(d.heading.signerName ?? '', { center: true, bold: true }),
    ],
    [50, 50],
  );
}

/** The report as a Word document (A4): the same heading, sections, tables and signature as the PDF, without its charts. */
export async function buildReportDocx(d: ReportData): Promise<Buffer> {
  // Loaded on the first DOCX: most processes importing this lib never make one.
  const x: DocxModule = await import('docx');
  const w = writer(x);
  const { title, subtitle } = reportTitle(d);
  const doc = new x.Document({
    creator: 'dx-tracker',
    title: `${title} ${subtitle}`,
    styles: { default: { document: { run: { font: DOCX_FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        footers: {
          default: new x.Footer({
            children: [
              new x.Paragraph({
                alignment: x.AlignmentType.CENTER,
                children: [
                  new x.TextRun({ text: `${viPeriod(d.period)} — trang `, size: 18 }),
                  new x.TextRun({ children: [x.PageNumber.CURRENT], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...headingBlocks(w, d),
          ...summaryBlocks(w, d),
          ...detailBlocks(w, d),
          ...closingBlocks(w, d),
          w.p(''),
          signatureBlock(w, d),
        ],
      },
    ],
  });
  return x.Packer.toBuffer(doc);
}
