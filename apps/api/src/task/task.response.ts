import type { TaskRow } from '@dx/db';
import type { TaskResponse } from '@dx/domain';

/** Shared with the web, so declared in libs/domain. */
export type { TaskResponse };

export function toTaskResponse(t: TaskRow): TaskResponse {
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    province: t.provinceCode,
    document: t.documentCode,
    group: t.groupCode,
    lead: { code: t.leadCode, name: t.leadName },
    due: t.due,
    status: t.status,
    progress: t.progress,
    overdue: t.overdue,
    evidence: t.evidenceNumber ? { number: t.evidenceNumber, date: t.evidenceDate, issuer: t.evidenceIssuer, link: t.evidenceLink } : null,
    comment: t.lastComment,
    updatedBy: t.updatedBy,
    updatedAt: t.updatedAt,
    version: t.version,
    origin: t.origin,
    cancelReason: t.cancelReason ?? null,
    support: t.support ?? [],
  };
}
