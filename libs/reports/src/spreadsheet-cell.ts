/** First characters that make Excel or LibreOffice read text as a formula (OWASP, "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as an XLSX cell that no spreadsheet will evaluate: text starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading apostrophe, as Excel marks typed text (OWASP's advice for
 * CSV injection). Report text comes from plan files and users (goal and task titles, agency names,
 * directives), and `=HYPERLINK(…)` or `=cmd|…` would otherwise run, or turn into a formula when the
 * cell is edited or the sheet saved as CSV. Numbers, negative ones included, stay numbers.
 */
export function inertCellValue<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
