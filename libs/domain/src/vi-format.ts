import { parsePeriod } from './period';
import type { IndicatorKind } from './plan.types';

/**
 * Vietnamese wording and number formats shared by the CLI and the reports: decimal
 * comma and dot for thousands (1.034; 99,2), dates as dd/mm/yyyy, and the labels of task
 * statuses, reconciliation verdicts, document types and periods.
 */
const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1034 → "1.034", 0.7024 → "0,7024"; null → "—". */
export function viNumber(value: string | number | null): string {
  return value === null ? '—' : numberFormat.format(Number(value));
}

/** 81.25 → "81,25" (at most 2 decimals). */
export function viPercent(value: string | number): string {
  return percentFormat.format(Number(value));
}

/** 2023-10-31 → 31/10/2023 */
export function viDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** 2023-10-31 → "ngày 31 tháng 10 năm 2023" (Nghị định 30/2020/NĐ-CP: days and months below 10 take a leading zero only for 1 and 2). */
export function viLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const pad = (n: number, leadingFor: number[]) => (leadingFor.includes(n) ? `0${n}` : String(n));
  return `ngày ${pad(d, [1, 2, 3, 4, 5, 6, 7, 8, 9])} tháng ${pad(m, [1, 2])} năm ${y}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** 2023 → "năm 2023", 2023-H1 → "6 tháng đầu năm 2023", 2023-Q4 → "quý IV năm 2023", 2023-10 → "tháng 10 năm 2023", a day → "ngày …". */
export function viPeriod(code: string): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const year = p.start.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return `năm ${year}`;
    case 'half':
      return p.code.endsWith('H1') ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'quarter':
      return `quý ${ROMAN[Number(p.code.slice(-1)) - 1]} năm ${year}`;
    case 'month':
      return `tháng ${Number(p.code.slice(5, 7))} năm ${year}`;
    default:
      return viLongDate(p.code);
  }
}

/** A period as a page or a report names it: `Năm 2023`, `6 tháng đầu năm 2023`, `Quý IV/2023`, `Tháng 10/2023`, `31/10/2023`. */
export function viPeriodLabel(code: string): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const year = p.start.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return `Năm ${year}`;
    case 'half':
      return p.code.endsWith('H1') ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'quarter':
      return `Quý ${ROMAN[Number(p.code.slice(-1)) - 1]}/${year}`;
    case 'month':
      return `Tháng ${Number(p.code.slice(5, 7))}/${year}`;
    default:
      return viDate(p.code);
  }
}

/** Decimals a value of each indicator kind is shown with: whole counts, ranks and yes/no; shares to 2 decimals; scores to 4. */
export const INDICATOR_DECIMALS: Record<IndicatorKind, number> = {
  count: 0,
  rank: 0,
  boolean: 0,
  percent: 2,
  ratio: 2,
  amount: 2,
  score: 4,
};

const roundedFormats = new Map<number, Intl.NumberFormat>();

/** A value rounded to its indicator's precision, Vietnamese-style: 93.4498 (percent) → "93,45", 1034 (count) → "1.034"; null → "—". */
export function viValue(value: string | number | null | undefined, kind?: IndicatorKind | null): string {
  if (value === null || value === undefined || value === '') return '—';
  const digits = kind ? INDICATOR_DECIMALS[kind] : 4;
  if (!roundedFormats.has(digits)) roundedFormats.set(digits, new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }));
  return roundedFormats.get(digits)!.format(Number(value));
}

/** A value with its unit: 81 % → "81%", 1180 dịch vụ → "1.180 dịch vụ"; rounded as viValue. */
export function viValueWithUnit(value: string | number | null | undefined, unit: string | null, kind?: IndicatorKind | null): string {
  const text = viValue(value, kind);
  if (text === '—') return text;
  const u = (unit ?? '').trim();
  return u === '%' ? `${text}%` : `${text} ${u}`.trim();
}

export const TASK_STATUS_LABELS_VI: Record<string, string> = {
  not_started: 'chưa bắt đầu',
  in_progress: 'đang thực hiện',
  done: 'hoàn thành',
  cancelled: 'đã hủy',
};

export const VERDICT_LABELS_VI: Record<string, string> = {
  consistent: 'khớp với số liệu',
  differs: 'KHÁC số liệu tính được',
  self_inconsistent: 'BÁO CÁO TỰ MÂU THUẪN',
};

export const DOCUMENT_TYPE_LABELS_VI: Record<string, string> = {
  resolution: 'Nghị quyết',
  plan: 'Kế hoạch',
  decision: 'Quyết định',
  program: 'Chương trình',
  report: 'Báo cáo',
};

export const DIRECTIVE_STATUS_LABELS_VI: Record<string, string> = {
  open: 'đang chờ trả lời',
  answered: 'đã trả lời',
  closed: 'đã đóng',
};

/** 45_000 → "45 giây", 185_000 → "3 phút 5 giây", 3_720_000 → "1 giờ 2 phút" (rounded down to the second). */
export function viDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} giờ ${m} phút` : `${h} giờ`;
  if (m > 0) return s > 0 ? `${m} phút ${s} giây` : `${m} phút`;
  return `${s} giây`;
}
