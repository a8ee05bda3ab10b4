import type { TaskRow } from '@dx/db';

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
}

export function toTaskResponse(t: TaskRow): TaskResponse {
  return {
    id: t.id, code: t.code, title: t.title, province: t.provinceCode, document: t.documentCode, group: t.groupCode,
    lead: { code: t.leadCode, name: t.leadName }, due: t.due, status: t.status, progress: t.progress, overdue: t.overdue,
    evidence: t.evidenceNumber ? { number: t.evidenceNumber, date: t.evidenceDate, issuer: t.evidenceIssuer, link: t.evidenceLink } : null,
    comment: t.lastComment, updatedBy: t.updatedBy, updatedAt: t.updatedAt, version: t.version,
  };
}
