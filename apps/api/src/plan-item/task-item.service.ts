import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PlanItemRepository, ProvinceRepository, RequestMeta, TaskRepository, TaskRow } from '@dx/db';
import {
  applyTaskUpdate,
  checkCancelReason,
  checkTaskDraft,
  checkTaskEdit,
  cleanText,
  DomainError,
  Lang,
  NextCodeResponse,
  Principal,
  suggestItemCode,
  TaskPatch,
  taskEditMessages,
} from '@dx/domain';
import { toTaskResponse } from '../task/task.response';
import { UpdateTaskDto } from '../task/dto/update-task.dto';
import { CreateTaskDto } from './dto/plan-item.dto';
import { assertPlanEditor, codesOf, editableDocument, idOf, refuseProblems, requiredVersion, today } from './plan-item.access';

export interface ItemWriteResult {
  status: 200 | 201;
  body: unknown;
  etag: string;
}

const STATE_KEYS = ['status', 'progress', 'evidence', 'comment'] as const;

/**
 * Tasks added, edited and cancelled in the web app by the province's officers and admins (issue 19): each write
 * in one transaction with the task row locked, checked against the version the caller read (If-Match), audited
 * (`task.create`, `task.edit`, `task.cancel`, with the task before and after, so its state at earlier dates stays
 * known) and followed by the recompute (an outbox row).
 */
