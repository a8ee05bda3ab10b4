import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GoalItemRow, PlanItemRepository, ProvinceRepository, RequestMeta } from '@dx/db';
import {
  canRead,
  checkCancelReason,
  checkGoalDraft,
  checkGoalEdit,
  cleanText,
  DomainError,
  GoalItemResponse,
  Lang,
  Principal,
  suggestItemCode,
  taskEditMessages,
} from '@dx/domain';
import { CreateGoalDto, UpdateGoalDto } from './dto/plan-item.dto';
import { assertPlanEditor, codesOf, editableDocument, idOf, refuseProblems, requiredVersion } from './plan-item.access';
import type { ItemWriteResult } from './task-item.service';

export function toGoalItemResponse(g: GoalItemRow): GoalItemResponse {
  return {
    id: g.id,
    code: g.code,
    title: g.title,
    kind: g.kind,
    document: g.documentCode,
    group: g.groupCode,
    indicator: g.indicator,
    target: g.targetOp ? { op: g.targetOp, value: g.targetValue! } : null,
    due: g.due,
    origin: g.origin,
    cancelled: g.cancelledAt ? { at: new Date(g.cancelledAt).toISOString(), reason: g.cancelReason } : null,
    version: g.version,
  };
}

/**
 * Goals added, edited (title, due date, target) and cancelled in the web app (issue 19). A cancelled goal keeps its
 * row, marked cancelled with the reason, and is left out of evaluations, rollups and reconciliations. Each write is
 * audited (`goal.create`, `goal.edit`, `goal.cancel`) and queues a full recompute (a target can change a KPI's).
 */
@Injectable()
export class GoalItemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly items: PlanItemRepository,
  ) {}

  async get(principal: Principal, id: string): Promise<GoalItemResponse> {
    const goal = await this.items.findGoal(id);
    if (!goal) throw new DomainError('GOAL_NOT_FOUND', taskEditMessages.goalNotFound(id));
    if (!canRead(principal, goal.provinceId)) throw new DomainError('ACCESS_DENIED', taskEditMessages.noAccessToGoal(goal.code));
    return toGoalItemResponse(goal);
  }

  async create(principal: Principal, docCode: string, provinceCode: string | undefined, dto: CreateGoalDto, meta: RequestMeta, lang: Lang) {
    return this.dataSource.transaction(async (m) => {
      const items = this.items.withTransaction(m);
      const doc = await editableDocument(this.provinces, items, principal, provinceCode, docCode, 'goal');
      await items.lockDocument(doc.id);
      const ctx = await items.context(doc, 'goal');
      refuseProblems(checkGoalDraft(dto, codesOf(ctx), lang));
      const id = await items.insertGoal({
        documentId: doc.id,
        groupId: idOf(ctx.groups, dto.group),
        code: dto.code?.trim() || suggestItemCode(dto.group, ctx.codes),
        title: cleanText(dto.title),
        indicatorId: dto.target && dto.indicator ? idOf(ctx.indicators, dto.indicator) : null,
        target: dto.target ? { op: dto.target.op, value: String(dto.target.value) } : null,
        due: dto.due,
      });
      const after = toGoalItemResponse((await items.findGoal(id))!);
      await items.log(
        {
          actor: principal,
          meta,
          action: 'goal.create',
          entityKind: 'goal',
          entityId: id,
          provinceId: doc.provinceId,
          before: null,
          after,
        },
        { provinceId: doc.provinceId, reason: 'goal' },
      );
      return { status: 201, body: after, etag: `"${after.version}"` } as ItemWriteResult;
    });
  }

  async edit(principal: Principal, id: string, ifMatch: string | undefined, dto: UpdateGoalDto, meta: RequestMeta, lang: Lang) {
    const expected = requiredVersion(ifMatch);
    return this.dataSource.transaction(async (m) => {
      const { before, items } = await this.locked(m, principal, id, expected);
      refuseProblems(checkGoalEdit(dto, before, lang));
      await items.updateGoal(id, {
        title: dto.title === undefined ? undefined : cleanText(dto.title),
        due: dto.due,
        target_op: dto.target?.op,
        target_value: dto.target === undefined ? undefined : String(dto.target.value),
        web_edited_at: new Date(),
      });
      return this.logged(m, principal, meta, 'goal.edit', before, {});
    });
  }

  async cancel(principal: Principal, id: string, ifMatch: string | undefined, reason: string, meta: RequestMeta, lang: Lang) {
    const expected = requiredVersion(ifMatch);
    return this.dataSource.transaction(async (m) => {
      const { before, items } = await this.locked(m, principal, id, expected);
      refuseProblems(checkCancelReason(reason, lang));
      if (before.cancelledAt) throw new DomainError('INVALID_INPUT', taskEditMessages.alreadyCancelled('goal', before.code));
      await items.updateGoal(id, { cancelled_at: new Date(), cancel_reason: cleanText(reason), web_edited_at: new Date() });
      return this.logged(m, principal, meta, 'goal.cancel', before, { reason: cleanText(reason) });
    });
  }

  private async locked(m: EntityManager, principal: Principal, id: string, expected: number) {
    const items = this.items.withTransaction(m);
    const before = await items.lockGoal(id);
    if (!before) throw new DomainError('GOAL_NOT_FOUND', taskEditMessages.goalNotFound(id));
    assertPlanEditor(principal, before.provinceId, 'goal');
    if (before.version !== expected) {
      throw new DomainError('VERSION_CONFLICT', taskEditMessages.versionConflict('goal', before.code, before.version, expected), {
        current: toGoalItemResponse(before),
      });
    }
    return { before, items };
  }

  private async logged(m: EntityManager, principal: Principal, meta: RequestMeta, action: string, before: GoalItemRow, extra: object) {
    const items = this.items.withTransaction(m);
    const after = toGoalItemResponse((await items.findGoal(before.id))!);
    await items.log(
      {
        actor: principal,
        meta,
        action,
        entityKind: 'goal',
        entityId: before.id,
        provinceId: before.provinceId,
        before: toGoalItemResponse(before),
        after: { ...after, ...extra },
      },
      { provinceId: before.provinceId, reason: 'goal' },
    );
    return { status: 200, body: after, etag: `"${after.version}"` } as ItemWriteResult;
  }
}
