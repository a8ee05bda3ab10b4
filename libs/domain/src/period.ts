import { addDays, daysInMonth, formatIsoDate, isIsoDate } from './iso-date';

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

const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** Lower case, no diacritics (NFC or NFD alike), `đ` as `d`, single spaces, spaces around `/` and `-` dropped. */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([/-]) ?/g, '$1')
    .trim();
}

const VI_FORMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^nam (\d{4})$/, (m) => m[1]],
  [/^quy (\d|i{1,3}|iv)(?:\/| nam )(\d{4})$/, (m) => `${m[2]}-Q${ROMAN_QUARTERS[m[1]] ?? m[1]}`],
  [/^6 thang (dau|cuoi) nam (\d{4})$/, (m) => `${m[2]}-H${m[1] === 'dau' ? 1 : 2}`],
  [/^(?:thang )?(\d{1,2})(?:\/| nam )(\d{4})$/, (m) => `${m[2]}-${m[1].padStart(2, '0')}`],
  [/^(?:ngay )?(\d{1,2})(?:\/| thang )(\d{1,2})(?:\/| nam )(\d{4})$/, (m) => `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`],
];

/**
 * A period as people write it, besides the codes `parsePeriod` reads: `Năm 2023`, `Quý 3/2024`,
 * `Quý III/2024`, `quý 3 năm 2024`, `6 tháng đầu năm 2024`, `6 tháng cuối năm 2023`,
 * `Tháng 10/2023`, `tháng 10 năm 2023`, `10/2023`, `31/10/2023`, `ngày 31 tháng 10 năm 2023`
 * (any case, with or without diacritics, NFC or NFD). Null when it is none of them or not a real period.
 */
export function readPeriod(text: string): Period | null {
  const code = parsePeriod(text);
  if (code) return code;
  const s = folded(text);
  for (const [form, toCode] of VI_FORMS) {
    const m = form.exec(s);
    if (m) return parsePeriod(toCode(m));
  }
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

function parseOrThrow(code: string): Period {
  const period = parsePeriod(code);
  if (!period) throw new Error(`not a period code: ${JSON.stringify(code)}`);
  return period;
}

/** Year, and for halves, quarters and months the number of the part within the year. */
function yearAndPart(period: Period): [number, number] {
  const year = Number(period.start.slice(0, 4));
  const month = Number(period.start.slice(5, 7));
  switch (period.kind) {
    case 'half':
      return [year, (month + 5) / 6];
    case 'quarter':
      return [year, (month + 2) / 3];
    default:
      return [year, month];
  }
}

function checkedYear(year: number): string {
  if (year < 0) throw new Error(`period before year 0000`);
  return String(year).padStart(4, '0');
}

/**
 * The period of the same length just before `code`: 2023 → 2022, 2023-H1 → 2022-H2,
 * 2023-Q1 → 2022-Q4, 2023-01 → 2022-12, 2023-03-01 → 2023-02-28. Throws for an unparsable code.
 */
export function previousPeriod(code: string): Period {
  const period = parseOrThrow(code);
  const [year, part] = yearAndPart(period);
  const step = (parts: number, suffix: (n: number) => string): Period => {
    const [y, n] = part === 1 ? [year - 1, parts] : [year, part - 1];
    return parseOrThrow(`${checkedYear(y)}${suffix(n)}`);
  };
  switch (period.kind) {
    case 'year':
      return parseOrThrow(checkedYear(year - 1));
    case 'half':
      return step(2, (n) => `-H${n}`);
    case 'quarter':
      return step(4, (n) => `-Q${n}`);
    case 'month':
      return step(12, (n) => `-${String(n).padStart(2, '0')}`);
    case 'day':
      return parseOrThrow(addDays(period.start, -1));
  }
}

/**
 * The same period one year earlier: 2023-Q3 → 2022-Q3, 2023-10 → 2022-10; a day keeps
 * its month and day, 29 February falling back to 28 (2024-02-29 → 2023-02-28).
 * Throws for an unparsable code.
 */
export function yearAgoPeriod(code: string): Period {
  const period = parseOrThrow(code);
  const year = checkedYear(Number(period.start.slice(0, 4)) - 1);
  if (period.kind !== 'day') return parseOrThrow(year + period.code.slice(4));
  const month = Number(period.start.slice(5, 7));
  const day = Math.min(Number(period.start.slice(8, 10)), daysInMonth(Number(year), month));
  return parseOrThrow(formatIsoDate(Number(year), month, day));
}

// The same period arithmetic in SQL, for the set-based KPI comparisons and reads (PERIOD_CASES holds the cases both
// statements must pass). Each takes SQL expressions: `kind` a period kind (text), `start` its first day (date),
// `code` its canonical code (text).

/** The code of `previousPeriod` in SQL. */
export function previousPeriodSql(kind: string, start: string): string {
  return `CASE ${kind}
           WHEN 'year' THEN to_char(${start} - interval '1 year', 'YYYY')
           WHEN 'half' THEN CASE WHEN extract(month FROM ${start}) = 1
                                 THEN to_char(${start} - interval '1 year', 'YYYY') || '-H2'
                                 ELSE to_char(${start}, 'YYYY') || '-H1' END
           WHEN 'quarter' THEN to_char(${start} - interval '3 months', 'YYYY') || '-Q' || to_char(${start} - interval '3 months', 'Q')
           WHEN 'month' THEN to_char(${start} - interval '1 month', 'YYYY-MM')
           ELSE to_char(${start} - 1, 'YYYY-MM-DD')
         END`;
}

/** The code of `yearAgoPeriod` in SQL (PostgreSQL's `- interval '1 year'` also takes 29 February to the 28th). */
export function yearAgoPeriodSql(kind: string, start: string, code: string): string {
  return `CASE ${kind}
           WHEN 'year' THEN to_char(${start} - interval '1 year', 'YYYY')
           WHEN 'month' THEN to_char(${start} - interval '1 year', 'YYYY-MM')
           WHEN 'day' THEN to_char(${start} - interval '1 year', 'YYYY-MM-DD')
           ELSE to_char(${start} - interval '1 year', 'YYYY') || substr(${code}, 5)
         END`;
}

/** The length of a period of `kind` as an SQL interval: a period's start minus it is the start of `previousPeriod`. */
export function periodLengthSql(kind: string): string {
  return `CASE ${kind}
                WHEN 'month' THEN interval '1 month' WHEN 'quarter' THEN interval '3 months' WHEN 'half' THEN interval '6 months'
                WHEN 'day' THEN interval '1 day' ELSE interval '1 year' END`;
}

/** The kind `parsePeriod` gives a canonical period code, in SQL. */
export function periodKindSql(code: string): string {
  return `CASE WHEN ${code} ~ '^\\d{4}$' THEN 'year' WHEN ${code} ~ '-H' THEN 'half' WHEN ${code} ~ '-Q' THEN 'quarter'
              WHEN length(${code}) = 7 THEN 'month' ELSE 'day' END`;
}
