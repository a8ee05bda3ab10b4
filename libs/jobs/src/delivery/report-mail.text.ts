/** A period code in words: `2024-Q3` → `Quý 3/2024`, `2024-05` → `Tháng 5/2024`, `2024` → `Năm 2024`. */
export function periodInWords(code: string): string {
  let m: RegExpMatchArray | null;
  if ((m = code.match(/^(\d{4})-Q([1-4])$/))) return `Quý ${m[2]}/${m[1]}`;
  if ((m = code.match(/^(\d{4})-H([12])$/))) return `${m[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${m[1]}`;
  if ((m = code.match(/^(\d{4})-(\d{2})$/))) return `Tháng ${Number(m[2])}/${m[1]}`;
  if ((m = code.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return `Ngày ${m[3]}/${m[2]}/${m[1]}`;
  if (/^\d{4}$/.test(code)) return `Năm ${code}`;
  return code;
}

const dateVi = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

const sizeVi = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;

export interface ReportMailFacts {
  provinceName: string;
  documentCode: string;
  documentTitle: string;
  period: string;
  asOf: string;
  number: string | null;
  /** The files attached, by name. */
  attached: string[];
  /** The files too large to attach: their name and size. */
  linked: { filename: string; bytes: number }[];
  /** Where the report is opened on the web (absolute with PUBLIC_URL). */
  link: string;
}

/** The Vietnamese subject and text of a scheduled report's email. */
export function reportMail(f: ReportMailFacts): { subject: string; text: string } {
  const period = periodInWords(f.period);
  const subject = `Báo cáo định kỳ ${period}: ${f.documentTitle} (${f.provinceName})`;
  const lines = [
    'Kính gửi Quý cơ quan, đơn vị,',
    `Hệ thống theo dõi chuyển đổi số ${f.provinceName} gửi báo cáo định kỳ ${period.charAt(0).toLowerCase()}${period.slice(1)} về việc thực hiện ${f.documentCode} "${f.documentTitle}"${f.number ? `, số ${f.number}` : ''}, số liệu tính đến ngày ${dateVi(f.asOf)}.`,
  ];
  if (f.attached.length > 0) lines.push(`Tệp đính kèm: ${f.attached.join(', ')}.`);
  if (f.linked.length > 0)
    lines.push(
      `Các tệp sau vượt quá dung lượng đính kèm, xin tải về tại trang báo cáo: ${f.linked.map((l) => `${l.filename} (${sizeVi(l.bytes)})`).join(', ')}.`,
    );
  lines.push(`Xem báo cáo: ${f.link}`, 'Thư này được gửi tự động từ dx-tracker theo lịch báo cáo; xin không trả lời thư này.');
  return { subject: subject.normalize('NFC'), text: lines.join('\n\n').normalize('NFC') };
}
