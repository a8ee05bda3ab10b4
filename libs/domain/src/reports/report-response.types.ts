import type { ReportFormat, ReportFrequency } from './report-kinds';

/** A stored report as `GET /api/v1/reports` lists it (its files are fetched apart). */
export interface StoredReport {
  id: string;
  province: string;
  document: string;
  period: string;
  asOf: string;
  formats: ReportFormat[];
  checksum: string;
  scheduleId: string | null;
  tick: Date | null;
  createdBy: string;
  createdAt: Date;
  sizes: { pdf: number | null; xlsx: number | null; docx: number | null };
  /** The number it was ordered with ("125/BC-SKHCN"); null: left blank for the clerk. */
  number: string | null;
  /** The signer it was ordered with; null: the province's heading's. */
  signerName: string | null;
  signerTitle: string | null;
}

/** A report schedule as `GET /api/v1/report-schedules` lists it. */
export interface ReportSchedule {
  id: string;
  provinceId: string;
  province: string;
  document: string;
  frequency: ReportFrequency;
  cron: string | null;
  formats: ReportFormat[];
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  version: number;
  /** Nơi nhận: account usernames and email addresses sent each report the schedule makes. */
  recipients: string[];
}

/** `POST /api/v1/reports`: the queued job that makes the report (follow it with `GET /api/v1/jobs/:id`). */
export interface ReportOrderResponse {
  job: { id: string; state: string };
}
