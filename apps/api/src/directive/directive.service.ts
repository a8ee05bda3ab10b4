import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository, DirectiveRepository, DirectiveRow, ProvinceRepository, RequestMeta } from '@dx/db';
import {
  assertAccess,
  canAnswer,
  canRead,
  canReview,
  commonMessages,
  directiveMessages,
  DomainError,
  isIsoDate,
  Principal,
  todayIn,
} from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { CreateDirectiveDto, ListDirectivesQuery } from './dto/directive.dto';
import { readableProvinceId } from '../common/readable-province';
import { pageOf, pageWindow } from '../common/page.query';

const today = () => todayIn(TIME_ZONE, new Date());

/** Leaders' directives and comments on a goal, task or group: open → answered (by the assignee agency) → closed (by a leader). */
@Injectable()
export class DirectiveService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly directives: DirectiveRepository,
    private readonly auditLog: AuditRepository,
  ) {}

  async create(principal: Principal, dto: CreateDirectiveDto, meta: RequestMeta): Promise<DirectiveRow> {
    if (dto.due !== undefined && !isIsoDate(dto.due)) throw new DomainError('INVALID_DATE', commonMessages.notARealDate('due', dto.due));
    return this.dataSource.transaction(async (m) => {
      const repo = this.directives.withTransaction(m);
      const provinceId = await repo.targetProvince(dto.target.kind, dto.target.id);
      if (!provinceId)
        throw new DomainError('INVALID_INPUT', directiveMessages.targetNotFound(dto.target.kind, dto.target.id), {
          errors: [{ path: 'target.id', messages: [commonMessages.notFoundRule()] }],
        });
      assertAccess(canReview(principal, provinceId, dto.kind), directiveMessages.noRightToLeave(dto.kind));
      let assigneeId: string | null = null;
      if (dto.assignee) {
        assigneeId = await repo.orgUnitIn(provinceId, dto.assignee.trim());
        if (!assigneeId) throw new DomainError('ORG_UNIT_NOT_FOUND', directiveMessages.agencyNotFound(dto.assignee));
      }
      const row = await repo.create(
        {
          provinceId,
          kind: dto.kind,
          targetKind: dto.target.kind,
          targetId: dto.target.id,
          body: dto.body.trim().normalize('NFC'),
          assigneeId,
          due: dto.due ?? null,
          by: principal.username,
        },
        today(),
      );
      await this.audit(m, principal, meta, 'directive.create', row, null);
      return row;
    });
  }

  async list(principal: Principal, q: ListDirectivesQuery) {
    const provinceId = await readableProvinceId(this.provinces, principal, q.province);
    const { rows, total } = await this.directives.list(
      { provinceId, status: q.status, kind: q.kind, assigneeCode: q.assignee, overdue: q.overdue, targetId: q.target },
      pageWindow(q),
      today(),
    );
    return pageOf(q, rows, total);
  }

  async answer(principal: Principal, id: string, answer: string, meta: RequestMeta): Promise<DirectiveRow> {
    return this.transition(principal, id, meta, 'directive.answer', (d) => {
      assertAccess(canAnswer(principal, d), directiveMessages.noRightToAnswer(id));
      if (d.kind !== 'directive' || d.status !== 'open')
        throw new DomainError('DIRECTIVE_STATE', directiveMessages.onlyOpenAnswerable(d.kind, d.status));
      return (repo) => repo.answer(id, answer.trim().normalize('NFC'), principal.username);
    });
  }

  async close(principal: Principal, id: string, meta: RequestMeta): Promise<DirectiveRow> {
    return this.transition(principal, id, meta, 'directive.close', (d) => {
      assertAccess(canReview(principal, d.provinceId, d.kind), directiveMessages.noRightToClose(id));
      if (d.status === 'closed') throw new DomainError('DIRECTIVE_STATE', directiveMessages.alreadyClosed(id));
      return (repo) => repo.close(id, principal.username);
    });
  }

  private async transition(
    principal: Principal,
    id: string,
    meta: RequestMeta,
    action: string,
    check: (d: DirectiveRow) => (repo: DirectiveRepository) => Promise<void>,
  ): Promise<DirectiveRow> {
    return this.dataSource.transaction(async (m) => {
      const repo = this.directives.withTransaction(m);
      const before = await repo.lockById(id, today());
      if (!before) throw new DomainError('DIRECTIVE_NOT_FOUND', directiveMessages.notFound(id));
      assertAccess(canRead(principal, before.provinceId), directiveMessages.noAccess(id));
      await check(before)(repo);
      const after = (await repo.findById(id, today()))!;
      await this.audit(m, principal, meta, action, after, before);
      return after;
    });
  }

  private audit(
    m: EntityManager,
    principal: Principal,
    meta: RequestMeta,
    action: string,
    after: DirectiveRow,
    before: DirectiveRow | null,
  ) {
    return this.auditLog
      .withTransaction(m)
      .append({ actor: principal, meta, action, entityKind: 'directive', entityId: after.id, provinceId: after.provinceId, before, after });
  }
}
