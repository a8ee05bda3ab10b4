import { taskMessages } from '../messages/task.messages';
import { DomainError } from '../domain-error';
import { isIsoDate } from '../iso-date';
import type { TaskStatus } from '../plan.types';

export interface TaskState {
  status: TaskStatus;
  progress: number | null;
  evidenceNumber: string | null;
  evidenceDate: string | null;
  evidenceIssuer: string | null;
  evidenceLink: string | null;
}

export interface TaskPatch {
  status?: TaskStatus;
  progress?: number | null;
  /** null clears the evidence. */
  evidence?: { number: string; date: string; issuer?: string | null; link?: string | null } | null;
  comment?: string | null;
}

export interface FieldProblem {
  path: string;
  messages: string[];
}

/**
 * A task after an update (docs/status-rules.md, "Tasks"): `done` means 100% (a progress given
 * with it must be 100, none given becomes 100); `cancelled` has no progress; evidence is a
 * document number and a date not after today (`today` in the province's time zone). A
 * `done` task without evidence is kept but flagged unverified by the status rules, not
 * refused. Throws INVALID_INPUT listing every problem with its field path.
 */
export function applyTaskUpdate(current: TaskState, patch: TaskPatch, today: string): TaskState {
  const problems: FieldProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, messages: [message] });
  if (patch.status === undefined && patch.progress === undefined && patch.evidence === undefined && patch.comment === undefined) {
    problem('', 'nothing to update: give status, progress, evidence or comment');
  }
  const status = patch.status ?? current.status;
  let progress = patch.progress === undefined ? current.progress : patch.progress;
  if (status === 'done') {
    if (patch.progress !== undefined && patch.progress !== null && patch.progress !== 100)
      problem('progress', 'must be 100 (or left out) when status is done');
    progress = 100;
  } else if (status === 'cancelled') {
    if (patch.progress !== undefined && patch.progress !== null) problem('progress', 'must be left out when status is cancelled');
    progress = null;
  } else if (patch.status !== undefined && patch.progress === undefined && current.status === 'done') {
    // Reopened: 100% no longer holds and the caller did not say what does.
    progress = null;
  }
  let evidence = {
    evidenceNumber: current.evidenceNumber,
    evidenceDate: current.evidenceDate,
    evidenceIssuer: current.evidenceIssuer,
    evidenceLink: current.evidenceLink,
  };
  if (patch.evidence === null) {
    evidence = { evidenceNumber: null, evidenceDate: null, evidenceIssuer: null, evidenceLink: null };
  } else if (patch.evidence !== undefined) {
    const e = patch.evidence;
    const number = e.number.trim().normalize('NFC');
    if (!number) problem('evidence.number', 'must not be empty');
    if (!isIsoDate(e.date)) problem('evidence.date', 'must be a date YYYY-MM-DD');
    else if (e.date > today) problem('evidence.date', `must not be after today (${today})`);
    evidence = {
      evidenceNumber: number,
      evidenceDate: e.date,
      evidenceIssuer: e.issuer?.trim().normalize('NFC') || null,
      evidenceLink: e.link?.trim() || null,
    };
  }
  if (problems.length) throw new DomainError('INVALID_INPUT', taskMessages.updateBreaksRules(), { errors: problems });
  return { status, progress, ...evidence };
}
