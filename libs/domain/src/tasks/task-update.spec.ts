import { DomainError } from '../domain-error';
import { applyTaskUpdate, TaskState } from './task-update';

const TODAY = '2024-03-15';
const open: TaskState = {
  status: 'in_progress',
  progress: 40,
  evidenceNumber: null,
  evidenceDate: null,
  evidenceIssuer: null,
  evidenceLink: null,
};

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'INVALID_INPUT') return (e.details!.errors as { path: string }[]).map((p) => p.path);
    throw e;
  }
  return [];
}

describe('applyTaskUpdate', () => {
  it('done with evidence: progress becomes 100 and the evidence is kept, trimmed and NFC', () => {
    const next = applyTaskUpdate(
      open,
      { status: 'done', evidence: { number: ' 123/QĐ-UBND ', date: '2024-03-01', issuer: 'UBND tỉnh' } },
      TODAY,
    );
    expect(next).toEqual({
      status: 'done',
      progress: 100,
      evidenceNumber: '123/QĐ-UBND',
      evidenceDate: '2024-03-01',
      evidenceIssuer: 'UBND tỉnh',
      evidenceLink: null,
    });
  });

  it('done without evidence is accepted (the status rules flag it unverified)', () => {
    expect(applyTaskUpdate(open, { status: 'done' }, TODAY)).toMatchObject({ status: 'done', progress: 100, evidenceNumber: null });
  });

  it('evidence dated today is fine; tomorrow is refused', () => {
    expect(applyTaskUpdate(open, { evidence: { number: 'BC-1', date: TODAY } }, TODAY).evidenceDate).toBe(TODAY);
    expect(problems(() => applyTaskUpdate(open, { evidence: { number: 'BC-1', date: '2024-03-16' } }, TODAY))).toEqual(['evidence.date']);
  });

  it('lists every problem at once with its path', () => {
    expect(
      problems(() => applyTaskUpdate(open, { status: 'done', progress: 50, evidence: { number: ' ', date: '2024-02-30' } }, TODAY)),
    ).toEqual(['progress', 'evidence.number', 'evidence.date']);
  });

  it('an empty update is refused', () => {
    expect(problems(() => applyTaskUpdate(open, {}, TODAY))).toEqual(['']);
  });

  it('cancelled has no progress; reopening a done task clears its 100%', () => {
    expect(applyTaskUpdate(open, { status: 'cancelled' }, TODAY).progress).toBeNull();
    expect(problems(() => applyTaskUpdate(open, { status: 'cancelled', progress: 10 }, TODAY))).toEqual(['progress']);
    const done = applyTaskUpdate(open, { status: 'done' }, TODAY);
    expect(applyTaskUpdate(done, { status: 'in_progress' }, TODAY).progress).toBeNull();
    expect(applyTaskUpdate(done, { status: 'in_progress', progress: 90 }, TODAY).progress).toBe(90);
  });

  it('evidence: null clears it; a comment alone changes nothing else', () => {
    const withEvidence = applyTaskUpdate(open, { evidence: { number: 'BC-1', date: '2024-01-02', link: 'https://x.vn/a.pdf' } }, TODAY);
    expect(applyTaskUpdate(withEvidence, { evidence: null }, TODAY)).toEqual(open);
    expect(applyTaskUpdate(open, { comment: 'Đang triển khai' }, TODAY)).toEqual(open);
  });
});
