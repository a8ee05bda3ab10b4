import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditRepository,
  batchedLookup,
  ProvinceRepository,
  RequestMeta,
  SubmissionRepository,
  TaskFilter,
  TaskRepository,
  TaskRow,
} from '@dx/db';
import {
  applyTaskUpdate,
  assertAccess,
  canRead,
  canUpdateTask,
  commonMessages,
  countTaskOutcomes,
  DomainError,
  isIsoDate,
  needsApproval,
  orgMessages,
  Principal,
  taskMessages,
  things,
  TaskListResponse,
  TaskUpdateResponse,
  todayIn,
} from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { UpdateTaskDto } from './dto/update-task.dto';
import { ListTasksQuery } from './dto/list-tasks.query';
import { toSubmissionResponse } from '../submission/submission.response';
import { toTaskResponse, TaskResponse } from './task.response';
import { writeLockedTaskUpdate, writeTaskUpdate } from './task.writer';
import { assertReadable } from '../common/readable-province';
import { SerialisedAnswer, WorkAnswerCache } from '../status/work-answer-cache';
import { pageOf, pageWindow } from '../common/page.query';

/** `If-Match: "3"`, `W/"3"` or `3` → 3; null when there is none; INVALID_INPUT (400) when it is there but not a version. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) {
    throw new DomainError('INVALID_INPUT', taskMessages.versionNotNumber(header.slice(0, 40)), {
      errors: [{ path: 'If-Match', messages: [taskMessages.versionNotNumberRule()] }],
    });
  }
  return Number(m[1]);
}

@Injectable()
export class TaskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly tasks: TaskRepository,
    private readonly submissions: SubmissionRepository,
    private readonly audit: AuditRepository,
    private readonly answers: WorkAnswerCache,
  ) {}

  private today(): string {
    return todayIn(TIME_ZONE, new Date());
  }

  /** A task as read now (overdue on `today`): the reads of concurrent requests share one query (batchedLookup). */
  private read(id: string, today: string): Promise<TaskRow | null> {
    return this.reads.load(`${today}|${id}`);
  }

  private readonly reads = batchedLookup(async (keys) => {
    const idsByDay = new Map<string, string[]>();
    for (const key of keys) {
      const [today, id] = key.split('|');
      const ids = idsByDay.get(today) ?? [];
      if (ids.push(id) === 1) idsByDay.set(today, ids);
    }
    const found = new Map<string, TaskRow>();
    for (const [today, ids] of idsByDay) {
      for (const [id, task] of await this.tasks.findByIds(ids, today)) found.set(`${today}|${id}`, task);
    }
    return found;
  });

  /**
   * A page of the tasks, with every matching task (all pages) counted under the four outcomes at today's date,
   * serialised: kept while the province's work stamp is the one it was read with (WorkAnswerCache), by province,
   * filter, page, sort and today's date (the answer is the same for everyone who may read the province).
   */
  async list(principal: Principal, q: ListTasksQuery): Promise<SerialisedAnswer> {
    const work = await this.answers.stampOf(q.province);
    if (!work) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(q.province));
    await assertReadable(this.provinces, principal, work.provinceId, things.province(q.province));
    for (const [name, value] of [
      ['due_before', q.due_before],
      ['due_after', q.due_after],
    ] as const) {
      if (value !== undefined && !isIsoDate(value)) throw new DomainError('INVALID_DATE', commonMessages.notARealDate(name, value));
    }
    const filter: TaskFilter = {
      provinceId: work.provinceId,
      documentCode: q.document,
      groupCode: q.group,
      leadCode: q.lead,
      status: q.status,
      overdue: q.overdue,
      dueBefore: q.due_before,
      dueAfter: q.due_after,
      text: q.q?.trim().normalize('NFC') || undefined,
      today: this.today(),
    };
    const page = { ...pageWindow(q), sort: q.sort };
    const answer = await this.answers.answer(`tasks|${JSON.stringify([filter, page])}`, work, async (m): Promise<TaskListResponse> => {
      const tasks = this.tasks.withTransaction(m);
      const { rows, total } = await tasks.list(filter, page);
      const outcomes = countTaskOutcomes(await tasks.outcomeInputs(filter), filter.today);
      return { ...pageOf(q, rows.map(toTaskResponse), total), outcomes };
    });
    if (!answer) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(q.province));
    return answer;
  }

  async get(principal: Principal, id: string): Promise<TaskResponse> {
    const task = await this.read(id, this.today());
    if (!task) throw new DomainError('TASK_NOT_FOUND', taskMessages.notFound(id));
    await assertReadable(this.provinces, principal, task.provinceId, things.task(id));
    return toTaskResponse(task);
  }

  /**
   * Optimistic concurrency: the caller names the version it read (If-Match); a different current version is a
   * VERSION_CONFLICT carrying the current row. An update is written by one statement that applies only while the task
   * is at the version it was checked against (with its audit entry and the outbox row that triggers the recompute),
   * so it needs no transaction: if another update commits in between, nothing is written and the answer is the
   * conflict, as if the task had been read after it. A reporter's update waits for an officer as a submission (202)
   * unless the province trusts its reporters: that is decided and written in one transaction, the row locked.
   */
  async update(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    patch: UpdateTaskDto,
    meta: RequestMeta,
  ): Promise<WriteResult> {
    const expected = parseIfMatch(ifMatch);
    if (expected === null) throw new DomainError('VERSION_REQUIRED', taskMessages.versionRequired());
    const today = this.today();
    const by = { principal, updatedBy: principal.username, meta };
    if (principal.role === 'reporter') {
      return this.dataSource.transaction(async (m) => {
        const tasks = this.tasks.withTransaction(m);
        const before = updatable(principal, id, expected, await tasks.lockById(id, today));
        const next = applyTaskUpdate(before, patch, today);
        const submissions = this.submissions.withTransaction(m);
        if (needsApproval(principal, await submissions.trustsReporters(before.provinceId))) {
          const submission = await submissions.create({
            kind: 'task',
            provinceId: before.provinceId,
            taskId: id,
            baseVersion: before.version,
            payload: { ...patch },
            userId: principal.userId,
            username: principal.username,
          });
          await this.audit.withTransaction(m).append({
            actor: principal,
            meta,
            action: 'task.submit',
            entityKind: 'submission',
            entityId: submission.id,
            provinceId: before.provinceId,
            before: null,
            after: toSubmissionResponse(submission),
          });
          return { status: 202, body: { submission: toSubmissionResponse(submission) } };
        }
        const after = await writeLockedTaskUpdate(tasks, before, next, patch.comment, by, today);
        return { status: 200, body: after, etag: `"${after.version}"` };
      });
    }
    const before = updatable(principal, id, expected, await this.read(id, today));
    const after = await writeTaskUpdate(this.tasks, before, applyTaskUpdate(before, patch, today), patch.comment, by, today);
    if (after) return { status: 200, body: after, etag: `"${after.version}"` };
    // Another update committed since the read: answer from the task as it is now (a conflict, or gone).
    updatable(principal, id, expected, await this.read(id, today));
    throw new DomainError('VERSION_CONFLICT', taskMessages.changedWhileUpdating(before.code));
  }
}

/** The task, if the principal may update it and it is at the version the caller read; the error to answer otherwise. */
function updatable(principal: Principal, id: string, expected: number, task: TaskRow | null): TaskRow {
  if (!task) throw new DomainError('TASK_NOT_FOUND', taskMessages.notFound(id));
  assertAccess(canRead(principal, task.provinceId) && canUpdateTask(principal, task), taskMessages.noRightToUpdate(task.code));
  if (task.version !== expected) {
    throw new DomainError('VERSION_CONFLICT', taskMessages.versionConflict(task.code, task.version, expected), {
      current: toTaskResponse(task),
    });
  }
  return task;
}

/** A write's answer: its status, body (of type B) and the new version's ETag. */
export interface WriteResult<B = TaskUpdateResponse> {
  status: 200 | 201 | 202;
  body: B;
  etag?: string;
}
