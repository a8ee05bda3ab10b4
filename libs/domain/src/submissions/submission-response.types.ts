/** A reporter's update waiting for (or past) an officer's decision, as `GET /api/v1/submissions` returns it. */
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
