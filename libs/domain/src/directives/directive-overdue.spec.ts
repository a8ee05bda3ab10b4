import { directiveOverdueSql, isDirectiveOverdue } from './directive-overdue';
import { DIRECTIVE_OVERDUE_CASES } from './directive-overdue.cases';

describe('isDirectiveOverdue (its SQL twin is checked against the same cases in test/integration/rule-sql.spec.ts)', () => {
  it.each(DIRECTIVE_OVERDUE_CASES)('on $today a $kind $status due $due is overdue: $overdue', (c) => {
    expect(isDirectiveOverdue(c, c.today)).toBe(c.overdue);
  });

  it('names the columns of the alias it is given', () => {
    expect(directiveOverdueSql('$2', 'directive')).toBe(
      `(directive.kind = 'directive' AND directive.status = 'open' AND directive.due IS NOT NULL AND directive.due < $2::date)`,
    );
  });
});
