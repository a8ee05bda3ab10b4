import { Injectable } from '@nestjs/common';
import { CronExpressionParser } from 'cron-parser';
import { DataSource } from 'typeorm';
import { AuditRepository, ProvinceRepository, ReportRepository, RequestMeta } from '@dx/db';
import {
  assertAccess,
  canApprove,
  canRead,
  commonMessages,
  DomainError,
  isIsoDate,
  parsePeriod,
  planMessages,
  Principal,
  ReportFormat,
  ReportFrequency,
  reportMessages,
  ReportOrderResponse,
  things,
  todayIn,
} from '@dx/domain';
import { ReportPayload, ReportProducer } from '@dx/jobs';
import { TIME_ZONE } from '@dx/status-engine';
import { defaultHeading } from '@dx/reports';
import { CreateReportDto, CreateScheduleDto, ListReportsQuery, ReportHeadingDto, UpdateScheduleDto } from './dto/report.dto';
import { assertReadable, existingProvinceId, readableProvinceId } from '../common/readable-province';
import { pageOf, pageWindow } from '../common/page.query';

/** A schedule's recipients without repeats (compared regardless of case, the first kept); undefined stays undefined. */
const uniq = (list?: string[]) =>
  list?.map((r) => r.trim()).filter((r, i, all) => all.findIndex((o) => o.toLowerCase() === r.toLowerCase()) === i);

/** Who may order reports and manage schedules: admins, and the province's officers and leaders (people). */
function canOrderReports(p: Principal, provinceId: string): boolean {
  return p.scopes === null && (p.role === 'admin' || (canRead(p, provinceId) && (p.role === 'officer' || p.role === 'leader')));
}

/** A text a person typed, trimmed and in NFC; undefined when blank. */
const cleanText = (v: string | undefined) => v?.trim().normalize('NFC') || undefined;

