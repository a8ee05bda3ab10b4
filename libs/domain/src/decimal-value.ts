import Decimal from 'decimal.js';

/** Significant digits a measured value may carry; beyond this a float round trip is not exact. */
export const MAX_SIGNIFICANT_DIGITS = 15;

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
  return d.isZero() ? '0' : d.toFixed();
}

export function significantDigits(canonical: string): number {
  return new Decimal(canonical).precision(false);
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
