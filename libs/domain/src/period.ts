import { daysInMonth, formatIsoDate, isIsoDate } from './iso-date';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'day';

/** A reporting period: `2023`, `2023-H1`, `2023-Q3`, `2023-10` or `2023-10-31`. */
export interface Period {
  /** Canonical text, e.g. `2023-Q3`. */
  code: string;
  kind: PeriodKind;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive: 2023 → 2023-12-31, 2023-Q3 → 2023-09-30. */
  end: string;
}

const YEAR = /^(\d{4})$/;
const HALF = /^(\d{4})-H([12])$/i;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Parses a period code; returns null when it is not one of the five forms. */
export function parsePeriod(text: string): Period | null {
  const s = text.trim();
  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(s))) return monthSpan(s, 'year', Number(m[1]), 1, 12);
  if ((m = HALF.exec(s))) {
    const h = Number(m[2]);
    return monthSpan(`${m[1]}-H${h}`, 'half', Number(m[1]), h * 6 - 5, h * 6);
  }
  if ((m = QUARTER.exec(s))) {
    const q = Number(m[2]);
    return monthSpan(`${m[1]}-Q${q}`, 'quarter', Number(m[1]), q * 3 - 2, q * 3);
  }
  if ((m = MONTH.exec(s))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return monthSpan(s, 'month', Number(m[1]), month, month);
  }
  if (isIsoDate(s)) return { code: s, kind: 'day', start: s, end: s };
  return null;
}

function monthSpan(code: string, kind: PeriodKind, year: number, first: number, last: number): Period {
  return {
    code,
    kind,
    start: formatIsoDate(year, first, 1),
    end: formatIsoDate(year, last, daysInMonth(year, last)),
  };
}
