import { TaskChange, TaskHistory, TaskSnapshot, taskStateAt } from './task-history';

const TZ = 'Asia/Ho_Chi_Minh';
const inProgress: TaskSnapshot = { status: 'in_progress', progress: 40, evidence: null };
const done: TaskSnapshot = { status: 'done', progress: 100, evidence: { number: '12/BC-STTTT', date: '2026-11-28' } };

function history(extra: Partial<TaskHistory> = {}): TaskHistory {
  const recordedAt = new Date('2026-11-27T02:00:00Z');
  return { current: inProgress, recordedAt, planIssued: '2023-02-20', planRecordedAt: recordedAt, changes: [], ...extra };
}

const change = (at: string, before: TaskSnapshot, seq = 1): TaskChange => ({ at: new Date(at), seq, before });

describe('taskStateAt', () => {
  it('is the current state when nothing was recorded after the as-of date', () => {
    expect(taskStateAt(history(), '2026-12-01', TZ)).toEqual(inProgress);
    expect(taskStateAt(history({ current: done, changes: [change('2026-11-30T03:00:00Z', inProgress)] }), '2026-11-30', TZ)).toEqual(done);
  });

  it("is the state before the first change recorded after the as-of date (the plan file's, before any change)", () => {
    // In progress from the file, done through the API on 30/11/2026: a 2023-Q4 report sees it in progress.
    const h = history({ current: done, changes: [change('2026-11-30T03:00:00Z', inProgress)] });
    expect(taskStateAt(h, '2023-12-31', TZ)).toEqual(inProgress);
    expect(taskStateAt(h, '2026-11-29', TZ)).toEqual(inProgress);
  });

  it('picks the earliest of several later changes, whatever their order in the list', () => {
    const notStarted: TaskSnapshot = { status: 'not_started', progress: 0, evidence: null };
    const doneEarly: TaskSnapshot = { ...done, evidence: { number: '3/BC', date: '2023-05-02' } };
    const changes = [
      change('2026-11-30T03:00:00Z', inProgress, 7),
      change('2025-01-10T03:00:00Z', notStarted, 3),
      change('2024-01-01T00:00:00Z', doneEarly, 1),
    ];
    const h = history({ current: done, changes });
    expect(taskStateAt(h, '2023-06-30', TZ)).toEqual(doneEarly);
    expect(taskStateAt(h, '2024-06-30', TZ)).toEqual(notStarted);
    expect(taskStateAt(h, '2025-06-30', TZ)).toEqual(inProgress);
    expect(taskStateAt(h, '2026-12-31', TZ)).toEqual(done);
  });

  it('orders changes written at the same instant by their record', () => {
    const at = '2024-03-01T03:00:00Z';
    const h = history({ current: done, changes: [change(at, inProgress, 9), change(at, { ...inProgress, progress: 10 }, 8)] });
    expect(taskStateAt(h, '2024-02-29', TZ)?.progress).toBe(10);
  });

  it.each([
    // instant of the change (UTC), as-of date, state at that date: Hà Nội is UTC+7
    ['2023-12-31T16:30:00Z', '2023-12-31', 'done'], // 23:30 on 31/12 there: counts on 31/12
    ['2023-12-31T16:59:59Z', '2023-12-31', 'done'],
    ['2023-12-31T17:00:00Z', '2023-12-31', 'in_progress'], // 00:00 on 1/1
    ['2023-12-31T17:00:00Z', '2024-01-01', 'done'],
    ['2023-12-30T18:00:00Z', '2023-12-30', 'in_progress'], // 01:00 on 31/12, still 30/12 in UTC
  ])('a change at %s counts from its day in Asia/Ho_Chi_Minh (as of %s: %s)', (at, asOf, status) => {
    const h = history({ current: { ...done, evidence: { number: '1/BC', date: '2023-12-01' } }, changes: [change(at, inProgress)] });
    expect(taskStateAt(h, asOf, TZ)?.status).toBe(status);
  });

  it('leaves out a task before its plan was issued, unless the tracker recorded it earlier', () => {
    expect(taskStateAt(history(), '2023-02-19', TZ)).toBeNull();
    expect(taskStateAt(history(), '2023-02-20', TZ)).toEqual(inProgress);
    // Recorded on 27/11/2026 (09:00 there) for a plan issued on 1/12/2026.
    const early = history({ planIssued: '2026-12-01' });
    expect(taskStateAt(early, '2026-11-26', TZ)).toBeNull();
    expect(taskStateAt(early, '2026-11-27', TZ)).toEqual(inProgress);
    // Recorded at 23:30 on 26/11 there (16:30 UTC): in the plan from 26/11.
    expect(
      taskStateAt(
        history({ planIssued: null, recordedAt: new Date('2026-11-26T16:30:00Z'), planRecordedAt: new Date('2026-11-26T16:30:00Z') }),
        '2026-11-26',
        TZ,
      ),
    ).toEqual(inProgress);
    expect(
      taskStateAt(
        history({ planIssued: null, recordedAt: new Date('2026-11-26T16:30:00Z'), planRecordedAt: new Date('2026-11-26T16:30:00Z') }),
        '2026-11-25',
        TZ,
      ),
    ).toBeNull();
  });

  it.each([
    // task recorded (UTC), its document first recorded (UTC), first as-of date the task is in the plan
    ['2026-11-27T02:00:00Z', '2026-11-27T02:00:00Z', '2023-02-20'], // loaded with its plan: from the issue date
    ['2026-11-27T16:30:00Z', '2026-11-27T02:00:00Z', '2023-02-20'], // 23:30 the same day there: still the first load
    ['2026-11-27T17:00:00Z', '2026-11-27T02:00:00Z', '2026-11-28'], // 00:00 the next day there: a later import
    ['2026-01-15T03:00:00Z', '2023-03-01T02:00:00Z', '2026-01-15'], // added by a re-import in 2026
  ])('a task recorded at %s in a plan first recorded at %s is in the plan from %s', (recordedAt, planRecordedAt, from) => {
    const h = history({ recordedAt: new Date(recordedAt), planRecordedAt: new Date(planRecordedAt) });
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(taskStateAt(h, dayBefore, TZ)).toBeNull();
    expect(taskStateAt(h, from, TZ)).toEqual(inProgress);
  });

  it("leaves a task a re-import added out of every earlier date, the plan's issue date and year included", () => {
    // Plan issued 20/02/2023, first loaded 01/03/2023; the task added on 15/01/2026 (10:00 there).
    const h = history({ recordedAt: new Date('2026-01-15T03:00:00Z'), planRecordedAt: new Date('2023-03-01T02:00:00Z') });
    for (const asOf of ['2023-02-20', '2023-12-31', '2025-12-31', '2026-01-14']) expect(taskStateAt(h, asOf, TZ)).toBeNull();
    expect(taskStateAt(h, '2026-01-15', TZ)).toEqual(inProgress);
    expect(taskStateAt(h, '2026-12-31', TZ)).toEqual(inProgress);
  });

  it("counts a task the plan file says was done from its evidence's date, in progress before", () => {
    const fileDone: TaskSnapshot = { status: 'done', progress: 100, evidence: { number: '345/BC-STTTT', date: '2023-07-10' } };
    const h = history({ current: fileDone });
    expect(taskStateAt(h, '2023-12-31', TZ)).toEqual(fileDone);
    expect(taskStateAt(h, '2023-07-10', TZ)).toEqual(fileDone);
    expect(taskStateAt(h, '2023-07-09', TZ)).toEqual({ status: 'in_progress', progress: null, evidence: null });
  });

  it('counts a task done without a dated evidence as the file says, and leaves out later evidence of an open task', () => {
    const undated: TaskSnapshot = { status: 'done', progress: 100, evidence: null };
    expect(taskStateAt(history({ current: undated }), '2023-03-01', TZ)).toEqual(undated);
    const partial: TaskSnapshot = { status: 'in_progress', progress: 60, evidence: { number: '7/BC', date: '2023-09-01' } };
    expect(taskStateAt(history({ current: partial }), '2023-08-31', TZ)).toEqual({ ...partial, evidence: null });
    expect(taskStateAt(history({ current: partial }), '2023-09-01', TZ)).toEqual(partial);
  });
});
