import type { SubmissionRow } from '@dx/db';
import type { SubmissionResponse } from '@dx/domain';

/** Shared with the web, so declared in libs/domain. */
export type { SubmissionResponse };

export function toSubmissionResponse(s: SubmissionRow): SubmissionResponse {
  return {
    id: s.id,
    kind: s.kind,
    province: s.province,
    task: s.taskId ? { id: s.taskId, code: s.taskCode } : null,
    baseVersion: s.baseVersion,
    payload: s.payload,
    status: s.status,
    submittedBy: s.submittedBy,
    submittedAt: s.submittedAt,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt,
    reason: s.reason,
  };
}
