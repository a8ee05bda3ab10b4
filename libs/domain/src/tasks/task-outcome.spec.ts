import { isTaskOverdue } from './task-overdue';
import { TASK_OVERDUE_CASES } from './task-overdue.cases';
import { countTaskOutcomes, countTaskOutcomesBy, TASK_OUTCOME_LABELS_VI, taskOutcome, TaskOutcomeInput } from './task-outcome';

describe('taskOutcome (the four categories of a government progress report)', () => {
  it.each<[string, TaskOutcomeInput, string, string | null]>([
    ['done before its due date', { status: 'done', due: '2024-06-30', completed: '2024-06-10' }, '2024-12-31', 'done_on_time'],
    ['done on its due date', { status: 'done', due: '2024-06-30', completed: '2024-06-30' }, '2024-12-31', 'done_on_time'],
    ['done the day after its due date', { status: 'done', due: '2024-06-30', completed: '2024-07-01' }, '2024-12-31', 'done_late'],
    ['done without a due date', { status: 'done', due: null, completed: '2024-07-01' }, '2024-12-31', 'done_on_time'],
    [
      'done past its due date, completion date unknown',
      { status: 'done', due: '2024-06-30', completed: null },
      '2024-12-31',
      'done_on_time',
    ],
    ['open, due later', { status: 'in_progress', due: '2025-01-31', completed: null }, '2024-12-31', 'open_on_time'],
    ['open, due on the as-of date', { status: 'not_started', due: '2024-12-31', completed: null }, '2024-12-31', 'open_on_time'],
    ['open, due the day before', { status: 'in_progress', due: '2024-12-30', completed: null }, '2024-12-31', 'open_overdue'],
    ['open without a due date', { status: 'not_started', due: null, completed: null }, '2024-12-31', 'open_on_time'],
    ['cancelled past its due date', { status: 'cancelled', due: '2024-01-31', completed: null }, '2024-12-31', null],
  ])('%s', (_, task, asOf, outcome) => {
    expect(taskOutcome(task, asOf)).toBe(outcome);
  });

  it.each(TASK_OVERDUE_CASES)('agrees with isTaskOverdue: on $today a task $status due $due', (c) => {
    const outcome = taskOutcome({ status: c.status, due: c.due, completed: null }, c.today);
    expect(outcome === 'open_overdue').toBe(isTaskOverdue(c, c.today));
  });

  it('counts every task but the cancelled ones under exactly one outcome', () => {
    const tasks: TaskOutcomeInput[] = [
      { status: 'done', due: '2024-03-01', completed: '2024-02-01' },
      { status: 'done', due: '2024-03-01', completed: '2024-04-01' },
      { status: 'done', due: '2024-03-01', completed: '2024-05-01' },
      { status: 'in_progress', due: '2024-03-01', completed: null },
      { status: 'not_started', due: '2025-03-01', completed: null },
      { status: 'cancelled', due: '2024-03-01', completed: null },
    ];
    expect(countTaskOutcomes(tasks, '2024-06-30')).toEqual({ done_on_time: 1, done_late: 2, open_on_time: 1, open_overdue: 1 });
    expect(countTaskOutcomes([], '2024-06-30')).toEqual({ done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 });
  });

  it('counts per key in first-seen order, a key with only cancelled tasks at zero', () => {
    const tasks = [
      { lead: 'SKHCN', status: 'in_progress' as const, due: '2024-01-01', completed: null },
      { lead: 'VPUBND', status: 'done' as const, due: null, completed: null },
      { lead: 'SKHCN', status: 'done' as const, due: '2024-01-01', completed: '2024-02-01' },
      { lead: 'SNV', status: 'cancelled' as const, due: null, completed: null },
    ];
    const byLead = countTaskOutcomesBy(tasks, '2024-06-30', (t) => t.lead);
    expect([...byLead.keys()]).toEqual(['SKHCN', 'VPUBND', 'SNV']);
    expect(byLead.get('SKHCN')).toEqual({ done_on_time: 0, done_late: 1, open_on_time: 0, open_overdue: 1 });
    expect(byLead.get('SNV')).toEqual({ done_on_time: 0, done_late: 0, open_on_time: 0, open_overdue: 0 });
  });

  it('names the four outcomes in Vietnamese (NFC)', () => {
    expect(Object.values(TASK_OUTCOME_LABELS_VI)).toEqual([
      'hoàn thành đúng hạn',
      'hoàn thành quá hạn',
      'chưa hoàn thành nhưng còn trong hạn',
      'chưa hoàn thành và đã quá hạn',
    ]);
    for (const label of Object.values(TASK_OUTCOME_LABELS_VI)) expect(label).toBe(label.normalize('NFC'));
  });
});
