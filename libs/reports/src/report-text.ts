import { DOCUMENT_TYPE_LABELS_VI, GOAL_STATUS_LABELS_VI, viLongDate, viPeriod } from '../../domain/src';
import type { ReportData } from './report.types';

/** "BÁO CÁO" and what it is about: "Kết quả thực hiện Kế hoạch số 37/KH-UBND … quý IV năm 2023". */
export function reportTitle(d: ReportData): { title: string; subtitle: string } {
  const kind = DOCUMENT_TYPE_LABELS_VI[d.document.type] ?? d.document.type;
  const what = d.document.scope === 'national' ? `${d.document.title}` : `${kind} số ${d.document.code}`;
  return { title: 'BÁO CÁO', subtitle: `Kết quả thực hiện ${what} — ${viPeriod(d.period)}` };
}

/** "Quảng Ninh, ngày 31 tháng 12 năm 2023" */
export function placeAndDate(d: ReportData): string {
  return `${d.heading.place}, ${viLongDate(d.issued)}`;
}

export const NATIONAL_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

/** Default heading from the province's name when none is configured. */
export function defaultHeading(provinceName: string): ReportData['heading'] {
  return {
    parentBody: `ỦY BAN NHÂN DÂN TỈNH ${provinceName.toUpperCase()}`,
    issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    number: 'Số:        /BC-STTTT',
    place: provinceName,
    recipients: ['Ủy ban nhân dân tỉnh (b/c);', 'Ban Chỉ đạo chuyển đổi số tỉnh (b/c);', 'Lưu: VT.'],
    signerTitle: 'GIÁM ĐỐC',
    signerName: null,
  };
}

/** A status change's value in words: goal statuses and task flags in Vietnamese, counts as they are. */
export function changeValueVi(field: string, value: string | null): string {
  if (value === null) return '—';
  if (field === 'status') return (GOAL_STATUS_LABELS_VI as Record<string, string>)[value] ?? value;
  if (field === 'overdue') return value === 'true' ? 'quá hạn' : 'trong hạn';
  return value;
}
