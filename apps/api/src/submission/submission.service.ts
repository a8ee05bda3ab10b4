import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository, ObservationRepository, ProvinceRepository, RequestMeta, SubmissionRepository, TaskRepository } from '@dx/db';
import {
  applyTaskUpdate,
  assertAccess,
  canApprove,
  DomainError,
  kpiMessages,
  ObservationFigures,
  observationProblems,
  parsePeriod,
  Principal,
  submissionMessages,
  TaskPatch,
  todayIn,
} from '@dx/domain';
import { TIME_ZONE } from '@dx/status-engine';
import { writeObservation } from '../observation/observation.writer';
import { toTaskResponse } from '../task/task.response';
import { writeLockedTaskUpdate } from '../task/task.writer';
import { ListSubmissionsQuery } from './dto/submission.dto';
import { toSubmissionResponse } from './submission.response';
import { existingProvinceId, readableProvinceId } from '../common/readable-province';
import { pageOf, pageWindow } from '../common/page.query';

/** Reporters' task updates and KPI values that wait for an officer, and the province settings that decide whether they wait. */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly submissions: SubmissionRepository,
    private readonly tasks: TaskRepository,
    private readonly observations: ObservationRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Officers, leaders and admins see the province's submissions; a reporter sees its own. */
  async list(principal: Principal, q: ListSubmissionsQuery) {
    const provinceId = await readableProvinceId(this.provinces, principal, q.province);
    const { rows, total } = await this.submissions.list(
      { provinceId, status: q.status, kind: q.kind, submittedBy: principal.role === 'reporter' ? principal.userId : undefined },
      pageWindow(q),
    );
    return pageOf(q, rows.map(toSubmissionResponse), total);
  }

  async settings(principal: Principal, code: string) {
    const provinceId = await readableProvinceId(this.provinces, principal, code);
    return { province: code, ...(await this.submissions.settings(provinceId)) };
  }

  async saveSettings(principal: Principal, code: string, trustReporters: boolean, meta: RequestMeta) {
    const provinceId = await existingProvinceId(this.provinces, code);
    assertAccess(canApprove(principal, provinceId), submissionMessages.noRightToSettings(code));
    return this.dataSource.transaction(async (m) => {
      const repo = this.submissions.withTransaction(m);
      const before = await repo.settings(provinceId);
      await repo.saveSettings(provinceId, trustReporters, principal.username);
      const after = await repo.settings(provinceId);
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'settings.update',
        entityKind: 'province',
        entityId: provinceId,
        provinceId,
        before,
        after,
      });
      return { province: code, ...after };
    });
  }

  /**
   * Applies a submission as its reporter sent it, checked again against the data as it is
   * now: a task that changed since the reporter read it is a VERSION_CONFLICT (return the
   * submission; the reporter resubmits). The change, the decision, their audit entries and
   * the outbox row that triggers the recompute are one transaction.
   */
  async approve(principal: Principal, id: string, meta: RequestMeta) {
    const today = todayIn(TIME_ZONE, new Date());
    return this.dataSource.transaction(async (m) => {
      const submissions = this.submissions.withTransaction(m);
      const s = await this.lockPending(submissions, principal, id);
      const by = { principal, meta, submissionId: id };
      let result: unknown;
      if (s.kind === 'task') {
        const tasks = this.tasks.withTransaction(m);
        const before = await tasks.lockById(s.taskId!, today);
        if (!before) throw new DomainError('TASK_NOT_FOUND', submissionMessages.taskGone(id));
        if (before.version !== s.baseVersion) {
          throw new DomainError('VERSION_CONFLICT', submissionMessages.taskChanged(before.code, s.baseVersion, before.version), {
            current: toTaskResponse(before),
          });
        }
        const patch = s.payload as unknown as TaskPatch;
        const next = applyTaskUpdate(before, patch, today);
        result = { task: await writeLockedTaskUpdate(tasks, before, next, patch.comment, { ...by, updatedBy: s.submittedBy }, today) };
      } else {
        const p = s.payload as unknown as {
          indicator: string;
          org: string;
          period: string;
          source: string | null;
          note: string | null;
        } & ObservationFigures;
        const observations = this.observations.withTransaction(m);
        const resolved = await observations.resolveTarget(p.indicator, s.province, p.org);
        const period = parsePeriod(p.period);
        if (!resolved.target || !period) throw new DomainError('INVALID_INPUT', submissionMessages.noLongerTracked(id));
        const t = resolved.target;
        const errors = observationProblems({ code: t.indicatorCode, unit: t.unit, kind: t.kind, scale: t.scale }, p).filter(
          (x) => x.severity === 'error',
        );
        if (errors.length)
          throw new DomainError('INVALID_INPUT', kpiMessages.valueBreaksRules(), {
            errors: errors.map((e) => ({ path: e.field, messages: [{ vi: e.vi, en: e.message }] })),
          });
        const figures = { value: p.value, numerator: p.numerator, denominator: p.denominator };
        const { after } = await writeObservation(
          { observations, audit: this.audit.withTransaction(m) },
          { target: t, period, figures, source: p.source, note: p.note },
          { ...by, enteredBy: s.submittedBy },
        );
        result = { observation: after };
      }
      await submissions.decide(id, 'approved', principal.username, null);
      return { submission: await this.audited(m, s.provinceId, id, 'submission.approve', principal, meta), ...(result as object) };
    });
  }

  /** Sends a submission back with a reason; it never counts. */
  async reject(principal: Principal, id: string, reason: string, meta: RequestMeta) {
    return this.dataSource.transaction(async (m) => {
      const submissions = this.submissions.withTransaction(m);
      const s = await this.lockPending(submissions, principal, id);
      await submissions.decide(id, 'returned', principal.username, reason.trim().normalize('NFC'));
      return { submission: await this.audited(m, s.provinceId, id, 'submission.return', principal, meta) };
    });
  }

  private async lockPending(submissions: SubmissionRepository, principal: Principal, id: string) {
    const s = await submissions.lockById(id);
    if (!s) throw new DomainError('SUBMISSION_NOT_FOUND', submissionMessages.notFound(id));
    assertAccess(canApprove(principal, s.provinceId), submissionMessages.noRightToDecide(id));
    if (s.status !== 'submitted')
      throw new DomainError('SUBMISSION_DECIDED', submissionMessages.alreadyDecided(id, s.status), { current: toSubmissionResponse(s) });
    return s;
  }

  private async audited(
    m: import('typeorm').EntityManager,
    provinceId: string,
    id: string,
    action: string,
    principal: Principal,
    meta: RequestMeta,
  ) {
    const after = toSubmissionResponse((await this.submissions.withTransaction(m).findById(id))!);
    await this.audit
      .withTransaction(m)
      .append({ actor: principal, meta, action, entityKind: 'submission', entityId: id, provinceId, before: null, after });
    return after;
  }
}
