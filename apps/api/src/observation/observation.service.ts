import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import {
  AuditRepository,
  IdempotencyRepository,
  ObservationRepository,
  ProvinceRepository,
  RequestMeta,
  SubmissionRepository,
} from '@dx/db';
import {
  assertAccess,
  canWriteObservation,
  canWriteObservationsIn,
  commonMessages,
  DomainError,
  kpiMessages,
  needsApproval,
  observationProblems,
  ObservationWarning,
  ObservationWriteResponse,
  orgMessages,
  parsePeriod,
  Principal,
} from '@dx/domain';
import { figuresAsWritten, readFigures } from './observation-figures';
import { ObservationValue, submissionPayload, submitObservation, writeObservation } from './observation.writer';
import { CreateObservationDto, ListObservationsQuery } from './dto/create-observation.dto';
import { readableProvinceId } from '../common/readable-province';
import { pageOf, pageWindow } from '../common/page.query';

export interface RecordResult {
  status: 200 | 201 | 202;
  body: ObservationWriteResponse;
}

@Injectable()
export class ObservationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly observations: ObservationRepository,
    private readonly submissions: SubmissionRepository,
    private readonly keys: IdempotencyRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(principal: Principal, q: ListObservationsQuery) {
    const provinceId = await readableProvinceId(this.provinces, principal, q.province);
    const { rows, total } = await this.observations.list(
      { provinceId, indicatorCode: q.indicator, orgCode: q.org, period: q.period ? (parsePeriod(q.period)?.code ?? q.period) : undefined },
      { ...pageWindow(q), sort: q.sort },
    );
    return pageOf(q, rows, total);
  }

  /**
   * Records one KPI value: created (201) or replacing the value of the same (indicator, org,
   * period, source) (200); a reporter's value waits for an officer as a submission (202)
   * unless the province trusts its reporters. With an Idempotency-Key, a repeat of the same request replays
   * the first answer and a different request with the key is refused. The value, its
   * audit entry and the outbox row that triggers the recompute are one transaction.
   */
  async record(
    principal: Principal,
    dto: CreateObservationDto,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
  ): Promise<RecordResult> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new DomainError('INVALID_INPUT', kpiMessages.idempotencyKeyInvalid(), {
        errors: [{ path: 'Idempotency-Key', messages: [kpiMessages.idempotencyKeyRule()] }],
      });
    }
    const written = figuresAsWritten(dto);
    const source = dto.source?.trim().normalize('NFC') || null;
    const request = { ...dto, ...written, source, org: dto.org?.trim() || null, note: dto.note?.trim().normalize('NFC') || null };
    const requestHash = createHash('sha256')
      .update(JSON.stringify(Object.entries(request).sort(([a], [b]) => a.localeCompare(b))))
      .digest('hex');
    return this.dataSource.transaction(async (m) => {
      const keys = this.keys.withTransaction(m);
      if (idempotencyKey !== undefined) {
        const earlier = await keys.claim(principal.userId, idempotencyKey, requestHash);
        if (earlier) {
          if (earlier.requestHash !== requestHash) {
            throw new DomainError('IDEMPOTENCY_KEY_REUSED', kpiMessages.idempotencyKeyReused());
          }
          return earlier.response as RecordResult;
        }
      }
      const repo = this.observations.withTransaction(m);
      const resolved = await repo.resolveTarget(dto.indicator, dto.province, request.org);
      if (!resolved.province) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(dto.province));
      // Another province's indicators and agencies are not told apart from missing ones: refused first.
      assertAccess(canWriteObservationsIn(principal, resolved.province), kpiMessages.noRightToEnterValuesIn(dto.province));
      if (!resolved.indicator) throw new DomainError('INDICATOR_NOT_FOUND', kpiMessages.indicatorNotTracked(dto.indicator, dto.province));
      const target = resolved.target;
      if (!target) throw new DomainError('ORG_UNIT_NOT_FOUND', orgMessages.orgUnitNotFound(String(request.org), dto.province));
      assertAccess(canWriteObservation(principal, target), kpiMessages.noRightToEnterValues(target.orgUnitCode));
      const period = parsePeriod(dto.period);
      const { figures, unread } = readFigures(dto, target);
      const problems = unread.length
        ? []
        : observationProblems({ code: target.indicatorCode, unit: target.unit, kind: target.kind, scale: target.scale }, figures);
      const errors = [
        ...(period ? [] : [{ path: 'period', messages: [commonMessages.notARealPeriod(dto.period)] }]),
        ...unread.map((u) => ({ path: u.field, messages: [u.message] })),
        ...problems.filter((p) => p.severity === 'error').map((p) => ({ path: p.field, messages: [{ vi: p.vi, en: p.message }] })),
      ];
      if (errors.length) throw new DomainError('INVALID_INPUT', kpiMessages.valueBreaksRules(), { errors });
      const warnings = problems.filter((p) => p.severity === 'warning').map((p) => ({ path: p.field, message: p.message }));
      const value: ObservationValue = { target, period: period!, figures, source, note: request.note };
      const submissions = this.submissions.withTransaction(m);
      const audit = this.audit.withTransaction(m);
      let result: RecordResult;
      if (needsApproval(principal, await submissions.trustsReporters(target.provinceId))) {
        result = await this.submitForApproval(submissions, audit, principal, value, meta, warnings);
      } else {
        const { before, after } = await writeObservation({ observations: repo, audit }, value, {
          principal,
          enteredBy: principal.username,
          meta,
        });
        result = { status: before ? 200 : 201, body: { observation: after, created: !before, warnings } };
      }
      if (idempotencyKey !== undefined) await keys.complete(principal.userId, idempotencyKey, result);
      return result;
    });
  }

  /** A reporter's value that waits for an officer: a submission and its audit entry, in the caller's transaction (202). */
  private async submitForApproval(
    submissions: SubmissionRepository,
    audit: AuditRepository,
    principal: Principal,
    value: ObservationValue,
    meta: RequestMeta,
    warnings: ObservationWarning[],
  ): Promise<RecordResult> {
    const submission = await submitObservation({ submissions, audit }, value.target.provinceId, submissionPayload(value), {
      principal,
      meta,
    });
    return { status: 202, body: { submission, warnings } };
  }
}
