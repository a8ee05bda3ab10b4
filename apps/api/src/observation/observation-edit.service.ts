import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditRepository,
  ObservationEditRepository,
  ProvinceRepository,
  RequestMeta,
  StoredObservation,
  SubmissionRepository,
} from '@dx/db';
import {
  assertAccess,
  canEditObservation,
  DomainError,
  kpiMessages,
  needsApproval,
  ObservationCorrectResponse,
  observationProblems,
  Principal,
} from '@dx/domain';
import { assertReadable } from '../common/readable-province';
import { parseIfMatch, WriteResult } from '../task/task.service';
import { UpdateObservationDto } from './dto/update-observation.dto';
import { readFigures } from './observation-figures';
import { submitObservation } from './observation.writer';

/** A stored value as the API answers it (without the ids a check needs). */
function view(o: StoredObservation) {
  const { target: _target, ...rest } = o;
  return rest;
}

/**
 * Correcting and removing one stored KPI value, with If-Match (428 without, 409 with the current value when stale),
 * in one transaction with the row locked: the change, its audit entry (`observation.correct`, `observation.delete`)
 * and the outbox row that makes the KPI pass redo that indicator, agency and period.
 */
@Injectable()
export class ObservationEditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly observations: ObservationEditRepository,
    private readonly submissions: SubmissionRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** One value as listed (with its indicator's name and unit); its `version` is what If-Match sends back. */
  async get(principal: Principal, id: string) {
    const stored = await this.observations.findById(id);
    if (!stored) throw new DomainError('OBSERVATION_NOT_FOUND', { vi: `Không có số liệu "${id}"`, en: `no KPI value with id "${id}"` });
    await assertReadable(this.provinces, principal, stored.target.provinceId, { vi: `số liệu ${id}`, en: `KPI value ${id}` });
    return view(stored);
  }

  /** The value, if the principal reads it, may change it, and names its current version; the error to answer otherwise. */
  private async editable(repo: ObservationEditRepository, principal: Principal, id: string, ifMatch: string | undefined) {
    const expected = parseIfMatch(ifMatch);
    if (expected === null)
      throw new DomainError('VERSION_REQUIRED', {
        vi: 'Hãy gửi If-Match với phiên bản số liệu đã đọc ("version" hoặc ETag)',
        en: 'send If-Match with the version you read (the value\'s "version" or ETag)',
      });
    const stored = await repo.findById(id, true);
    if (!stored) throw new DomainError('OBSERVATION_NOT_FOUND', { vi: `Không có số liệu "${id}"`, en: `no KPI value with id "${id}"` });
    await assertReadable(this.provinces, principal, stored.target.provinceId, { vi: `số liệu ${id}`, en: `KPI value ${id}` });
    assertAccess(canEditObservation(principal, { ...stored.target, enteredBy: stored.enteredBy }), {
      vi: `Không có quyền sửa hoặc xóa số liệu ${stored.indicator} kỳ ${stored.period} của ${stored.org}`,
      en: `no right to change the value of ${stored.indicator} for ${stored.org}, ${stored.period}`,
    });
    if (stored.version !== expected) {
      throw new DomainError(
        'VERSION_CONFLICT',
        {
          vi: `Số liệu đã được thay đổi (phiên bản ${stored.version}, bạn gửi ${expected}); hãy tải lại`,
          en: `the value is at version ${stored.version}, not ${expected}; reload it`,
        },
        { current: view(stored) },
      );
    }
    return stored;
  }

  /** New figures or note: 200 with the value and its ETag, or 202 with a submission when a reporter's correction waits for an officer. */
  async correct(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    dto: UpdateObservationDto,
    meta: RequestMeta,
  ): Promise<WriteResult<ObservationCorrectResponse>> {
    return this.dataSource.transaction(async (m) => {
      const repo = this.observations.withTransaction(m);
      const before = await this.editable(repo, principal, id, ifMatch);
      // The figures sent, read with the value's indicator (`96,5`, `1.034`); those left out stay as stored.
      const { figures: read, unread } = readFigures(dto, before.target);
      const pick = (k: 'value' | 'numerator' | 'denominator') => (dto[k] === undefined ? before[k] : read[k]);
      const figures = { value: pick('value'), numerator: pick('numerator'), denominator: pick('denominator') };
      const note = dto.note === undefined ? before.note : dto.note?.trim().normalize('NFC') || null;
      const { kind, unit, scale, indicatorCode: code } = before.target;
      const problems = unread.length ? [] : observationProblems({ code, unit, kind, scale }, figures);
      const errors = [
        ...unread.map((u) => ({ path: u.field, messages: [u.message] })),
        ...problems.filter((p) => p.severity === 'error').map((p) => ({ path: p.field, messages: [p.message] })),
      ];
      if (errors.length) throw new DomainError('INVALID_INPUT', kpiMessages.valueBreaksRules(), { errors });
      const audit = this.audit.withTransaction(m);
      const submissions = this.submissions.withTransaction(m);
      if (needsApproval(principal, await submissions.trustsReporters(before.target.provinceId))) {
        const payload = { indicator: before.indicator, org: before.org, period: before.period, ...figures, source: before.source, note };
        const after = await submitObservation({ submissions, audit }, before.target.provinceId, payload, { principal, meta });
        return { status: 202, body: { submission: after } };
      }
      const written = await repo.correct(id, { ...figures, note, enteredBy: principal.username });
      await audit.append(
        {
          actor: principal,
          meta,
          action: 'observation.correct',
          entityKind: 'observation',
          entityId: id,
          provinceId: before.target.provinceId,
          before: view(before),
          after: written,
        },
        this.outbox(before),
      );
      const after = { ...written, indicatorName: before.indicatorName, unit: before.unit };
      return { status: 200, body: after, etag: `"${after.version}"` };
    });
  }

  /** Removes the value (204); audited with the value as it was. */
  async remove(principal: Principal, id: string, ifMatch: string | undefined, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = this.observations.withTransaction(m);
      const before = await this.editable(repo, principal, id, ifMatch);
      if (needsApproval(principal, await this.submissions.withTransaction(m).trustsReporters(before.target.provinceId))) {
        throw new DomainError('ACCESS_DENIED', {
          vi: 'Báo cáo viên không tự xóa được số liệu khi tỉnh yêu cầu duyệt; hãy đề nghị cán bộ Sở TT&TT xóa',
          en: "a reporter cannot remove values while the province approves reporters' writes; ask an officer",
        });
      }
      await repo.remove(id);
      await this.audit.withTransaction(m).append(
        {
          actor: principal,
          meta,
          action: 'observation.delete',
          entityKind: 'observation',
          entityId: id,
          provinceId: before.target.provinceId,
          before: view(before),
          after: null,
        },
        this.outbox(before),
      );
    });
  }

  private outbox(o: StoredObservation) {
    const t = o.target;
    return { provinceId: t.provinceId, reason: 'observation', indicatorId: t.indicatorId, orgUnitId: t.orgUnitId, period: o.period };
  }
}
