import fc from 'fast-check';
import { TASK_STATUSES } from '../plan.types';
import { mergeGoalRollups, mergeTaskRollups, rollupGoals, rollupTasks } from './rollup';
import { GOAL_STATUSES, type GoalStatus, type TaskInput, type TaskRollup } from './status.types';

const evidence = { number: '45/BC-STTTT', date: '2023-11-20' };

function task(code: string, extra: Partial<TaskInput> = {}): TaskInput {
  return { code, status: 'in_progress', due: null, progress: null, evidence: null, ...extra };
}

const noGoals = { met: 0, not_met: 0, on_track: 0, at_risk: 0, in_progress: 0, no_data: 0 };

describe('rollupGoals', () => {
  it('counts every status, zeros included, and gives met of total', () => {
    const statuses: GoalStatus[] = ['met', 'met', 'met', 'met', 'met', 'in_progress', 'in_progress', 'at_risk', 'no_data'];
    expect(rollupGoals(statuses, 9)).toEqual({
      counts: { ...noGoals, met: 5, in_progress: 2, at_risk: 1, no_data: 1 },
      met: 5,
      total: 9,
      recorded: 9,
      declared: 9,
    });
  });

  it('rolls up an empty group to zeros', () => {
    expect(rollupGoals([], null)).toEqual({ counts: noGoals, met: 0, total: 0, recorded: 0, declared: null });
  });

  it('always has counts summing to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GOAL_STATUSES)), fc.option(fc.nat(50)), (statuses, declared) => {
        const r = rollupGoals(statuses, declared);
        expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.total);
        expect(Object.keys(r.counts).sort()).toEqual([...GOAL_STATUSES].sort());
        expect(r.met).toBe(statuses.filter((s) => s === 'met').length);
      }),
      { seed: 1, numRuns: 300 },
    );
  });
});

describe('mergeGoalRollups', () => {
  const a = rollupGoals(['met', 'met', 'not_met'], 4);
  const b = rollupGoals(['on_track', 'met'], null);
  const c = rollupGoals(['no_data'], 2);

  it('sums counts, met, total and recorded', () => {
    expect(mergeGoalRollups([a, b, c])).toEqual({
      counts: { ...noGoals, met: 3, not_met: 1, on_track: 1, no_data: 1 },
      met: 3,
      total: 6,
      recorded: 6,
      declared: 4 + 2 + 2,
    });
  });

  it.each([
    ['all parts declare', [a, c], 6],
    ['a part without a declared count adds what it records', [a, b], 6],
    ['no part declares', [b, rollupGoals(['met'], null)], null],
    ['there is no part', [], null],
  ])('takes the declared count when %s', (_, parts, declared) => {
    expect(mergeGoalRollups(parts).declared).toBe(declared);
  });

  it('keeps counts summing to the total', () => {
    const part = fc.tuple(fc.array(fc.constantFrom(...GOAL_STATUSES)), fc.option(fc.nat(20))).map(([s, d]) => rollupGoals(s, d));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        const r = mergeGoalRollups(parts);
        expect(Object.values(r.counts).reduce((x, y) => x + y, 0)).toBe(r.total);
        expect(r.recorded).toBe(r.total);
      }),
      { seed: 2, numRuns: 200 },
    );
  });
});

