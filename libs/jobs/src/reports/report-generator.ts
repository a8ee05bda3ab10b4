import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import { ReportRepository } from '@dx/db';
import { addDays, commonMessages, DomainError, parsePeriod, planMessages, ReportFormat, ReportFrequency, todayIn } from '@dx/domain';
import { buildReportDocx, buildReportPdf, buildReportXlsx, ReportData } from '@dx/reports';
import { Clock, RecomputeEngine, stableJson, TIME_ZONE } from '@dx/status-engine';
import { readReportData, reportAsOf } from './report-data.reader';

export interface GenerateRequest {
  province: string;
  document: string;
  period: string;
  asOf?: string;
  formats: ReportFormat[];
  createdBy: string;
  scheduleId?: string | null;
  tick?: Date | null;
  /** The queue job making it: a job run again after a crash stores no second report. */
  jobId?: string | null;
  /** Its own number ("125/BC-SKHCN") and signer, printed in its heading and signature block. */
  number?: string | null;
  signerName?: string | null;
  signerTitle?: string | null;
}

export interface GeneratedReport {
  /** The job's report if an earlier run of the job stored it; null when the schedule's tick already had its report (made by another worker). */
  id: string | null;
  checksum: string;
  data: ReportData;
  files: Partial<Record<ReportFormat, Buffer>>;
}

/** The checksum of a report's data section: the same data and as-of date give the same checksum whenever it is made. */
export function reportChecksum(data: ReportData): string {
  const { issued: _issued, ...section } = data;
  return createHash('sha256').update(stableJson(section)).digest('hex');
}

/**
 * The period a schedule's tick reports on: weekly and cron schedules the day of the tick,
 * monthly, quarterly and yearly ones the period that ended the day before.
 */
export function scheduledPeriod(frequency: ReportFrequency, tickDate: string): string {
  const before = addDays(tickDate, -1);
  const [y, m] = before.split('-').map(Number);
  switch (frequency) {
    case 'monthly':
      return before.slice(0, 7);
    case 'quarterly':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'yearly':
      return String(y);
    default:
      return tickDate;
  }
}

/**
 * Makes a report: recomputes the province at the report's as-of date (so the figures are
 * current and the same as the dashboard's), reads the report data, builds the files and
 * stores them with the checksum of the data section.
 */
export class ReportGenerator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async generate(r: GenerateRequest, onProgress?: (percent: number) => Promise<void> | void): Promise<GeneratedReport> {
    const period = parsePeriod(r.period);
    if (!period)
      throw new DomainError('INVALID_INPUT', commonMessages.notAPeriod(r.period), {
        errors: [{ path: 'period', messages: [commonMessages.periodForms()] }],
      });
    const today = todayIn(TIME_ZONE, this.clock.now());
    const asOf = r.asOf ?? reportAsOf(period.code, today);
    const repo = new ReportRepository(this.dataSource);
    const ids = await repo.documentOf(r.province, r.document);
    if (!ids) throw new DomainError('DOCUMENT_NOT_FOUND', planMessages.documentNotFoundInProvince(r.document, r.province));
    await new RecomputeEngine(this.dataSource, this.clock).recompute({ provinceId: ids.provinceId, asOf, trigger: 'report' });
    await onProgress?.(30);
    const since = r.scheduleId ? await repo.previousAsOf(r.scheduleId, asOf) : undefined;
    const data = await readReportData(this.dataSource, {
      province: r.province,
      document: r.document,
      period: period.code,
      asOf,
      issued: today,
      since,
      number: r.number,
      signerName: r.signerName,
      signerTitle: r.signerTitle,
    });
    await onProgress?.(50);
    const files: Partial<Record<ReportFormat, Buffer>> = {};
    if (r.formats.includes('pdf')) files.pdf = await buildReportPdf(data);
    await onProgress?.(75);
    if (r.formats.includes('xlsx')) files.xlsx = await buildReportXlsx(data);
    if (r.formats.includes('docx')) files.docx = await buildReportDocx(data);
    const checksum = reportChecksum(data);
    const id = await repo.insert({
      provinceId: ids.provinceId,
      documentId: ids.documentId,
      period: period.code,
      asOf,
      formats: r.formats,
      checksum,
      data,
      pdf: files.pdf ?? null,
      xlsx: files.xlsx ?? null,
      docx: files.docx ?? null,
      number: r.number ?? null,
      signerName: r.signerName ?? null,
      signerTitle: r.signerTitle ?? null,
      scheduleId: r.scheduleId ?? null,
      tick: r.tick ?? null,
      createdBy: r.createdBy,
      jobId: r.jobId ?? null,
    });
    await onProgress?.(100);
    return { id, checksum, data, files };
  }
}
