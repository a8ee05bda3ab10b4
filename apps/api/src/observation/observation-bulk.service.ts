import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditEntry,
  AuditRepository,
  IdempotencyRepository,
  ObservationRepository,
  ObservationTarget,
  RequestMeta,
  SubmissionRepository,
} from '@dx/db';
import {
  BulkUploadResult,
  canWriteObservation,
  DomainError,
  kpiMessages,
  Lang,
  Localised,
  needsApproval,
  observationProblems,
  parsePeriod,
  Principal,
} from '@dx/domain';
import { localiseErrors } from '../common/problem';
import { badTextPaths, flattenValidationErrors } from '../common/validation.pipe';
import { toSubmissionResponse } from '../submission/submission.response';
import { UploadedRow } from './bulk-parse';
import { bulkMessages } from './bulk.messages';
import { CreateObservationDto } from './dto/create-observation.dto';
import { readFigures } from './observation-figures';
import { ObservationValue, submissionPayload } from './observation.writer';

export interface BulkOptions {
  /** For rows that name no province. */
  province?: string;
  /** Accept the valid rows even when others are refused (default: all or nothing). */
  partial: boolean;
}

interface RowError {
  row: number;
  line: number;
  path: string;
  messages: (string | Localised)[];
  /** A DTO rule that failed, for its Vietnamese text (field-messages.ts). */
  rules?: string[];
  limits?: Record<string, string>;
}

/** Row errors as sent: every message in the reader's language. */
function rowErrorsIn(errors: RowError[], lang: Lang): { path: string; line: number; messages: string[] }[] {
  return errors.map((e) => ({ path: e.path, line: e.line, messages: localiseErrors([e], lang)[0].messages }));
}

/**
 * KPI values by the thousand (JSON, CSV or Excel): every row checked as a single value is
 * (DTO rules, tracked indicator, org unit, access, period, observation rules), every
 * problem reported with its row; then all rows are written in one transaction, or, with
 * `partial`, the valid ones. Writes are set-based, so 10,000 rows take seconds.
 */
