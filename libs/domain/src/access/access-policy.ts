import { DomainError } from '../domain-error';
import type { Localised } from '../messages/localised';

/**
 * Who may do what (issue 6): each account has one role bound to an org unit, and the
 * org unit's province bounds everything it sees. Pure rules; services call them after
 * loading the row concerned and throw ACCESS_DENIED when they say no.
 */
export const ROLES = ['admin', 'officer', 'reporter', 'leader', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Vietnamese names of the roles, as the dashboard shows them. */
export const ROLE_LABELS_VI: Record<Role, string> = {
  admin: 'quản trị',
  officer: 'cán bộ Sở TT&TT',
  reporter: 'báo cáo viên',
  leader: 'lãnh đạo',
  viewer: 'người xem',
};

/** What an API token may do; a signed-in person's session has every right of its role. */
export const TOKEN_SCOPES = ['read', 'observations:write', 'tasks:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** Null only for an admin bound to no org unit. */
  orgUnitId: string | null;
  provinceId: string | null;
  /** Null for a person's session; an API token's scopes otherwise. */
  scopes: TokenScope[] | null;
}

/** The province and, where it matters, the agency a row belongs to. */
export interface Owned {
  provinceId: string;
  orgUnitId?: string | null;
}

const hasScope = (p: Principal, scope: TokenScope) => p.scopes === null || p.scopes.includes(scope);
const sameProvince = (p: Principal, provinceId: string) => p.provinceId === provinceId;

/** Reading a province's data: admins anywhere, everyone else in their own province. */
export function canRead(p: Principal, provinceId: string): boolean {
  return hasScope(p, 'read') && (p.role === 'admin' || sameProvince(p, provinceId));
}

/** Entering values in a province at all (before its agency is known): admins; its officers and reporters. */
export function canWriteObservationsIn(p: Principal, provinceId: string): boolean {
  if (!hasScope(p, 'observations:write')) return false;
  return p.role === 'admin' || (sameProvince(p, provinceId) && (p.role === 'officer' || p.role === 'reporter'));
}

/** Updating a task: admins; officers of its province; reporters of the agency that leads it. Leaders and viewers edit no data. */
export function canUpdateTask(p: Principal, task: { provinceId: string; leadId: string }): boolean {
  if (!hasScope(p, 'tasks:write')) return false;
  if (p.role === 'admin') return true;
  if (!sameProvince(p, task.provinceId)) return false;
  return p.role === 'officer' || (p.role === 'reporter' && p.orgUnitId === task.leadId);
}

/** Entering a KPI value: admins; officers for any org unit of their province; reporters for their own org unit only. */
export function canWriteObservation(p: Principal, target: { provinceId: string; orgUnitId: string }): boolean {
  if (!hasScope(p, 'observations:write')) return false;
  if (p.role === 'admin') return true;
  if (!sameProvince(p, target.provinceId)) return false;
  return p.role === 'officer' || (p.role === 'reporter' && p.orgUnitId === target.orgUnitId);
}

/** Correcting or removing a stored KPI value: as entering one, and a reporter only the values it entered itself. */
export function canEditObservation(p: Principal, value: { provinceId: string; orgUnitId: string; enteredBy: string }): boolean {
  return canWriteObservation(p, value) && (p.role !== 'reporter' || value.enteredBy === p.username);
}

/** The audit log of a province: admins, and its officers and leaders (people, not tokens). */
export function canReadAudit(p: Principal, provinceId: string | null): boolean {
  if (p.scopes !== null) return false;
  if (p.role === 'admin') return true;
  return provinceId !== null && sameProvince(p, provinceId) && (p.role === 'officer' || p.role === 'leader');
}

/** The provinces a principal may list: all (null) for admins, else its own. */
export function readableProvince(p: Principal): string | null {
  return p.role === 'admin' ? null : p.provinceId;
}

/** Throws ACCESS_DENIED unless `allowed`. */
export function assertAccess(allowed: boolean, message: string | Localised): void {
  if (!allowed) throw new DomainError('ACCESS_DENIED', message);
}

/** A reporter's writes wait for an officer's approval unless the province trusts its reporters. */
export function needsApproval(p: Principal, trustReporters: boolean): boolean {
  return p.role === 'reporter' && !trustReporters;
}

/** Approving or returning submissions, and the province's settings: admins, and officers of the province (people, not tokens). */
export function canApprove(p: Principal, provinceId: string): boolean {
  return p.scopes === null && (p.role === 'admin' || (p.role === 'officer' && sameProvince(p, provinceId)));
}

/** Directives (chỉ đạo) are the leaders'; comments also officers'. */
export function canReview(p: Principal, provinceId: string, kind: 'directive' | 'comment'): boolean {
  if (p.scopes !== null) return false;
  if (p.role === 'admin') return true;
  if (!sameProvince(p, provinceId)) return false;
  return p.role === 'leader' || (kind === 'comment' && p.role === 'officer');
}

/** Answering a directive: the assignee agency's reporters, the province's officers, admins (people, not tokens). */
export function canAnswer(p: Principal, directive: { provinceId: string; assigneeId: string | null }): boolean {
  if (p.scopes !== null) return false;
  if (p.role === 'admin') return true;
  if (!sameProvince(p, directive.provinceId)) return false;
  return p.role === 'officer' || (p.role === 'reporter' && directive.assigneeId !== null && p.orgUnitId === directive.assigneeId);
}
