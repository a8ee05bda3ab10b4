import {
  describeChange,
  DOCUMENT_TYPE_LABELS_VI,
  GOAL_STATUS_LABELS_VI,
  blankReportNumber,
  ictDepartmentAt,
  RANK_MEASURE,
  rankOutOf,
  viLongDate,
  viNumber,
  viPeriod,
  viValue,
} from '@dx/domain';
import type { DtiSection, KpiLine, ReportData } from './report.types';

/** The number line of a report ordered with its own number: "Số: 125/BC-SKHCN". */
export function reportNumberLine(number: string): string {
  const n = number.trim().replace(/^Số:\s*/i, '');
  return `Số: ${n}`;
}

/** "BÁO CÁO" and what it is about: "Kết quả thực hiện Kế hoạch số 37/KH-UBND … quý IV năm 2023". */
export function reportTitle(d: ReportData): { title: string; subtitle: string } {
  const kind = DOCUMENT_TYPE_LABELS_VI[d.document.type] ?? d.document.type;
  const what = d.document.scope === 'national' ? `${d.document.title}` : `${kind} số ${d.document.code}`;
  return { title: 'BÁO CÁO', subtitle: `Kết quả thực hiện ${what} — ${viPeriod(d.period)}` };
}

/** "Quảng Ninh, ngày 31 tháng 12 năm 2023" */
export function placeAndDate(d: Pick<ReportData, 'heading' | 'issued'>): string {
  return `${d.heading.place}, ${viLongDate(d.issued)}`;
}

export const NATIONAL_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

/**
 * Default heading from the province's name when none is configured, for a report dated `date`
 * (its as-of date): the Sở TT&TT issues it before 2025-03-01, the Sở KH&CN on and after.
 */
export function defaultHeading(provinceName: string, date: string): ReportData['heading'] {
  return {
    parentBody: `ỦY BAN NHÂN DÂN TỈNH ${provinceName.toUpperCase()}`,
    issuer: ictDepartmentAt(date).issuer,
    number: blankReportNumber(date),
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

/**
 * A rank with what it is out of (`rankOutOf`): "3/63"; just "7" when the stored table is
 * partial and holds fewer ranked entries than the rank; "—" when unranked or ranked among
 * only one province with data.
 */
export function rankVi(rank: number | null, total: number | null): string {
  return rankOutOf(rank, total) ?? '—';
}

/** Places gained since the year before in words (in words, as describeChange says them): "tăng 4 bậc", "giảm 2 bậc", "không đổi". */
export function dtiRankChangeVi(change: number | null): string {
  return change === null ? '—' : describeChange(RANK_MEASURE, -change).words;
}

/** A KPI's value in the period before with its change in words: "7 (tăng 4 bậc)", "98,5 (+0,7)"; "—" without one. */
export function previousValueVi(k: KpiLine): string {
  if (k.previousValue === null) return '—';
  const value = viValue(k.previousValue, k.kind);
  return k.previousChange === null ? value : `${value} (${describeChange(k, k.previousChange).words})`;
}

/** A score change with its sign and decimal comma: "+0,2052 điểm", "−0,01 điểm". */
export function dtiScoreChangeVi(change: string | null): string {
  if (change === null) return '—';
  const n = Number(change);
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${viNumber(Math.abs(n))} điểm`;
}

/** "so với năm 2021: tăng 4 bậc, +0,2052 điểm"; "chưa có kết quả năm 2021 để so sánh"; null when that year has neither figure. */
export function dtiChangeVi(x: DtiSection): string | null {
  if (!x.history.some((h) => h.year === x.year - 1)) return `chưa có kết quả năm ${x.year - 1} để so sánh`;
  const parts = [
    x.rankChange === null ? null : dtiRankChangeVi(x.rankChange),
    x.scoreChange === null ? null : dtiScoreChangeVi(x.scoreChange),
  ].filter(Boolean);
  return parts.length ? `so với năm ${x.year - 1}: ${parts.join(', ')}` : null;
}

export const DTI_TITLE = 'Chỉ số chuyển đổi số (DTI)';
export const DTI_NO_DATA = 'Chưa có dữ liệu DTI';
