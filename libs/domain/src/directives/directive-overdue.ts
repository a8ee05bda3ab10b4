/** A leader's directive (chỉ đạo), which waits for an answer, or a comment, which does not. */
export type DirectiveKind = 'directive' | 'comment';
export type DirectiveState = 'open' | 'answered' | 'closed';

/**
 * Whether a directive is overdue on `today` (ISO dates): a directive (not a comment) still open, whose due date is
 * before today. The directive reads and counts state the same rule in SQL (`directiveOverdueSql`); both pass
 * DIRECTIVE_OVERDUE_CASES.
 */
export function isDirectiveOverdue(d: { kind: DirectiveKind; status: DirectiveState; due: string | null }, today: string): boolean {
  return d.kind === 'directive' && d.status === 'open' && d.due !== null && d.due < today;
}

/**
 * The rule of `isDirectiveOverdue` as an SQL boolean expression. `today` is an SQL expression of the date
 * (e.g. `$1`), `directive` the alias (or table name) of a row with `kind`, `status` and `due` (date) columns.
 */
export function directiveOverdueSql(today: string, directive = 'r'): string {
  const r = directive;
  return `(${r}.kind = 'directive' AND ${r}.status = 'open' AND ${r}.due IS NOT NULL AND ${r}.due < ${today}::date)`;
}
