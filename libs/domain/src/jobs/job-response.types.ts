/**
 * `GET /api/v1/jobs/:id`: a recompute or report job as the API reports it and the web
 * polls it. Types only (the queue's own types stay out of libs/domain).
 */
export interface JobResponse {
  id?: string;
  name: string;
  /** The queue's state: waiting, delayed, active, completed, failed, …; `unknown` when the queue lost it. */
  state: string;
  /** A report job's percentage; whatever a job reported otherwise. */
  progress: string | boolean | number | object;
  attemptsMade: number;
  failedReason: string | null;
  result: unknown;
  createdAt: string;
  processedAt: string | null;
  finishedAt: string | null;
}