@Injectable()
export class TaskItemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly items: PlanItemRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async nextCode(principal: Principal, docCode: string, provinceCode: string | undefined, group: string): Promise<NextCodeResponse> {
    const doc = await editableDocument(this.provinces, this.items, principal, provinceCode, docCode, 'task');
    const ctx = await this.items.context(doc, 'task');
    return { code: suggestItemCode(group, ctx.codes) };
  }

  async create(principal: Principal, docCode: string, provinceCode: string | undefined, dto: CreateTaskDto, meta: RequestMeta, lang: Lang) {
    return this.dataSource.transaction(async (m) => {
      const items = this.items.withTransaction(m);
      const doc = await editableDocument(this.provinces, items, principal, provinceCode, docCode, 'task');
      // Two additions to one document wait for each other, so the suggested code stays free.
      await items.lockDocument(doc.id);
      const ctx = await items.context(doc, 'task');
      refuseProblems(checkTaskDraft(dto, codesOf(ctx), lang));
      const status = dto.status ?? 'not_started';
      const id = await items.insertTask({
        documentId: doc.id,
        groupId: idOf(ctx.groups, dto.group),
        code: dto.code?.trim() || suggestItemCode(dto.group, ctx.codes),
        title: cleanText(dto.title),
        leadId: idOf(ctx.agencies, dto.lead),
        supportIds: (dto.support ?? []).map((c) => idOf(ctx.agencies, c)),
        due: dto.due || null,
        status,
        progress: status === 'done' ? 100 : (dto.progress ?? null),
        by: principal.username,
      });
      const after = toTaskResponse((await this.tasks.withTransaction(m).findById(id, today()))!);
      await items.log(
        {
          actor: principal,
          meta,
          action: 'task.create',
          entityKind: 'task',
          entityId: id,
          provinceId: doc.provinceId,
          before: null,
          after,
        },
        { provinceId: doc.provinceId, reason: 'task', kpiDone: true },
      );
      return { status: 201, body: after, etag: `"${after.version}"` } as ItemWriteResult;
    });
  }

  /** PATCH with title, lead, supporting agencies or due date (and possibly state fields, checked as an update is). */
  async edit(principal: Principal, id: string, ifMatch: string | undefined, dto: UpdateTaskDto, meta: RequestMeta, lang: Lang) {
    const expected = requiredVersion(ifMatch);
    return this.dataSource.transaction(async (m) => {
      const { before, items } = await this.locked(m, principal, id, expected);
      const doc = (await items.document(before.provinceId, before.documentCode))!;
      const ctx = await items.context(doc, 'task');
      const definition = { title: dto.title, lead: dto.lead, support: dto.support, due: dto.due };
      refuseProblems(checkTaskEdit(definition, { lead: before.leadCode }, codesOf(ctx), lang));
      const statePatch: TaskPatch = Object.fromEntries(STATE_KEYS.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]]));
      const next = Object.keys(statePatch).length ? applyTaskUpdate(before, statePatch, today()) : null;
      await items.updateTask(
        id,
        {
          title: dto.title === undefined ? undefined : cleanText(dto.title),
          lead_id: dto.lead === undefined ? undefined : idOf(ctx.agencies, dto.lead),
          due: dto.due === undefined ? undefined : dto.due || null,
          ...(next && {
            status: next.status,
            progress: next.progress,
            evidence_number: next.evidenceNumber,
            evidence_date: next.evidenceDate,
            evidence_issuer: next.evidenceIssuer,
            evidence_link: next.evidenceLink,
            cancel_reason: next.status === 'cancelled' ? before.cancelReason : null,
          }),
          last_comment: statePatch.comment === undefined ? undefined : cleanText(statePatch.comment) || null,
          web_edited_at: new Date(),
        },
        principal.username,
      );
      if (dto.support !== undefined)
        await items.replaceSupport(
          id,
          (dto.support ?? []).map((c) => idOf(ctx.agencies, c)),
        );
      return this.logged(m, principal, meta, 'task.edit', before, {});
    });
  }

  /** Cancels a task: kept, shown as "đã hủy", left out of progress and of reconciled counts; the reason recorded. */
  async cancel(principal: Principal, id: string, ifMatch: string | undefined, reason: string, meta: RequestMeta, lang: Lang) {
    const expected = requiredVersion(ifMatch);
    return this.dataSource.transaction(async (m) => {
      const { before, items } = await this.locked(m, principal, id, expected);
      refuseProblems(checkCancelReason(reason, lang));
      if (before.status === 'cancelled') throw new DomainError('INVALID_INPUT', taskEditMessages.alreadyCancelled('task', before.code));
      const next = applyTaskUpdate(before, { status: 'cancelled' }, today());
      await items.updateTask(
        id,
        { status: next.status, progress: next.progress, cancel_reason: cleanText(reason), web_edited_at: new Date() },
        principal.username,
      );
      return this.logged(m, principal, meta, 'task.cancel', before, { reason: cleanText(reason) });
    });
  }

  /** The task locked, if the principal may edit it and it is at the version the caller read. */
  private async locked(m: EntityManager, principal: Principal, id: string, expected: number) {
    const before = await this.tasks.withTransaction(m).lockById(id, today());
    if (!before) throw new DomainError('TASK_NOT_FOUND', taskEditMessages.taskNotFound(id));
    assertPlanEditor(principal, before.provinceId, 'task');
    if (before.version !== expected) {
      throw new DomainError('VERSION_CONFLICT', taskEditMessages.versionConflict('task', before.code, before.version, expected), {
        current: toTaskResponse(before),
      });
    }
    return { before, items: this.items.withTransaction(m) };
  }

  /** The task as written, its audit entry (before and after) and the outbox row of its recompute. */
  private async logged(m: EntityManager, principal: Principal, meta: RequestMeta, action: string, before: TaskRow, extra: object) {
    const after = toTaskResponse((await this.tasks.withTransaction(m).findById(before.id, today()))!);
    await this.items.withTransaction(m).log(
      {
        actor: principal,
        meta,
        action,
        entityKind: 'task',
        entityId: before.id,
        provinceId: before.provinceId,
        before: toTaskResponse(before),
        after: { ...after, ...extra },
      },
      { provinceId: before.provinceId, reason: 'task', kpiDone: true },
    );
    return { status: 200, body: after, etag: `"${after.version}"` } as ItemWriteResult;
  }
}
