import { isTaskOpen, isTaskOverdue, taskOverdueSql } from './task-overdue';
import { TASK_OVERDUE_CASES } from './task-overdue.cases';

describe('isTaskOverdue (its SQL twin is checked against the same cases in test/integration/rule-sql.spec.ts)', () => {
  it.each(TASK_OVERDUE_CASES)('on $today a task $status due $due is overdue: $overdue', (c) => {
    expect(isTaskOverdue(c, c.today)).toBe(c.overdue);
  });

  it('calls a task open unless it is done or cancelled', () => {
    expect(['not_started', 'in_progress', 'done', 'cancelled'].filter((s) => isTaskOpen(s as never))).toEqual([
      'not_started',
      'in_progress',
    ]);
  });

  it('names the columns of the alias it is given', () => {
    expect(taskOverdueSql('$2', 'x')).toBe(`(x.due IS NOT NULL AND x.status NOT IN ('done', 'cancelled') AND x.due < $2::date)`);
  });
});
