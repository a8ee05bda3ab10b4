import Decimal from 'decimal.js';
import { canonicalDecimal, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS } from '../decimal-value';
import type { Localised } from '../messages/localised';
import type { IndicatorKind } from '../plan.types';

/**
 * How a number typed or uploaded by a person is read. Vietnamese writes a decimal comma and
 * dots between thousands (`96,5`, `1.034`, `1.234.567,8`, `99,2%`); files exported elsewhere
 * write a decimal point (`96.5`, `1,234.5`). The rules, in order:
 * - spaces (also no-break spaces) between digit groups are dropped; a trailing `%` is allowed
 *   for a percent indicator, an indicator whose unit is `%`, or when the indicator is not known;
 * - both `.` and `,` present: the last one is the decimal mark, the other groups thousands;
 * - only commas: one comma is the decimal comma (`96,5`), several group thousands (`1,234,567`);
 * - only dots: several group thousands (`1.234.567`); one dot is a decimal point unless exactly
 *   three digits follow it and one to three non-zero-led digits precede it (`1.034`): that text is
 *   one thousand thirty-four to a Vietnamese reader and 1.034 to an English one, so the indicator
 *   decides (below);
 * - thousands groups must be three digits each.
 * An ambiguous `1.034` is 1034 for a count, rank or boolean (whole numbers), 1.034 for a percent
 * or a ratio whose scale is below 1000 (1034 is outside 0..scale); otherwise it is refused.
 */
export interface NumberContext {
  /** The field the text was given in, named in the refusal. */
  field: string;
  /** The indicator the value is for; unknown: an ambiguous text is refused. */
  indicator?: { kind: IndicatorKind; unit: string | null; scale: string | null } | null;
}

/** A number's text read without its indicator: a decimal, a text that reads two ways, or not a number. */
export type NumberText =
  | { kind: 'number'; value: string; percent: boolean }
  | { kind: 'ambiguous'; thousands: string; decimal: string; percent: boolean }
  | { kind: 'invalid' };

export type NumberReading = { ok: true; value: string } | { ok: false; ambiguous: boolean; message: Localised };

const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);
const DIGITS = /^\d+$/;
const STORABLE = new RegExp(`^-?\\d{1,${MAX_INTEGER_DIGITS}}(\\.\\d{1,${MAX_FRACTION_DIGITS}})?$`);

/** The decimal in canonical text (`81.5`, `1034`) of a sign, integer digits and fraction digits. */
function decimalOf(negative: boolean, int: string, frac: string): string {
  return canonicalDecimal(`${negative ? '-' : ''}${int || '0'}${frac ? `.${frac}` : ''}`)!;
}

/** Reads the text alone (see NumberContext for the rules). A JS number is taken as it is. */
export function readNumberText(input: string | number): NumberText {
  if (typeof input === 'number') {
    const value = Number.isFinite(input) ? canonicalDecimal(String(input)) : null;
    return value === null ? { kind: 'invalid' } : { kind: 'number', value, percent: false };
  }
  let s = input.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, '');
  const percent = s.endsWith('%');
  if (percent) s = s.slice(0, -1);
  const negative = /^[-−]/.test(s);
  if (/^[-−+]/.test(s)) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { kind: 'invalid' };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const split = (mark: string, group: string): NumberText => {
    const at = s.lastIndexOf(mark);
    const [int, frac] = [s.slice(0, at), s.slice(at + 1)];
    if (!DIGITS.test(frac) || !(DIGITS.test(int) || GROUPED(group).test(int))) return { kind: 'invalid' };
    return { kind: 'number', value: decimalOf(negative, int.split(group).join(''), frac), percent };
  };
  if (lastDot >= 0 && lastComma >= 0) return lastComma > lastDot ? split(',', '.') : split('.', ',');
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
  if (!mark) return { kind: 'number', value: decimalOf(negative, s, ''), percent };
  const parts = s.split(mark);
  if (parts.length > 2) {
    if (!GROUPED(mark).test(s)) return { kind: 'invalid' };
    return { kind: 'number', value: decimalOf(negative, parts.join(''), ''), percent };
  }
  if (mark === '.' && /^[1-9]\d{0,2}\.\d{3}$/.test(s)) {
    return {
      kind: 'ambiguous',
      thousands: decimalOf(negative, parts.join(''), ''),
      decimal: decimalOf(negative, parts[0], parts[1]),
      percent,
    };
  }
  if (!DIGITS.test(parts[1]) || !(parts[0] === '' || DIGITS.test(parts[0]))) return { kind: 'invalid' };
  return { kind: 'number', value: decimalOf(negative, parts[0], parts[1]), percent };
}

/** Which reading of an ambiguous `1.034` an indicator allows: its whole-number or its range rule decides, or nothing does. */
function decide(indicator: NumberContext['indicator'], thousands: string, decimal: string): string | null {
  if (!indicator) return null;
  switch (indicator.kind) {
    case 'count':
    case 'rank':
    case 'boolean':
      return thousands;
    case 'percent':
    case 'ratio': {
      const scale = new Decimal(indicator.kind === 'ratio' ? (indicator.scale ?? '100') : '100');
      return new Decimal(thousands).abs().gt(scale) ? decimal : null;
    }
    default:
      return null;
  }
}

const viDecimal = (d: string) => d.replace('.', ',');

/**
 * Reads a number typed or uploaded for `context.field` (rules on NumberContext): its canonical
 * decimal text, or a refusal in Vietnamese and English naming the field.
 */
export function readViNumber(input: string | number, context: NumberContext): NumberReading {
  const { field, indicator } = context;
  const text = readNumberText(input);
  const shown = String(input).trim();
  const refuse = (vi: string, en: string, ambiguous = false): NumberReading => ({
    ok: false,
    ambiguous,
    message: { vi: `"${field}": ${vi}`, en: `${field}: ${en}` },
  });
  if (text.kind === 'invalid')
    return refuse(
      `"${shown}" không phải là số (viết như 96,5 hoặc 1.034 hoặc 96.5)`,
      `"${shown}" is not a number (write e.g. 96,5 or 1.034 or 96.5)`,
    );
  const percentAllowed = !indicator || indicator.kind === 'percent' || (indicator.unit ?? '').trim() === '%';
  if (text.percent && !percentAllowed)
    return refuse(
      `"${shown}" có dấu %, nhưng chỉ tiêu này không đo bằng %`,
      `"${shown}" has a % sign, but this indicator is not measured in %`,
    );
  const chosen = text.kind === 'number' ? text.value : decide(indicator, text.thousands, text.decimal);
  if (chosen === null && text.kind === 'ambiguous') {
    const [thousands, decimal] = [text.thousands, viDecimal(text.decimal)];
    return refuse(
      `không rõ "${shown}" là ${thousands} hay ${decimal}; hãy viết ${thousands} (không có dấu chấm) hoặc ${decimal} (dấu phẩy thập phân)`,
      `"${shown}" could be ${thousands} or ${text.decimal}; write ${thousands} (no dot) or ${decimal} (decimal comma)`,
      true,
    );
  }
  if (chosen === null || !STORABLE.test(chosen))
    return refuse(
      `"${shown}" có quá nhiều chữ số (tối đa ${MAX_INTEGER_DIGITS} chữ số phần nguyên và ${MAX_FRACTION_DIGITS} chữ số thập phân)`,
      `"${shown}" has too many digits (at most ${MAX_INTEGER_DIGITS} before and ${MAX_FRACTION_DIGITS} after the decimal mark)`,
    );
  return { ok: true, value: chosen };
}