@Injectable()
export class ObservationBulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly observations: ObservationRepository,
    private readonly submissions: SubmissionRepository,
    private readonly keys: IdempotencyRepository,
    private readonly audit: AuditRepository,
  ) {}

  async upload(
    principal: Principal,
    rows: UploadedRow[],
    options: BulkOptions,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
    lang: Lang = 'vi',
  ): Promise<BulkUploadResult> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([options, rows.map((r) => r.values)]))
      .digest('hex');
    return this.dataSource.transaction(async (m) => {
      const keys = this.keys.withTransaction(m);
      if (idempotencyKey !== undefined) {
        const earlier = await keys.claim(principal.userId, idempotencyKey, requestHash);
        if (earlier) {
          if (earlier.requestHash !== requestHash)
            throw new DomainError('IDEMPOTENCY_KEY_REUSED', kpiMessages.idempotencyKeyReusedUpload());
          // Stored by this method for the same request: the answer it gave then.
          return earlier.response.body as BulkUploadResult;
        }
      }
      const { values, errors, warnings } = await this.check(m, principal, rows, options, lang);
      const rejected = new Set(errors.map((e) => e.row)).size;
      if (errors.length && !options.partial) {
        throw new DomainError('INVALID_INPUT', bulkMessages.rowsRefused(rejected, rows.length, values.length), {
          total: rows.length,
          rejected,
          errors: errors.map(({ path, messages, line, rules, limits }) => ({ path, messages, line, rules, limits })),
        });
      }
      const written = await this.write(m, principal, values, meta);
      const body: BulkUploadResult = {
        total: rows.length,
        accepted: values.length,
        rejected,
        ...written,
        errors: rowErrorsIn(errors, lang),
        warnings,
      };
      if (idempotencyKey !== undefined) await keys.complete(principal.userId, idempotencyKey, { status: 200, body });
      return body;
    });
  }

  private async check(m: EntityManager, principal: Principal, rows: UploadedRow[], options: BulkOptions, lang: Lang) {
    const repo = this.observations.withTransaction(m);
    const targets = new Map<string, Awaited<ReturnType<ObservationRepository['resolveTarget']>>>();
    const errors: RowError[] = [];
    const warnings: { path: string; line: number; message: string }[] = [];
    const values: (ObservationValue & { row: number })[] = [];
    const seen = new Map<string, number>();
    for (const [i, { values: raw, line }] of rows.entries()) {
      const at = (field: string) => `rows[${i}]${field ? `.${field}` : ''}`;
      const fail = (field: string, message: Localised) => errors.push({ row: i, line, path: at(field), messages: [message] });
      const bad = badTextPaths(raw);
      if (bad.length) {
        for (const { path, fault } of bad) fail(path, bulkMessages[fault]());
        continue;
      }
      const dto = plainToInstance(CreateObservationDto, { ...raw, province: raw.province ?? options.province });
      const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      if (invalid.length) {
        for (const e of flattenValidationErrors(invalid)) errors.push({ ...e, row: i, line, path: at(e.path) });
        continue;
      }
      const org = dto.org?.trim() || null;
      const key = `${dto.indicator}|${dto.province}|${org ?? ''}`;
      if (!targets.has(key)) targets.set(key, await repo.resolveTarget(dto.indicator, dto.province, org));
      const resolved = targets.get(key)!;
      if (!resolved.province) {
        fail('province', bulkMessages.noProvince(dto.province));
        continue;
      }
      if (!resolved.indicator) {
        fail('indicator', kpiMessages.indicatorNotTracked(dto.indicator, dto.province));
        continue;
      }
      const target: ObservationTarget | null = resolved.target;
      if (!target) {
        fail('org', bulkMessages.noOrgUnit(String(org), dto.province));
        continue;
      }
      if (!canWriteObservation(principal, target)) {
        fail('org', kpiMessages.noRightToEnterValues(target.orgUnitCode));
        continue;
      }
      const period = parsePeriod(dto.period);
      if (!period) {
        fail('period', bulkMessages.notAPeriod(dto.period));
        continue;
      }
      const { figures, unread } = readFigures(dto, target);
      if (unread.length) {
        for (const u of unread) fail(u.field, u.message);
        continue;
      }
      const problems = observationProblems(
        { code: target.indicatorCode, unit: target.unit, kind: target.kind, scale: target.scale },
        figures,
      );
      const refused = problems.filter((p) => p.severity === 'error');
      if (refused.length) {
        for (const p of refused) fail(p.field, { vi: p.vi, en: p.message });
        continue;
      }
      for (const p of problems) warnings.push({ path: at(p.field), line, message: lang === 'vi' ? p.vi : p.message });
      const source = dto.source?.trim().normalize('NFC') || null;
      const unique = `${target.indicatorId}|${target.orgUnitId}|${period.code}|${source ?? ''}`;
      if (seen.has(unique)) {
        const first = seen.get(unique)!;
        fail('period', bulkMessages.duplicateRow(first, rows[first].line));
        continue;
      }
      seen.set(unique, i);
      values.push({ row: i, target, period, figures, source, note: dto.note?.trim().normalize('NFC') || null });
    }
    return { values, errors, warnings };
  }

  private async write(m: EntityManager, principal: Principal, values: (ObservationValue & { row: number })[], meta: RequestMeta) {
    const audit = this.audit.withTransaction(m);
    const submissions = this.submissions.withTransaction(m);
    const observations = this.observations.withTransaction(m);
    const trusts = new Map<string, boolean>();
    for (const v of values)
      if (!trusts.has(v.target.provinceId)) trusts.set(v.target.provinceId, await submissions.trustsReporters(v.target.provinceId));
    const waiting = values.filter((v) => needsApproval(principal, trusts.get(v.target.provinceId)!));
    const direct = values.filter((v) => !needsApproval(principal, trusts.get(v.target.provinceId)!));
    const entries: AuditEntry[] = [];
    for (const v of waiting) {
      const s = await submissions.create({
        kind: 'observation',
        provinceId: v.target.provinceId,
        taskId: null,
        baseVersion: null,
        payload: submissionPayload(v),
        userId: principal.userId,
        username: principal.username,
      });
      entries.push({
        actor: principal,
        meta,
        action: 'observation.submit',
        entityKind: 'submission',
        entityId: s.id,
        provinceId: v.target.provinceId,
        before: null,
        after: toSubmissionResponse(s),
      });
    }
    const stored = direct.length
      ? await observations.upsertMany(
          direct.map((v) => ({
            target: v.target,
            write: { period: v.period, ...v.figures, source: v.source, note: v.note, enteredBy: principal.username },
          })),
        )
      : [];
    stored.forEach((s, k) => {
      const v = direct[k];
      entries.push({
        actor: principal,
        meta,
        action: s.created ? 'observation.create' : 'observation.update',
        entityKind: 'observation',
        entityId: s.id,
        provinceId: v.target.provinceId,
        before: s.before,
        after: { ...submissionPayload(v), bulk: true },
      });
    });
    await audit.appendMany(entries);
    if (direct.length) {
      await observations.queueKpiPasses(direct);
    }
    return { created: stored.filter((s) => s.created).length, updated: stored.filter((s) => !s.created).length, submitted: waiting.length };
  }
}