describe('rollupTasks', () => {
  const asOf = '2023-12-20';
  const tasks = [
    task('NV1', { status: 'done', progress: null, evidence }), // 100
    task('NV2', { status: 'done', progress: 100 }), // unverified
    task('NV3', { status: 'in_progress', progress: 40, due: '2023-12-31' }), // due soon
    task('NV4', { status: 'not_started', due: '2023-12-01' }), // 0, overdue
    task('NV5', { status: 'cancelled', progress: 10, due: '2023-12-01' }), // excluded, not overdue
  ];

  it('counts stored statuses and flags, and averages progress without cancelled tasks', () => {
    expect(rollupTasks(tasks, 10, asOf)).toEqual({
      counts: { not_started: 1, in_progress: 1, done: 2, cancelled: 1 },
      total: 5,
      overdue: 1,
      dueSoon: 1,
      unverified: 1,
      progress: '60',
      recorded: 5,
      declared: 10,
    });
  });

  it.each([
    ['weights default to 1', [task('a', { progress: 10 }), task('b', { progress: 20 })], '15'],
    ['weights count', [task('a', { progress: 10, weight: 3 }), task('b', { progress: 50 })], '20'],
    ['a done task without progress counts 100, an open one 0', [task('a', { status: 'done' }), task('b'), task('c')], '33.33'],
    ['a cancelled task is left out', [task('a', { progress: 50 }), task('b', { status: 'cancelled', progress: 0 })], '50'],
    ['the mean is rounded to 2 decimals', [task('a', { progress: 0 }), task('b', { progress: 0 }), task('c', { progress: 2 })], '0.67'],
    ['fractional progress stays exact', [task('a', { progress: 0.1 }), task('b', { progress: 0.2 })], '0.15'],
    ['every task is cancelled', [task('a', { status: 'cancelled', progress: 80 })], null],
    ['there is no task', [], null],
  ])('progress when %s is %p', (_, list, progress) => {
    expect(rollupTasks(list, null, asOf).progress).toBe(progress);
  });

  it('has all four status keys for an empty group', () => {
    expect(rollupTasks([], null, asOf).counts).toEqual({ not_started: 0, in_progress: 0, done: 0, cancelled: 0 });
  });

  const anyTask = fc.record({
    code: fc.string(),
    status: fc.constantFrom(...TASK_STATUSES),
    due: fc.option(fc.constantFrom('2023-11-30', '2023-12-20', '2023-12-31', '2024-01-15')),
    progress: fc.option(fc.integer({ min: 0, max: 100 })),
    evidence: fc.option(fc.constant(evidence)),
  });

  it('always has counts summing to the total, and flags within their groups', () => {
    fc.assert(
      fc.property(fc.array(anyTask), (list) => {
        const r = rollupTasks(list, null, asOf);
        expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.total);
        expect(r.overdue + r.dueSoon).toBeLessThanOrEqual(r.counts.not_started + r.counts.in_progress);
        expect(r.unverified).toBeLessThanOrEqual(r.counts.done);
        if (r.progress !== null) expect(Number(r.progress)).toBeGreaterThanOrEqual(0);
        if (r.progress !== null) expect(Number(r.progress)).toBeLessThanOrEqual(100);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('mergeTaskRollups', () => {
  const asOf = '2023-12-20';
  const a = rollupTasks([task('a', { progress: 100 }), task('b', { progress: 0 }), task('c', { status: 'cancelled' })], 3, asOf); // 50 over 2
  const b = rollupTasks([task('d', { progress: 80, due: '2023-12-01' })], null, asOf); // 80 over 1
  const onlyCancelled = rollupTasks([task('e', { status: 'cancelled' })], 4, asOf);

  it('sums the parts and weights progress by their non-cancelled tasks', () => {
    expect(mergeTaskRollups([a, b, onlyCancelled])).toEqual<TaskRollup>({
      counts: { not_started: 0, in_progress: 3, done: 0, cancelled: 2 },
      total: 5,
      overdue: 1,
      dueSoon: 0,
      unverified: 0,
      progress: '60',
      recorded: 5,
      declared: 3 + 1 + 4,
    });
  });

  it('has no progress and no declared count when no part has either', () => {
    const merged = mergeTaskRollups([rollupTasks([task('e', { status: 'cancelled' })], null, asOf)]);
    expect(merged.progress).toBeNull();
    expect(merged.declared).toBeNull();
    expect(mergeTaskRollups([]).progress).toBeNull();
  });

  it('gives the same progress as one rollup of all tasks when parts have integral means', () => {
    const all = [task('a', { progress: 100 }), task('b', { progress: 0 }), task('d', { progress: 80 })];
    expect(mergeTaskRollups([rollupTasks(all.slice(0, 2), null, asOf), rollupTasks(all.slice(2), null, asOf)]).progress).toBe(
      rollupTasks(all, null, asOf).progress,
    );
  });
});
