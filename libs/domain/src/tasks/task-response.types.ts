import type { SubmissionResponse } from '../submissions/submission-response.types';
import type { TaskOutcomeCounts } from './task-outcome';

/** A task as `GET /api/v1/tasks` and `GET /api/v1/tasks/:id` return it (and a 409 carries as `current`). */
export interface TaskResponse {
  id: string;
  code: string;
  title: string;
  province: string;
  document: string;
  group: string;
  lead: { code: string; name: string };
  due: string | null;
  status: string;
  progress: number | null;
  overdue: boolean | null;
  evidence: { number: string; date: string | null; issuer: string | null; link: string | null } | null;
  comment: string | null;
  updatedBy: string | null;
  updatedAt: Date;
  version: number;
  /** `web`: added in the web app rather than by a plan file. */
  origin?: 'import' | 'web';
  /** Why it was cancelled (status `cancelled`), when that was done in the web app. */
  cancelReason?: string | null;
  /** Supporting agencies' codes. */
  support?: string[];
}

/**
 * `GET /api/v1/tasks`: a page of tasks, and every task the filter matches (all pages) counted under
 * the four outcomes of a government progress report at today's date (`taskOutcome`).
 */
export interface TaskListResponse {
  items: TaskResponse[];
  page: number;
  pageSize: number;
  total: number;
  outcomes: TaskOutcomeCounts;
}

/**
 * `PATCH /api/v1/tasks/:id`: the task as now stored (200), or, for a reporter whose province wants approval, the
 * submission that waits for it (202).
 */
export type TaskUpdateResponse = TaskResponse | { submission: SubmissionResponse };

/** `GET /api/v1/documents/:doc/tasks/next-code`: the code the next task of a group would get. */
export interface NextCodeResponse {
  code: string;
}
