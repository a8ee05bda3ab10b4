import { DUE_SOON_DAYS, hasEvidence, taskFlags } from './task-flags';
import type { TaskInput } from './status.types';

function task(extra: Partial<TaskInput> = {}): TaskInput {
  return { code: 'NV1', status: 'in_progress', due: '2023-12-31', progress: null, evidence: null, ...extra };
}

const evidence = { number: '45/BC-STTTT', date: '2023-11-20' };

describe('hasEvidence', () => {
  it.each([
    [null, false],
    [{ number: null, date: null }, false],
    [{ number: '45/BC-STTTT', date: null }, false],
    [{ number: null, date: '2023-11-20' }, false],
    [{ number: '  ', date: '2023-11-20' }, false],
    [evidence, true],
  ])('%p counts as evidence: %p', (e, expected) => {
    expect(hasEvidence(e)).toBe(expected);
  });
});

describe('taskFlags', () => {
  it('calls a task due soon up to 14 days ahead', () => {
    expect(DUE_SOON_DAYS).toBe(14);
  });

  it.each([
    // as-of, status, due, overdue, due soon
    ['2023-12-16', 'in_progress', '2023-12-31', false, false],
    ['2023-12-17', 'in_progress', '2023-12-31', false, true],
    ['2023-12-17', 'not_started', '2023-12-31', false, true],
    ['2023-12-30', 'in_progress', '2023-12-31', false, true],
    ['2023-12-31', 'in_progress', '2023-12-31', false, true],
    ['2024-01-01', 'in_progress', '2023-12-31', true, false],
    ['2024-01-01', 'not_started', '2023-12-31', true, false],
    ['2025-06-01', 'not_started', '2023-12-31', true, false],
    ['2024-01-01', 'done', '2023-12-31', false, false],
    ['2023-12-20', 'done', '2023-12-31', false, false],
    ['2024-01-01', 'cancelled', '2023-12-31', false, false],
    ['2023-12-20', 'cancelled', '2023-12-31', false, false],
    ['2024-01-01', 'in_progress', null, false, false],
  ])('on %s a task %s due %p is overdue: %p, due soon: %p', (asOf, status, due, overdue, dueSoon) => {
    const flags = taskFlags(task({ status: status as TaskInput['status'], due, evidence }), asOf);
    expect(flags).toEqual({ overdue, dueSoon, unverified: false });
  });

  it.each([
    ['done', null, true],
    ['done', { number: '45/BC-STTTT', date: null }, true],
    ['done', evidence, false],
    ['in_progress', null, false],
    ['cancelled', null, false],
  ])('a %s task with evidence %p is unverified: %p', (status, e, unverified) => {
    expect(taskFlags(task({ status: status as TaskInput['status'], evidence: e }), '2023-10-31').unverified).toBe(unverified);
  });
});
