import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { viDate } from '@dx/domain';
import { headingBlock, pdfmake, REPORT_FONT, signatureBlock } from '../build-pdf';
import { addresseeLines, daysLateVi, dispatchBody, dispatchFileName, dispatchPlan, DISPATCH_SUBJECT } from './dispatch-text';
import type { DispatchAgency, DispatchData, DispatchFile, DispatchOptions, DispatchTask, ReminderTasks } from './dispatch.types';

const th = (cells: string[]): TableCell[] => cells.map((text) => ({ text, bold: true, fillColor: '#eeeeee' }));

function taskTable(title: string, lastColumn: string, tasks: DispatchTask[]): Content[] {
  if (!tasks.length) return [];
  // Codes, dates and day counts never break; the title takes the rest of the width.
  const keep = (text: string): TableCell => ({ text, noWrap: true });
  const rows = tasks.map((t, i) => [String(i + 1), keep(t.code), t.title, keep(t.document), keep(viDate(t.due)), keep(daysLateVi(t))]);
  return [
    { text: title, italics: true, margin: [0, 4, 0, 2] },
    {
      table: {
        headerRows: 1,
        widths: ['auto', 'auto', '*', 'auto', 'auto', 'auto'],
        body: [th(['STT', 'Mã', 'Nhiệm vụ', 'Văn bản', 'Hạn hoàn thành', lastColumn]), ...rows],
      },
      fontSize: 9.5,
      margin: [0, 0, 0, 8],
    },
  ];
}

/** An agency's two tables: its overdue tasks with the days late, then those due within the window. */
function agencyTables(a: DispatchAgency, d: DispatchData, heading: string | null): Content[] {
  return [
    ...(heading ? [{ text: heading, bold: true, margin: [0, 6, 0, 2] } as Content] : []),
    ...taskTable('Các nhiệm vụ đã quá hạn:', 'Số ngày quá hạn', a.overdue),
    ...taskTable(`Các nhiệm vụ sắp đến hạn (trong ${d.dueWithinDays} ngày tới):`, 'Thời gian còn lại', a.dueSoon),
  ];
}

/** The dispatch's text from "Kính gửi" to the lists of tasks. */
function dispatchContent(d: DispatchData): Content[] {
  const [situation, request, closing] = dispatchBody(d);
  const one = d.agencies.length === 1;
  const paragraph = (text: string): Content => ({ text, alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 6] });
  return [
    {
      stack: addresseeLines(d.agencies).map((text, i) => ({ text, margin: i === 0 || one ? [0, 0, 0, 0] : [60, 0, 0, 0] })),
      alignment: one ? 'center' : 'left',
      margin: one ? [0, 0, 0, 12] : [80, 0, 0, 12],
      fontSize: 12,
    },
    paragraph(situation),
    ...d.agencies.flatMap((a, i) => agencyTables(a, d, one ? null : `${i + 1}. ${a.name}`)),
    paragraph(request),
    paragraph(closing),
  ];
}

/** A reminder dispatch (công văn đôn đốc) as an A4 PDF with the Nghị định 30/2020 heading, in Tinos. */
export async function buildDispatchPdf(d: DispatchData): Promise<Buffer> {
  const subject: Content = { text: DISPATCH_SUBJECT, fontSize: 10, alignment: 'center', margin: [0, 4, 0, 0] };
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [70, 48, 42, 48],
    info: {
      title: `${d.heading.number} ${DISPATCH_SUBJECT}`,
      author: d.heading.issuer,
      creator: 'dx-tracker',
      creationDate: new Date(`${d.issued}T00:00:00Z`),
    },
    defaultStyle: { font: REPORT_FONT, fontSize: 12.5, lineHeight: 1.15 },
    footer: (page: number, pages: number) =>
      pages > 1 ? { text: `${page}/${pages}`, alignment: 'center', fontSize: 9, margin: [0, 16, 0, 0] } : { text: '' },
    content: [headingBlock(d, [subject]), ...dispatchContent(d), signatureBlock(d)],
  };
  return Buffer.from(await pdfmake().createPdf(doc).getBuffer());
}

/** The dispatches for the tasks read (none when no agency has a late or soon-due task), as named PDF files. */
export async function buildReminderDispatches(t: ReminderTasks, o: DispatchOptions): Promise<DispatchFile[]> {
  const files: DispatchFile[] = [];
  for (const { agency, data } of dispatchPlan(t, o))
    files.push({ name: dispatchFileName(t.province.code, agency, t.asOf), agency, bytes: await buildDispatchPdf(data) });
  return files;
}
