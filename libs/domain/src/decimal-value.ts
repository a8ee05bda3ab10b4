import Decimal from 'decimal.js';

/** Significant digits a measured value may carry; beyond this a float round trip is not exact. */
export const MAX_SIGNIFICANT_DIGITS = 15;
/** Digits an entered value may have before and after the decimal point (the API's decimal fields allow the same). */
export const MAX_INTEGER_DIGITS = 18;
export const MAX_FRACTION_DIGITS = 12;
/**
 * Largest exponent canonicalDecimal writes out: PostgreSQL `numeric` holds up to 131072 digits before the point
 * and 16383 after, so text beyond that cannot be stored and is refused before a string that long is built.
 */
const MAX_PLAIN_EXPONENT = 131_071;
const MIN_PLAIN_EXPONENT = -16_383;

const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Canonical decimal text: plain notation, no exponent, no trailing zeros
 * (`81.50` → `81.5`, `1e3` → `1000`). Returns null for text that is not a finite decimal.
 */
export function canonicalDecimal(text: string): string | null {
  const s = text.trim();
  if (!DECIMAL_TEXT.test(s)) return null;
  const d = new Decimal(s);
  if (!d.isFinite()) return null;
  if (d.isZero()) return '0';
  if (d.e > MAX_PLAIN_EXPONENT || d.e < MIN_PLAIN_EXPONENT) return null;
  return d.toFixed();
}

/**
 * A measured value as written, checked in one parse: its canonical text, or why it cannot be stored: not a finite
 * decimal, more than MAX_INTEGER_DIGITS before the point or MAX_FRACTION_DIGITS after it (read from the exponent,
 * never the written-out digits, so `1e999999999` costs as little as `1`), more than MAX_SIGNIFICANT_DIGITS.
 */
export function measuredDecimal(text: string): { value: string } | { problem: string } {
  const s = text.trim();
  if (!DECIMAL_TEXT.test(s)) return { problem: `"${text}" is not a finite decimal number` };
  const d = new Decimal(s);
  if (!d.isFinite()) return { problem: `"${text}" is not a finite decimal number` };
  if (d.isZero()) return { value: '0' };
  if (d.e >= MAX_INTEGER_DIGITS) return { problem: `has more than ${MAX_INTEGER_DIGITS} digits before the decimal point` };
  if (d.decimalPlaces() > MAX_FRACTION_DIGITS) return { problem: `has more than ${MAX_FRACTION_DIGITS} digits after the decimal point` };
  if (d.precision(false) > MAX_SIGNIFICANT_DIGITS) return { problem: `has more than ${MAX_SIGNIFICANT_DIGITS} significant digits` };
  return { value: d.toFixed() };
}

export function toDecimal(value: string): Decimal {
  return new Decimal(value);
}

export function decimalEquals(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(b);
}

/** numerator / denominator × scale, as a Decimal. The caller guarantees denominator ≠ 0. */
export function ratioValue(numerator: string, denominator: string, scale: string): Decimal {
  return new Decimal(numerator).div(denominator).mul(scale);
}

/** A numeric value as the database returns it (string, number or null) → canonical decimal text or null. */
export function canonicalOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : canonicalDecimal(String(value));
}
