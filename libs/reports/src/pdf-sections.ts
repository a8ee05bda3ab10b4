/** The numbered sections of the PDF report (I–VIII), each a list of pdfmake blocks; build-pdf.ts puts them together. */
import type { Content, TableCell } from 'pdfmake/interfaces';
import { TASK_OUTCOME_LABELS_VI, VERDICT_LABELS_VI, viDate } from '@dx/domain';
import { goalGroupChart, kpiTrendChart } from './charts';
import { hasTaskOutcomes, OutcomeTable, outcomeSentence, outcomesByGroup, outcomesByLead } from './outcome-table';
import { DTI_NO_DATA, DTI_TITLE, dtiChangeVi, rankVi } from './report-text';
import * as tables from './report-tables';
import type { ReportTable } from './report-tables';
import type { ReportData } from './report.types';

const head = (cells: string[]): TableCell[] => cells.map((text) => ({ text, style: 'th' }));

function dataTable(widths: (string | number)[], header: string[], rows: TableCell[][], empty: string): Content {
  if (!rows.length) return { text: empty, italics: true, margin: [0, 2, 0, 8] };
  return {
    table: { headerRows: 1, widths, body: [head(header), ...rows] },
    layout: 'lightHorizontalLines',
    style: 'table',
    margin: [0, 2, 0, 10],
  };
}

/** A table of report-tables.ts with its column widths. */
const grid = (widths: (string | number)[], t: ReportTable): Content => dataTable(widths, t.header, t.rows, t.empty);

function reconciliationLines(d: ReportData): Content[] {
  return d.reconciliations.map((r) => ({
    stack: [
      {
        text:
          `Báo cáo ${r.scope === 'document' ? '' : `nhóm ${r.scope} `}ngày ${viDate(r.asOf)}: ${r.reportedMet}/${r.reportedOf} đạt` +
          `${r.reportedOpen === null ? '' : `, còn ${r.reportedOpen} chưa đạt`}` +
          (r.computedMet === null
            ? ' — chưa đối chiếu'
            : ` — số liệu tính được ${r.computedMet}/${r.computedTotal} đạt — đối chiếu: ${VERDICT_LABELS_VI[r.verdict ?? ''] ?? r.verdict}`),
      },
      ...(r.differingGoals.length
        ? [{ text: `Mục tiêu khác nhau: ${r.differingGoals.join(', ')}`, margin: [12, 0, 0, 0] } as Content]
        : []),
      ...r.reasons.map((reason) => ({ text: `• ${reason}`, margin: [12, 0, 0, 0], fontSize: 9 }) as Content),
    ],
    margin: [0, 0, 0, 6],
  }));
}

/** A table of task outcomes (outcome-table.ts), its last line (the document's total) in bold. */
function outcomeTable(t: OutcomeTable, title: string): Content[] {
  const rows = t.rows.map((r, i) => r.map((v) => ({ text: String(v), bold: i === t.rows.length - 1 })));
  return [{ text: title, bold: true, margin: [0, 2, 0, 0] }, dataTable([52, '*', 50, 50, 62, 62, 36], t.header, rows, '')];
}

/** The document's tasks as done on time, done late, open within the deadline, open past it: per group and per lead agency. */
function outcomeBlock(d: ReportData): Content[] {
  if (!hasTaskOutcomes(d)) return [];
  return [
    { text: outcomeSentence(d, TASK_OUTCOME_LABELS_VI), margin: [0, 0, 0, 4] },
    ...outcomeTable(outcomesByGroup(d), 'Kết quả thực hiện nhiệm vụ theo nhóm'),
    ...outcomeTable(outcomesByLead(d), 'Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì'),
  ];
}

/** The province's DTI: the year's score and rank with the change, pillars, main indices, the entries ranked near it, the years. */
function dtiBlock(d: ReportData): Content[] {
  const x = d.dti;
  if (!x) return [{ text: `${DTI_NO_DATA}.`, italics: true }];
  return [
    {
      text: [
        `Năm ${x.year}: `,
        { text: `${tables.score(x.score)} điểm, xếp hạng ${rankVi(x.rank, x.total)}`, bold: true },
        `${x.rank !== null && !x.rankGiven ? ' (tính từ điểm số)' : ''}${dtiChangeVi(x) ? ` — ${dtiChangeVi(x)}` : ''}.`,
      ],
      margin: [0, 0, 0, 4],
    },
    grid(['*', 'auto', 'auto'], tables.dtiFiguresTable('Trụ cột', x.pillars, 'Chưa có số liệu các trụ cột.')),
    grid(['*', 'auto', 'auto'], tables.dtiFiguresTable('Chỉ số chính', x.indices, 'Chưa có số liệu các chỉ số chính.')),
    { text: `Các tỉnh, thành phố xếp hạng gần ${d.province.name} năm ${x.year}`, bold: true, margin: [0, 2, 0, 0] },
    dataTable(
      ['auto', '*', 'auto'],
      ['Hạng', 'Tỉnh, thành phố', 'Điểm'],
      x.peers.map((p) => [String(p.rank), p.name, tables.score(p.score)].map((text) => ({ text, bold: p.self }))),
      'Không có.',
    ),
    {
      text: `Các năm: ${x.history.map((h) => `${h.year}: ${h.score === null ? '' : `${tables.score(h.score)} điểm, `}hạng ${rankVi(h.rank, h.total)}`).join('; ')}.`,
      fontSize: 9,
    },
  ];
}

