import { dirname, join } from 'path';
import type * as PdfMake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { viDate, viPeriod } from '@dx/domain';
import {
  directivesAndChangesSections,
  dtiSection,
  goalsSection,
  kpiSection,
  lateTasksSection,
  reconciliationSection,
  summarySection,
} from './pdf-sections';
import { NATIONAL_MOTTO, placeAndDate, reportTitle } from './report-text';
import type { ReportData, ReportHeading } from './report.types';

let loaded: typeof PdfMake | undefined;

/** The report's typeface: Tinos, metric-compatible with Times New Roman (the font of Nghị định 30/2020/NĐ-CP), SIL OFL. */
export const REPORT_FONT = 'Tinos';

/**
 * pdfmake, loaded on the first PDF (it is heavy, and most processes importing this lib never make one), with its fonts:
 * Tinos (the npm package @expo-google-fonts/tinos ships its four TTFs) covers every Vietnamese letter; the PDF embeds
 * it. No file or URL is ever fetched.
 */
export function pdfmake(): typeof PdfMake {
  if (loaded) return loaded;
  const pdf: typeof PdfMake = require('pdfmake'); // eslint-disable-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  const fontDir = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  const font = (style: string) => join(fontDir, style, `Tinos_${style}.ttf`);
  pdf.setFonts({
    [REPORT_FONT]: {
      normal: font('400Regular'),
      bold: font('700Bold'),
      italics: font('400Regular_Italic'),
      bolditalics: font('700Bold_Italic'),
    },
  });
  pdf.setUrlAccessPolicy(() => false);
  pdf.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  return (loaded = pdf);
}

/**
 * The Nghị định 30/2020 heading: the parent body, the issuer and the number on the left (then `belowNumber`, e.g. a
 * dispatch's "V/v …"), the national motto and the place and date on the right.
 */
export function headingBlock(d: Pick<ReportData, 'heading' | 'issued'>, belowNumber: Content[] = []): Content {
  return {
    columns: [
      {
        width: '45%',
        stack: [
          { text: d.heading.parentBody, alignment: 'center' },
          { text: d.heading.issuer, bold: true, alignment: 'center' },
          { text: '———', alignment: 'center' },
          { text: d.heading.number, alignment: 'center', margin: [0, 4, 0, 0] },
          ...belowNumber,
        ],
      },
      {
        width: '55%',
        stack: [
          { text: NATIONAL_MOTTO[0], bold: true, alignment: 'center' },
          { text: NATIONAL_MOTTO[1], bold: true, alignment: 'center' },
          { text: '———', alignment: 'center' },
          { text: placeAndDate(d), italics: true, alignment: 'center', margin: [0, 4, 0, 0] },
        ],
      },
    ],
    fontSize: 10,
    margin: [0, 0, 0, 16],
  };
}

/** The heading, the title and the line saying where the figures come from. */
function titleBlock(d: ReportData, title: string, subtitle: string): Content[] {
  return [
    headingBlock(d),
    { text: title, style: 'title' },
    { text: subtitle, style: 'subtitle' },
    {
      text: `(Số liệu tính đến ${viDate(d.asOf)}, tổng hợp tự động từ dx-tracker)`,
      alignment: 'center',
      italics: true,
      fontSize: 9,
      margin: [0, 0, 0, 12],
    },
  ];
}

/** Recipients on the left, the signer on the right, kept on one page. */
export function signatureBlock(d: { heading: ReportHeading }): Content {
  return {
    columns: [
      {
        width: '50%',
        stack: [{ text: 'Nơi nhận:', bold: true, italics: true }, ...d.heading.recipients.map((r) => ({ text: `- ${r}`, fontSize: 9 }))],
      },
      {
        width: '50%',
        stack: [
          ...d.heading.signerTitle.split('\n').map((text) => ({ text, bold: true, alignment: 'center' }) as Content),
          { text: '(Ký, ghi rõ họ tên)', italics: true, alignment: 'center', fontSize: 9, margin: [0, 0, 0, 40] },
          { text: d.heading.signerName ?? '', bold: true, alignment: 'center' },
        ],
      },
    ],
    margin: [0, 16, 0, 0],
    unbreakable: true,
  };
}

/** The report as an A4 portrait PDF with the Nghị định 30/2020 heading, tables with repeated headers, charts and page numbers. */
export async function buildReportPdf(d: ReportData): Promise<Buffer> {
  const { title, subtitle } = reportTitle(d);
  const content: Content[] = [
    ...titleBlock(d, title, subtitle),
    ...summarySection(d),
    ...reconciliationSection(d),
    ...goalsSection(d),
    ...lateTasksSection(d),
    ...kpiSection(d),
    ...dtiSection(d),
    ...directivesAndChangesSections(d),
    signatureBlock(d),
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [56, 48, 42, 48],
    info: {
      title: `${title} ${subtitle}`,
      author: d.heading.issuer,
      creator: 'dx-tracker',
      creationDate: new Date(`${d.issued}T00:00:00Z`),
    },
    defaultStyle: { font: REPORT_FONT, fontSize: 10.5, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 12, bold: true, alignment: 'center', margin: [0, 2, 0, 2] },
      h1: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fillColor: '#eeeeee' },
      table: { fontSize: 9 },
    },
    footer: (page: number, pages: number) => ({
      text: `${viPeriod(d.period)} — trang ${page}/${pages}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    content,
  };
  return Buffer.from(await pdfmake().createPdf(doc).getBuffer());
}
