/** One row of `GET /api/v1/audit`: who changed what, when and from where, with the item before and after. */
export interface AuditLogEntry {
  id: string;
  at: Date;
  actor: string;
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityKind: string;
  entityId: string | null;
  /** The item as a person names it: a task's code and title, a KPI value's indicator code, name and period; null when unknown. */
  entityLabel: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
