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