@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly provinces: ProvinceRepository,
    private readonly producer: ReportProducer,
    private readonly reports: ReportRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(principal: Principal, q: ListReportsQuery) {
    const provinceId = await readableProvinceId(this.provinces, principal, q.province);
    const { rows, total } = await this.reports.list(
      { provinceId, document: q.document, period: q.period ? (parsePeriod(q.period)?.code ?? q.period) : undefined },
      pageWindow(q),
    );
    return pageOf(q, rows, total);
  }

  async get(principal: Principal, id: string) {
    const report = await this.reports.findById(id);
    if (!report) throw new DomainError('REPORT_NOT_FOUND', reportMessages.notFound(id));
    await assertReadable(this.provinces, principal, report.provinceId, things.report(id));
    const { provinceId: _provinceId, ...rest } = report;
    return rest;
  }

  async file(principal: Principal, id: string, format: ReportFormat): Promise<{ bytes: Buffer; name: string }> {
    const report = await this.get(principal, id);
    const bytes = await this.reports.file(id, format);
    if (!bytes) throw new DomainError('REPORT_NOT_FOUND', reportMessages.noFile(id, format));
    return { bytes, name: `bao-cao-${report.province}-${report.document.replace(/[^A-Za-z0-9-]+/g, '-')}-${report.period}.${format}` };
  }

  /** Queues a report; the job (GET /api/v1/jobs/:id) reports its progress and, when done, the report's id. */
  async order(principal: Principal, dto: CreateReportDto): Promise<ReportOrderResponse> {
    const provinceId = await existingProvinceId(this.provinces, dto.province);
    assertAccess(canOrderReports(principal, provinceId), reportMessages.noRightToOrder(dto.province));
    if (!parsePeriod(dto.period))
      throw new DomainError('INVALID_INPUT', commonMessages.notARealPeriod(dto.period), {
        errors: [{ path: 'period', messages: [commonMessages.notARealPeriodRule()] }],
      });
    if (dto.asOf !== undefined && !isIsoDate(dto.asOf))
      throw new DomainError('INVALID_DATE', commonMessages.notARealDate('asOf', dto.asOf));
    if (!(await this.reports.documentOf(dto.province, dto.document))) {
      throw new DomainError('DOCUMENT_NOT_FOUND', planMessages.documentNotFound(dto.document, dto.province));
    }
    const payload: ReportPayload = {
      province: dto.province,
      document: dto.document,
      period: dto.period,
      asOf: dto.asOf,
      formats: dto.formats ?? ['pdf', 'xlsx'],
      requestedBy: principal.username,
      number: cleanText(dto.number),
      signerName: cleanText(dto.signerName),
      signerTitle: cleanText(dto.signerTitle),
    };
    const job = await this.producer.generate(payload);
    return { job: { id: job.id!, state: 'waiting' } };
  }

  /** The heading every report of the province prints; the default is built from the province's name. */
  async heading(principal: Principal, province: string) {
    const provinceId = await readableProvinceId(this.provinces, principal, province);
    const { name, heading } = await this.reports.heading(provinceId);
    return { ...defaultHeading(name, todayIn(TIME_ZONE, new Date())), ...(heading ?? {}), custom: heading !== null };
  }

  async saveHeading(principal: Principal, province: string, heading: ReportHeadingDto, meta: RequestMeta) {
    const provinceId = await existingProvinceId(this.provinces, province);
    assertAccess(canApprove(principal, provinceId), reportMessages.noRightToHeading(province));
    const value = Object.fromEntries(
      Object.entries(heading).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((x) => x.trim().normalize('NFC')) : typeof v === 'string' ? v.trim().normalize('NFC') : v,
      ]),
    );
    await this.dataSource.transaction(async (m) => {
      const reports = this.reports.withTransaction(m);
      const before = await reports.storedHeading(provinceId);
      await reports.saveHeading(provinceId, value, principal.username);
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'report-heading.update',
        entityKind: 'province',
        entityId: provinceId,
        provinceId,
        before,
        after: value,
      });
    });
    return this.heading(principal, province);
  }

  async schedules(principal: Principal, province: string) {
    const provinceId = await readableProvinceId(this.provinces, principal, province);
    return { items: await this.reports.listSchedules(provinceId) };
  }

  async createSchedule(principal: Principal, dto: CreateScheduleDto, meta: RequestMeta) {
    const provinceId = await existingProvinceId(this.provinces, dto.province);
    assertAccess(canApprove(principal, provinceId), reportMessages.noRightToSchedules(dto.province));
    const cron = this.checkCron(dto.frequency, dto.cron);
    const ids = await this.reports.documentOf(dto.province, dto.document);
    if (!ids) throw new DomainError('DOCUMENT_NOT_FOUND', planMessages.documentNotFound(dto.document, dto.province));
    const schedule = await this.dataSource.transaction(async (m) => {
      const created = await this.reports.withTransaction(m).createSchedule({
        ...ids,
        frequency: dto.frequency,
        cron,
        formats: [...new Set(dto.formats)],
        createdBy: principal.username,
        recipients: uniq(dto.recipients),
      });
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'report-schedule.create',
        entityKind: 'report_schedule',
        entityId: created.id,
        provinceId,
        before: null,
        after: created,
      });
      return created;
    });
    await this.producer.syncSchedule(schedule);
    return schedule;
  }

  async updateSchedule(principal: Principal, id: string, dto: UpdateScheduleDto, meta: RequestMeta) {
    const before = await this.reports.findSchedule(id);
    if (!before) throw new DomainError('REPORT_NOT_FOUND', reportMessages.scheduleNotFound(id));
    assertAccess(canApprove(principal, before.provinceId), reportMessages.noRightToSchedule(id));
    const cron = this.checkCron(dto.frequency, dto.cron);
    const after = await this.dataSource.transaction(async (m) => {
      const updated = await this.reports.withTransaction(m).updateSchedule(id, {
        frequency: dto.frequency,
        cron,
        formats: [...new Set(dto.formats)],
        enabled: dto.enabled,
        recipients: uniq(dto.recipients),
      });
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'report-schedule.update',
        entityKind: 'report_schedule',
        entityId: id,
        provinceId: before.provinceId,
        before,
        after: updated,
      });
      return updated;
    });
    await this.producer.syncSchedule(after);
    return after;
  }

  async deleteSchedule(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const before = await this.reports.findSchedule(id);
    if (!before) throw new DomainError('REPORT_NOT_FOUND', reportMessages.scheduleNotFound(id));
    assertAccess(canApprove(principal, before.provinceId), reportMessages.noRightToSchedule(id));
    await this.dataSource.transaction(async (m) => {
      await this.reports.withTransaction(m).deleteSchedule(id);
      await this.audit.withTransaction(m).append({
        actor: principal,
        meta,
        action: 'report-schedule.delete',
        entityKind: 'report_schedule',
        entityId: id,
        provinceId: before.provinceId,
        before,
        after: null,
      });
    });
    await this.producer.syncSchedule({ id, enabled: false });
  }

  private checkCron(frequency: ReportFrequency, cron: string | undefined): string | null {
    if (frequency !== 'cron') {
      if (cron !== undefined)
        throw new DomainError('INVALID_INPUT', reportMessages.cronOnlyForCron(), {
          errors: [{ path: 'cron', messages: [reportMessages.cronOnlyRule()] }],
        });
      return null;
    }
    const text = (cron ?? '').trim();
    try {
      if (!text) throw new Error('required');
      CronExpressionParser.parse(text, { tz: TIME_ZONE });
    } catch (error) {
      throw new DomainError('INVALID_INPUT', reportMessages.notCron(text), {
        errors: [{ path: 'cron', messages: [reportMessages.notCronRule((error as Error).message)] }],
      });
    }
    return text;
  }
}
