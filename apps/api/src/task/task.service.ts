import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository, ProvinceRepository, RequestMeta, TaskRepository, TaskRow } from '../../../../libs/db/src';
import { applyTaskUpdate, assertAccess, canRead, canUpdateTask, DomainError, isIsoDate, Principal, todayIn } from '../../../../libs/domain/src';
import { TIME_ZONE } from '../../../../libs/status-engine/src';
import { UpdateTaskDto } from './dto/update-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';

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

/** `If-Match: "3"`, `W/"3"` or `3` → 3; anything else is not a version. */
export function parseIfMatch(header: string | undefined): number | null {
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header ?? '');
  return m ? Number(m[1]) : null;
}

@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
  ) {}

  private today(): string {
    return todayIn(TIME_ZONE, new Date());
  }

  async list(principal: Principal, q: ListTasksQuery) {
    const provinceId = await this.provinces.provinceId(q.province);
    if (!provinceId) throw new DomainError('PROVINCE_NOT_FOUND', `no province with code "${q.province}"`);
    assertAccess(canRead(principal, provinceId), `no access to province ${q.province}`);
    for (const [name, value] of [['due_before', q.due_before], ['due_after', q.due_after]] as const) {
      if (value !== undefined && !isIsoDate(value)) throw new DomainError('INVALID_DATE', `${name} "${value}" is not a real date`);
    }
    const { rows, total } = await new TaskRepository(this.dataSource).list(
      {
        provinceId, documentCode: q.document, groupCode: q.group, leadCode: q.lead, status: q.status, overdue: q.overdue,
        dueBefore: q.due_before, dueAfter: q.due_after, text: q.q?.trim() || undefined, today: this.today(),
      },
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, sort: q.sort },
    );
    return { items: rows.map(toTaskResponse), page: q.page, pageSize: q.pageSize, total };
  }

  async get(principal: Principal, id: string): Promise<TaskResponse> {
    const task = await new TaskRepository(this.dataSource).findById(id, this.today());
    if (!task) throw new DomainError('TASK_NOT_FOUND', `no task with id "${id}"`);
    assertAccess(canRead(principal, task.provinceId), `no access to task ${id}`);
    return toTaskResponse(task);
  }

  /**
   * Optimistic concurrency: the caller names the version it read (If-Match); the row is
   * locked, and a different current version is a VERSION_CONFLICT carrying the current row.
   * The update, its audit entry and the outbox row that triggers the recompute are one transaction.
   */
  async update(principal: Principal, id: string, ifMatch: string | undefined, patch: UpdateTaskDto, meta: RequestMeta): Promise<TaskResponse> {
    const expected = parseIfMatch(ifMatch);
    if (expected === null) throw new DomainError('VERSION_REQUIRED', 'send If-Match with the version you read (the task\'s "version" or ETag)');
    const today = this.today();
    return this.dataSource.transaction(async (m) => {
      const tasks = new TaskRepository(m);
      const before = await tasks.lockById(id, today);
      if (!before) throw new DomainError('TASK_NOT_FOUND', `no task with id "${id}"`);
      assertAccess(canRead(principal, before.provinceId) && canUpdateTask(principal, before), `no right to update task ${before.code}`);
      if (before.version !== expected) {
        throw new DomainError('VERSION_CONFLICT', `task ${before.code} is at version ${before.version}, not ${expected}`, { current: toTaskResponse(before) });
      }
      const next = applyTaskUpdate(before, patch, today);
      await tasks.update(id, next, patch.comment === undefined ? undefined : (patch.comment?.trim().normalize('NFC') || null), principal.username);
      const after = (await tasks.findById(id, today))!;
      await new AuditRepository(m).append({
        actor: principal, meta, action: 'task.update', entityKind: 'task', entityId: id, provinceId: before.provinceId,
        before: toTaskResponse(before), after: toTaskResponse(after),
      });
      // A task write cannot change a KPI: the row needs no KPI pass.
      await m.query(`INSERT INTO outbox (province_id, document_id, reason, kpi_processed_at) VALUES ($1, NULL, 'task', now())`, [before.provinceId]);
      return toTaskResponse(after);
    });
  }
}