/** I. Goals met and tasks done, for the document and per group, with the groups' chart. */
export function summarySection(d: ReportData): Content[] {
  const groupChart = goalGroupChart(d);
  return [
    { text: 'I. TỔNG HỢP KẾT QUẢ', style: 'h1' },
    {
      ul: [
        `Mục tiêu: ${d.goals.met}/${d.goals.total} đạt; ${d.goals.declared === null ? `${d.goals.recorded} mục tiêu đã nhập` : `${d.goals.recorded}/${d.goals.declared} mục tiêu đã nhập`}.`,
        `Nhiệm vụ: ${d.tasks.counts.done ?? 0}/${d.tasks.total} hoàn thành, ${d.tasks.overdue} quá hạn; ${d.tasks.declared === null ? `${d.tasks.recorded} nhiệm vụ đã nhập` : `${d.tasks.recorded}/${d.tasks.declared} nhiệm vụ đã nhập`}.`,
      ],
      margin: [0, 0, 0, 6],
    },
    grid(['auto', '*', 'auto', 'auto', 'auto'], tables.goalGroupsTable(d)),
    grid(['auto', '*', 'auto', 'auto', 'auto'], tables.taskGroupsTable(d)),
    ...outcomeBlock(d),
    ...(groupChart ? [{ svg: groupChart, width: 420, alignment: 'center', margin: [0, 0, 0, 10] } as Content] : []),
  ];
}

/** II. The reported figures against the computed ones. */
export function reconciliationSection(d: ReportData): Content[] {
  return [
    { text: 'II. ĐỐI CHIẾU VỚI SỐ LIỆU ĐÃ BÁO CÁO', style: 'h1' },
    ...(d.reconciliations.length ? reconciliationLines(d) : [{ text: 'Không có số liệu báo cáo để đối chiếu.', italics: true } as Content]),
  ];
}

/** III. Every goal with its target, actual value, attainment and status. */
export function goalsSection(d: ReportData): Content[] {
  return [{ text: 'III. CÁC MỤC TIÊU', style: 'h1' }, grid(['auto', '*', 'auto', 'auto', 'auto', 'auto'], tables.goalLinesTable(d))];
}

/** IV. Tasks overdue or due soon, one table per lead agency. */
export function lateTasksSection(d: ReportData): Content[] {
  return [
    { text: 'IV. NHIỆM VỤ QUÁ HẠN VÀ SẮP ĐẾN HẠN', style: 'h1' },
    ...(d.lateTasks.length
      ? d.lateTasks.map(
          (l) =>
            ({
              stack: [
                { text: l.leadName, bold: true, margin: [0, 2, 0, 2] },
                grid(['auto', '*', 'auto', 'auto', 'auto'], tables.lateTasksTable(l.tasks)),
              ],
            }) as Content,
        )
      : [{ text: 'Không có nhiệm vụ quá hạn hoặc sắp đến hạn.', italics: true } as Content]),
  ];
}

/** V. The KPIs with their targets, comparisons and ranks, and the trend chart. */
export function kpiSection(d: ReportData): Content[] {
  const trendChart = kpiTrendChart(d);
  return [
    { text: 'V. CÁC CHỈ SỐ', style: 'h1' },
    grid(['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], tables.kpisTable(d)),
    ...(trendChart ? [{ svg: trendChart, width: 420, alignment: 'center', margin: [0, 0, 0, 10] } as Content] : []),
  ];
}

/** VI. The province's DTI. */
export function dtiSection(d: ReportData): Content[] {
  return [{ text: `VI. ${DTI_TITLE.toUpperCase()}`, style: 'h1' }, ...dtiBlock(d)];
}

/** VII and VIII. Directives, then status changes since the previous report. */
export function directivesAndChangesSections(d: ReportData): Content[] {
  return [
    { text: 'VII. Ý KIẾN CHỈ ĐẠO', style: 'h1' },
    grid(['*', 'auto', 'auto', 'auto'], tables.directivesTable(d)),
    { text: `VIII. THAY ĐỔI SO VỚI KỲ BÁO CÁO TRƯỚC${d.changesSince ? ` (từ ${viDate(d.changesSince)})` : ''}`, style: 'h1' },
    grid(['*', 'auto', 'auto', 'auto'], tables.changesTable(d)),
  ];
}
