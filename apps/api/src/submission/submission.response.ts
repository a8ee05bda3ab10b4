import type { SubmissionRow } from '@dx/db';

export interface SubmissionResponse {
  id: string;
  kind: 'task' | 'observation';
  province: string;
  task: { id: string; code: string | null } | null;
  baseVersion: number | null;
  payload: Record<string, unknown>;
  status: string;
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export function toSubmissionResponse(s: SubmissionRow): SubmissionResponse {
  return {
    id: s.id, kind: s.kind, province: s.province, task: s.taskId ? { id: s.taskId, code: s.taskCode } : null, baseVersion: s.baseVersion,
    payload: s.payload, status: s.status, submittedBy: s.submittedBy, submittedAt: s.submittedAt, decidedBy: s.decidedBy, decidedAt: s.decidedAt,
    reason: s.reason,
  };
}
